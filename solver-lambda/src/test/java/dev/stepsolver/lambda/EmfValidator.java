package dev.stepsolver.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a log line against CloudWatch's Embedded Metric Format specification: the document
 * structure (metadata, directives, dimension sets, metric definitions, units, counts and lengths)
 * and the target members the references point at.
 */
final class EmfValidator {

    private static final Set<String> UNITS = Set.of("Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes",
            "Megabytes", "Gigabytes", "Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent",
            "Count", "Bytes/Second", "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second",
            "Bits/Second", "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second", "Count/Second",
            "None");

    private EmfValidator() {
    }

    /** The violations found; empty for a valid document. */
    static List<String> problems(String line) {
        List<String> problems = new ArrayList<>();
        if (line.getBytes(StandardCharsets.UTF_8).length > 256 * 1024) {
            problems.add("larger than a log event may be");
        }
        JsonNode root;
        try {
            root = Events.MAPPER.readTree(line);
        } catch (IOException e) {
            problems.add("not JSON");
            return problems;
        }
        if (root == null || !root.isObject()) {
            problems.add("root is not an object");
            return problems;
        }
        JsonNode aws = root.path("_aws");
        if (!aws.isObject()) {
            problems.add("_aws missing or not an object");
            return problems;
        }
        if (!aws.path("Timestamp").isIntegralNumber()) {
            problems.add("_aws.Timestamp missing or not an integer of milliseconds");
        }
        JsonNode directives = aws.path("CloudWatchMetrics");
        if (!directives.isArray()) {
            problems.add("_aws.CloudWatchMetrics missing or not an array");
            return problems;
        }
        for (JsonNode directive : directives) {
            directive(root, directive, problems);
        }
        return problems;
    }

    private static void directive(JsonNode root, JsonNode directive, List<String> problems) {
        if (!directive.isObject()) {
            problems.add("a MetricDirective is not an object");
            return;
        }
        for (Map.Entry<String, JsonNode> member : directive.properties()) {
            if (!Set.of("Namespace", "Dimensions", "Metrics").contains(member.getKey())) {
                problems.add("MetricDirective has the extra member " + member.getKey());
            }
        }
        name(directive.path("Namespace"), "Namespace", problems);
        JsonNode dimensions = directive.path("Dimensions");
        if (!dimensions.isArray() || dimensions.isEmpty()) {
            problems.add("Dimensions missing, not an array, or empty");
        } else {
            for (JsonNode set : dimensions) {
                if (!set.isArray() || set.size() > 9) {
                    problems.add("a DimensionSet is not an array of at most 9 keys");
                    continue;
                }
                for (JsonNode key : set) {
                    if (name(key, "dimension key", problems) && !root.path(key.asText()).isTextual()) {
                        problems.add("dimension target " + key.asText() + " is not a string member of the root");
                    }
                }
            }
        }
        JsonNode metrics = directive.path("Metrics");
        if (!metrics.isArray() || metrics.size() > 100) {
            problems.add("Metrics missing, not an array, or more than 100");
            return;
        }
        for (JsonNode metric : metrics) {
            for (Map.Entry<String, JsonNode> member : metric.properties()) {
                if (!Set.of("Name", "Unit", "StorageResolution").contains(member.getKey())) {
                    problems.add("MetricDefinition has the extra member " + member.getKey());
                }
            }
            if (name(metric.path("Name"), "metric Name", problems)) {
                JsonNode target = root.path(metric.path("Name").asText());
                boolean numbers = target.isArray() && target.size() <= 100 && allNumbers(target);
                if (!target.isNumber() && !numbers) {
                    problems.add("metric target " + metric.path("Name").asText() + " is not a number or array of numbers");
                }
            }
            JsonNode unit = metric.path("Unit");
            if (!unit.isMissingNode() && !(unit.isTextual() && UNITS.contains(unit.asText()))) {
                problems.add("Unit " + unit + " is not a CloudWatch unit");
            }
        }
    }

    private static boolean name(JsonNode node, String what, List<String> problems) {
        if (!node.isTextual() || node.asText().isEmpty() || node.asText().length() > 255) {
            problems.add(what + " is not a string of 1 to 255 characters");
            return false;
        }
        return true;
    }

    private static boolean allNumbers(JsonNode array) {
        for (JsonNode n : array) {
            if (!n.isNumber()) {
                return false;
            }
        }
        return true;
    }
}
