package dev.stepsolver.pipeline.appspec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * The repository's {@code appspec.yml}: a Lambda AppSpec (version 0.0) whose values may hold
 * the placeholders {@code ${FUNCTION_NAME}}, {@code ${ALIAS}}, {@code ${CURRENT_VERSION}} and
 * {@code ${TARGET_VERSION}}. {@link #render} fills them in the parsed document, so the output
 * is YAML written by the YAML library, not text patched by hand.
 */
public final class AppSpecTemplate {

    public static final String FUNCTION_NAME = "FUNCTION_NAME";
    public static final String ALIAS = "ALIAS";
    public static final String CURRENT_VERSION = "CURRENT_VERSION";
    public static final String TARGET_VERSION = "TARGET_VERSION";
    public static final Set<String> PLACEHOLDERS = Set.of(FUNCTION_NAME, ALIAS, CURRENT_VERSION, TARGET_VERSION);

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");
    private static final List<String> LAMBDA_PROPERTIES = List.of("Name", "Alias", "CurrentVersion", "TargetVersion");

    private final Map<String, Object> document;

    private AppSpecTemplate(Map<String, Object> document) {
        this.document = document;
    }

    /** The values filled into the template. */
    public record Values(String functionName, String alias, String currentVersion, String targetVersion) {
        Map<String, String> asMap() {
            return Map.of(FUNCTION_NAME, functionName, ALIAS, alias, CURRENT_VERSION, currentVersion,
                    TARGET_VERSION, targetVersion);
        }
    }

    /** The one Lambda resource of an AppSpec, as CodeDeploy reads it. */
    public record LambdaTarget(String name, String alias, String currentVersion, String targetVersion) {
    }

    /** Parses and checks the structure CodeDeploy's Lambda platform needs. */
    public static AppSpecTemplate parse(String yaml, String origin) throws InvalidAppSpecException {
        Object loaded;
        try {
            loaded = new Load(LoadSettings.builder().setLabel(origin).build()).loadFromString(yaml);
        } catch (RuntimeException e) {
            throw new InvalidAppSpecException(origin + " is not valid YAML: " + e.getMessage());
        }
        if (!(loaded instanceof Map<?, ?> map)) {
            throw new InvalidAppSpecException(origin + " must hold a mapping with version and Resources");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> document = (Map<String, Object>) map;
        List<String> problems = new ArrayList<>();
        Object version = document.get("version");
        if (version == null || !(String.valueOf(version).equals("0.0"))) {
            problems.add("version must be 0.0, found " + version);
        }
        List<Map<String, Object>> properties = lambdaProperties(document, problems);
        Set<String> unknown = new TreeSet<>();
        collectPlaceholders(document, unknown);
        unknown.removeAll(PLACEHOLDERS);
        if (!unknown.isEmpty()) {
            problems.add("unknown placeholders " + unknown + " (known: " + new TreeSet<>(PLACEHOLDERS) + ")");
        }
        if (properties.size() != 1) {
            problems.add("must describe exactly one AWS::Lambda::Function resource, found " + properties.size());
        }
        for (Map<String, Object> p : properties) {
            for (String key : LAMBDA_PROPERTIES) {
                if (p.get(key) == null || String.valueOf(p.get(key)).isBlank()) {
                    problems.add("the Lambda resource's Properties need " + key);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidAppSpecException(origin + ": " + String.join("; ", problems));
        }
        return new AppSpecTemplate(document);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> lambdaProperties(Map<String, Object> document, List<String> problems) {
        List<Map<String, Object>> found = new ArrayList<>();
        if (!(document.get("Resources") instanceof List<?> resources)) {
            problems.add("Resources must be a list");
            return found;
        }
        for (Object entry : resources) {
            if (!(entry instanceof Map<?, ?> named) || named.size() != 1) {
                problems.add("each entry of Resources must map one name to a resource");
                continue;
            }
            Object resource = named.values().iterator().next();
            if (!(resource instanceof Map<?, ?> r) || !"AWS::Lambda::Function".equals(r.get("Type"))) {
                problems.add("resource " + named.keySet() + " must have Type AWS::Lambda::Function");
                continue;
            }
            if (!(r.get("Properties") instanceof Map<?, ?> props)) {
                problems.add("resource " + named.keySet() + " needs Properties");
                continue;
            }
            found.add((Map<String, Object>) props);
        }
        return found;
    }

    private static void collectPlaceholders(Object node, Set<String> into) {
        if (node instanceof Map<?, ?> map) {
            map.values().forEach(v -> collectPlaceholders(v, into));
        } else if (node instanceof List<?> list) {
            list.forEach(v -> collectPlaceholders(v, into));
        } else if (node instanceof String s) {
            Matcher m = PLACEHOLDER.matcher(s);
            while (m.find()) {
                into.add(m.group(1));
            }
        }
    }

    /** The AppSpec with every placeholder filled, as YAML. */
    public String render(Values values) {
        Map<String, String> map = values.asMap();
        Object filled = fill(document, map);
        DumpSettings settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build();
        return new Dump(settings).dumpToString(filled);
    }

    /** The Lambda resource this template describes once filled with {@code values}. */
    public LambdaTarget target(Values values) {
        @SuppressWarnings("unchecked")
        Map<String, Object> filled = (Map<String, Object>) fill(document, values.asMap());
        Map<String, Object> p = lambdaProperties(filled, new ArrayList<>()).getFirst();
        return new LambdaTarget(String.valueOf(p.get("Name")), String.valueOf(p.get("Alias")),
                String.valueOf(p.get("CurrentVersion")), String.valueOf(p.get("TargetVersion")));
    }

    private static Object fill(Object node, Map<String, String> values) {
        if (node instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, fill(v, values)));
            return out;
        }
        if (node instanceof List<?> list) {
            return list.stream().map(v -> fill(v, values)).toList();
        }
        if (node instanceof String s) {
            Matcher m = PLACEHOLDER.matcher(s);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(m.group(1), m.group())));
            }
            m.appendTail(out);
            return out.toString();
        }
        return node;
    }

    /** An AppSpec CodeDeploy would not accept; the message says why. */
    public static final class InvalidAppSpecException extends Exception {
        public InvalidAppSpecException(String message) {
            super(message);
        }
    }
}
