package dev.stepsolver.emulator.protocol;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The request line and headers of an HTTP request, before its body is read: enough to route it.
 *
 * @param rawPath the path exactly as sent, still percent-encoded
 * @param rawQuery the query string as sent, without {@code ?}; empty when there is none
 */
public record RequestHead(String method, String rawPath, String rawQuery, HttpHeaders headers) {

    public Optional<String> header(String name) {
        return headers.first(name);
    }

    /** The path percent-decoded (a {@code +} stays a plus, as in paths it must). */
    public String path() {
        return percentDecode(rawPath);
    }

    /** The Host header without its port. */
    public Optional<String> hostName() {
        return header("Host").map(host -> {
            if (host.startsWith("[")) {
                int end = host.indexOf(']');
                return end > 0 ? host.substring(0, end + 1) : host;
            }
            int colon = host.lastIndexOf(':');
            return colon >= 0 ? host.substring(0, colon) : host;
        });
    }

    /** Query parameters decoded, in order; a parameter without {@code =} has the empty value. */
    public Map<String, List<String>> queryParameters() {
        return parseForm(rawQuery);
    }

    public Optional<String> queryParameter(String name) {
        List<String> values = queryParameters().get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Decodes {@code application/x-www-form-urlencoded} text (and query strings) in order. */
    public static Map<String, List<String>> parseForm(String encoded) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return result;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            result.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        return result;
    }

    /** Percent-decodes a path segment or path; unlike form decoding, {@code +} is kept. */
    public static String percentDecode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
