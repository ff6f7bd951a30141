package dev.stepsolver.emulator.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Evaluates a template's Conditions ({@code Fn::Equals}, {@code Fn::Not}, {@code Fn::And},
 * {@code Fn::Or} and {@code Condition} references) from parameter values, before any resource exists.
 */
final class Conditions {

    private final Map<String, JsonNode> declared;
    private final Intrinsics values;
    private final Map<String, Boolean> evaluated = new LinkedHashMap<>();
    private final Set<String> evaluating = new HashSet<>();

    private Conditions(Map<String, JsonNode> declared, Intrinsics values) {
        this.declared = declared;
        this.values = values;
    }

    /**
     * Every declared condition's value.
     *
     * @param values resolves the values conditions compare (parameters, pseudo parameters, mappings)
     */
    static Map<String, Boolean> evaluate(Map<String, JsonNode> declared, Intrinsics values) {
        Conditions conditions = new Conditions(declared, values);
        for (String name : declared.keySet()) {
            conditions.named(name);
        }
        return Map.copyOf(conditions.evaluated);
    }

    private boolean named(String name) {
        Boolean known = evaluated.get(name);
        if (known != null) {
            return known;
        }
        JsonNode definition = declared.get(name);
        if (definition == null) {
            throw Errors.validation("Template format error: Unresolved condition dependency " + name
                    + " in the template");
        }
        if (!evaluating.add(name)) {
            throw Errors.validation("Template error: Circular condition dependency involving " + name);
        }
        boolean value = condition(definition, 0);
        evaluating.remove(name);
        evaluated.put(name, value);
        return value;
    }

    private boolean condition(JsonNode node, int depth) {
        if (depth > 100) {
            throw Errors.validation("Template error: a condition nests deeper than 100 levels");
        }
        Optional<Map.Entry<String, JsonNode>> function = Expressions.function(node, true);
        if (function.isEmpty()) {
            throw notBoolean();
        }
        JsonNode argument = function.get().getValue();
        return switch (function.get().getKey()) {
            case "Condition" -> {
                if (!argument.isTextual()) {
                    throw notBoolean();
                }
                yield named(argument.asText());
            }
            case "Fn::Equals" -> {
                if (!argument.isArray() || argument.size() != 2) {
                    throw Errors.validation("Template error: Fn::Equals requires a list argument with two"
                            + " elements");
                }
                yield Intrinsics.sameValue(values.resolveRequired(argument.get(0)),
                        values.resolveRequired(argument.get(1)));
            }
            case "Fn::Not" -> {
                if (!argument.isArray() || argument.size() != 1) {
                    throw Errors.validation("Template error: Fn::Not requires a list argument with one"
                            + " function token");
                }
                yield !condition(argument.get(0), depth + 1);
            }
            case "Fn::And", "Fn::Or" -> {
                String name = function.get().getKey();
                if (!argument.isArray() || argument.size() < 2 || argument.size() > 10) {
                    throw Errors.validation("Template error: " + name + " requires a list argument with between 2"
                            + " and 10 function tokens");
                }
                boolean and = name.equals("Fn::And");
                boolean result = and;
                for (JsonNode operand : argument) {
                    boolean value = condition(operand, depth + 1);
                    result = and ? result && value : result || value;
                }
                yield result;
            }
            default -> throw notBoolean();
        };
    }

    private static RuntimeException notBoolean() {
        return Errors.validation("Template format error: Conditions can only be boolean operations on parameters"
                + " and other conditions");
    }
}
