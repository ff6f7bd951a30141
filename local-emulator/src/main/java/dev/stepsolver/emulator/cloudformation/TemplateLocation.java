package dev.stepsolver.emulator.cloudformation;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The S3 object a TemplateURL names, in the URL forms clients use: AWS's virtual-hosted and path
 * styles, and the emulator's own endpoint (path style, or LocalStack's {@code s3.localhost.localstack.cloud}).
 */
record TemplateLocation(String bucket, String key) {

    private static final Pattern VIRTUAL_HOSTED = Pattern.compile(
            "(.+)\\.s3(?:[.-][a-z0-9-]+)?\\.amazonaws\\.com(?:\\.cn)?|(.+)\\.s3\\.localhost\\.localstack\\.cloud");
    private static final Pattern PATH_STYLE_HOST = Pattern.compile(
            "s3(?:[.-][a-z0-9-]+)?\\.amazonaws\\.com(?:\\.cn)?|s3\\.localhost\\.localstack\\.cloud|localhost|127\\.0\\.0\\.1"
                    + "|\\[::1\\]|::1");

    /** @param ownHost the host the emulator listens on, whose URLs are path style */
    static Optional<TemplateLocation> parse(String url, Optional<String> ownHost) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
            return Optional.empty();
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        Matcher virtual = VIRTUAL_HOSTED.matcher(host);
        if (virtual.matches()) {
            String bucket = virtual.group(1) != null ? virtual.group(1) : virtual.group(2);
            return object(bucket, path.startsWith("/") ? path.substring(1) : path);
        }
        if (PATH_STYLE_HOST.matcher(host).matches() || ownHost.filter(host::equalsIgnoreCase).isPresent()) {
            String rest = path.startsWith("/") ? path.substring(1) : path;
            int slash = rest.indexOf('/');
            if (slash <= 0) {
                return Optional.empty();
            }
            return object(rest.substring(0, slash), rest.substring(slash + 1));
        }
        return Optional.empty();
    }

    private static Optional<TemplateLocation> object(String bucket, String rawKey) {
        if (bucket.isEmpty() || rawKey.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TemplateLocation(bucket, URLDecoder.decode(rawKey.replace("+", "%2B"),
                StandardCharsets.UTF_8)));
    }
}
