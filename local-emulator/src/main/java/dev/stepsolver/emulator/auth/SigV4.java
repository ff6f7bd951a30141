package dev.stepsolver.emulator.auth;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import dev.stepsolver.emulator.protocol.HttpHeaders;
import dev.stepsolver.emulator.protocol.RequestHead;

/**
 * The Signature Version 4 computations, written once: canonical request, string to sign, signing
 * key and signatures, as specified by AWS ("Create a signed AWS API request") and checked against
 * AWS's published test suite and the SDK's own signer in the tests.
 */
public final class SigV4 {

    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    public static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final HexFormat HEX = HexFormat.of();

    private SigV4() {
    }

    /**
     * The canonical request.
     *
     * @param head the request as received
     * @param signedHeaders lower-case header names, as listed in {@code SignedHeaders}
     * @param payloadHash the hash line (hex SHA-256 or a special value such as {@code UNSIGNED-PAYLOAD})
     * @param s3 whether S3 rules apply (path neither normalized nor encoded a second time)
     * @param excludedQueryParameter a query parameter left out ({@code X-Amz-Signature} of presigned URLs)
     */
    public static String canonicalRequest(RequestHead head, List<String> signedHeaders, String payloadHash, boolean s3,
            String excludedQueryParameter) {
        StringBuilder canonical = new StringBuilder(256);
        canonical.append(head.method().toUpperCase(Locale.ROOT)).append('\n');
        canonical.append(canonicalUri(head.rawPath(), s3)).append('\n');
        canonical.append(canonicalQuery(head.rawQuery(), excludedQueryParameter)).append('\n');
        HttpHeaders headers = head.headers();
        for (String name : signedHeaders) {
            canonical.append(name).append(':').append(canonicalHeaderValue(headers.all(name))).append('\n');
        }
        canonical.append('\n');
        canonical.append(String.join(";", signedHeaders)).append('\n');
        canonical.append(payloadHash);
        return canonical.toString();
    }

    /**
     * S3 signs the key encoded once, without normalization: computed from the decoded path, so
     * equivalent wire forms (the SDK's Apache client sends {@code //} as {@code /%2F}) verify alike.
     * Other services normalize the path and encode it once more.
     */
    static String canonicalUri(String rawPath, boolean s3) {
        String path = rawPath.isEmpty() ? "/" : rawPath;
        if (s3) {
            return uriEncode(RequestHead.percentDecode(path), false);
        }
        return uriEncode(normalize(path), false);
    }

    /** Removes {@code .} and {@code ..} segments and empty segments, keeping a trailing slash. */
    static String normalize(String path) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (!segments.isEmpty()) {
                    segments.remove(segments.size() - 1);
                }
                continue;
            }
            segments.add(segment);
        }
        String normalized = "/" + String.join("/", segments);
        if (path.endsWith("/") && !normalized.endsWith("/")) {
            normalized += "/";
        }
        return normalized;
    }

    static String canonicalQuery(String rawQuery, String excluded) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = RequestHead.percentDecode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : RequestHead.percentDecode(pair.substring(eq + 1));
            if (name.equals(excluded)) {
                continue;
            }
            pairs.add(new String[] {uriEncode(name, true), uriEncode(value, true)});
        }
        pairs.sort((a, b) -> {
            int byName = a[0].compareTo(b[0]);
            return byName != 0 ? byName : a[1].compareTo(b[1]);
        });
        StringBuilder query = new StringBuilder();
        for (String[] pair : pairs) {
            if (!query.isEmpty()) {
                query.append('&');
            }
            query.append(pair[0]).append('=').append(pair[1]);
        }
        return query.toString();
    }

    /** Values joined with commas, each trimmed and with runs of spaces collapsed. */
    static String canonicalHeaderValue(List<String> values) {
        StringBuilder joined = new StringBuilder();
        for (String value : values) {
            if (!joined.isEmpty()) {
                joined.append(',');
            }
            joined.append(value.trim().replaceAll("\\s+", " "));
        }
        return joined.toString();
    }

    /** RFC 3986 encoding: everything but unreserved characters (and {@code /} unless {@code encodeSlash}). */
    public static String uriEncode(String text, boolean encodeSlash) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~' || (c == '/' && !encodeSlash)) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((c >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    public static String stringToSign(String amzDate, String scope, String canonicalRequest) {
        return ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request")}. */
    public static byte[] signingKey(String secret, String date, String region, String service) {
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        return hmac(key, "aws4_request");
    }

    public static String signature(byte[] signingKey, String stringToSign) {
        return HEX.formatHex(hmac(signingKey, stringToSign));
    }

    public static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    public static String sha256Hex(byte[] data) {
        return HEX.formatHex(sha256(data));
    }

    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Compares signatures in time independent of where they differ. */
    public static boolean signaturesEqual(String expected, String provided) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                provided.getBytes(StandardCharsets.US_ASCII));
    }

    /** Parses {@code Key=Value, Key=Value} pairs of an Authorization header after the algorithm. */
    static Map<String, String> authorizationParameters(String text) {
        Map<String, String> parameters = new java.util.LinkedHashMap<>();
        for (String part : text.split(",")) {
            String trimmed = part.trim();
            int eq = trimmed.indexOf('=');
            if (eq > 0) {
                parameters.put(trimmed.substring(0, eq).trim(), trimmed.substring(eq + 1).trim());
            }
        }
        return parameters;
    }
}
