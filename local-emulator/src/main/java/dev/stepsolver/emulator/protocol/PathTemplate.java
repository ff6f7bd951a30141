package dev.stepsolver.emulator.protocol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A REST path template such as {@code /2015-03-31/functions/{FunctionName}/invocations} or
 * {@code /{Bucket}/{Key+}} (greedy: the rest of the path). Matches raw paths segment by segment
 * and returns the decoded labels.
 */
public final class PathTemplate {

    private final String template;
    private final List<String> segments;
    private final boolean greedyLast;

    private PathTemplate(String template) {
        this.template = template;
        String path = template.startsWith("/") ? template.substring(1) : template;
        this.segments = path.isEmpty() ? List.of() : List.of(path.split("/", -1));
        this.greedyLast = !segments.isEmpty() && segments.getLast().endsWith("+}");
        for (int i = 0; i < segments.size() - 1; i++) {
            if (segments.get(i).endsWith("+}")) {
                throw new IllegalArgumentException("only the last label may be greedy: " + template);
            }
        }
    }

    public static PathTemplate of(String template) {
        return new PathTemplate(template);
    }

    /** The labels of {@code rawPath} (percent-decoded), or empty when it does not match. */
    public Optional<Map<String, String>> match(String rawPath) {
        String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        List<String> parts = path.isEmpty() ? new ArrayList<>() : new ArrayList<>(List.of(path.split("/", -1)));
        if (parts.size() < segments.size() || (!greedyLast && parts.size() != segments.size())) {
            return Optional.empty();
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            boolean label = segment.startsWith("{") && segment.endsWith("}");
            if (!label) {
                if (!segment.equals(parts.get(i))) {
                    return Optional.empty();
                }
                continue;
            }
            String name = segment.substring(1, segment.length() - 1);
            if (name.endsWith("+")) {
                String rest = String.join("/", parts.subList(i, parts.size()));
                if (rest.isEmpty()) {
                    return Optional.empty();
                }
                labels.put(name.substring(0, name.length() - 1), RequestHead.percentDecode(rest));
                return Optional.of(labels);
            }
            if (parts.get(i).isEmpty()) {
                return Optional.empty();
            }
            labels.put(name, RequestHead.percentDecode(parts.get(i)));
        }
        return Optional.of(labels);
    }

    @Override
    public String toString() {
        return template;
    }
}
