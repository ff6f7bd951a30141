package dev.stepsolver.emulator.codepipeline;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code #{Namespace.Variable}} references in action configurations: {@code #{codepipeline.PipelineExecutionId}},
 * {@code #{variables.name}} (pipeline variables) and the output variables of upstream actions by their
 * namespace.
 */
final class Variables {

    static final String PIPELINE_NAMESPACE = "codepipeline";
    static final String PIPELINE_VARIABLES = "variables";
    private static final Pattern REFERENCE = Pattern.compile("#\\{([A-Za-z0-9@\\-_]+)\\.([A-Za-z0-9@\\-_.]+)}");

    /** A reference to a variable. */
    record Reference(String namespace, String name) {
        @Override
        public String toString() {
            return namespace + "." + name;
        }
    }

    /** A value that could not be resolved; the message says which reference. */
    static final class UnresolvedException extends Exception {
        private static final long serialVersionUID = 1L;

        UnresolvedException(String message) {
            super(message, null, false, false);
        }
    }

    private Variables() {
    }

    static Set<Reference> references(String value) {
        Set<Reference> found = new LinkedHashSet<>();
        Matcher matcher = REFERENCE.matcher(value);
        while (matcher.find()) {
            found.add(new Reference(matcher.group(1), matcher.group(2)));
        }
        return found;
    }

    /**
     * Resolves every reference in {@code value}.
     *
     * @param namespaces namespace to its variables ({@code codepipeline}, {@code variables} and the
     *     upstream actions' namespaces)
     */
    static String resolve(String value, Map<String, Map<String, String>> namespaces) throws UnresolvedException {
        Matcher matcher = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String namespace = matcher.group(1);
            String name = matcher.group(2);
            Optional<String> resolved = Optional.ofNullable(namespaces.get(namespace)).map(vars -> vars.get(name));
            if (resolved.isEmpty()) {
                throw new UnresolvedException(namespaces.containsKey(namespace)
                        ? "The variable '" + name + "' is not produced in namespace '" + namespace + "'"
                        : "The namespace '" + namespace + "' has no variables in this execution (variable #{"
                                + namespace + "." + name + "})");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(resolved.get()));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    static Map<String, String> resolveAll(Map<String, String> configuration,
            Map<String, Map<String, String>> namespaces) throws UnresolvedException {
        Map<String, String> resolved = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : configuration.entrySet()) {
            resolved.put(entry.getKey(), resolve(entry.getValue(), namespaces));
        }
        return resolved;
    }
}
