package dev.stepsolver.emulator.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Finds intrinsic functions in a template tree and what they refer to. */
final class Expressions {

    /** What a reference names. */
    enum Kind { REF, GET_ATT, CONDITION }

    /** A name an expression refers to; {@code attribute} for {@code Fn::GetAtt}. */
    record Reference(Kind kind, String name, Optional<String> attribute) {
    }

    private Expressions() {
    }

    /**
     * The function a node calls, if it is one: an object whose only key is {@code Ref} or
     * {@code Fn::...} (and {@code Condition} inside conditions).
     */
    static Optional<Map.Entry<String, JsonNode>> function(JsonNode node, boolean conditionContext) {
        if (node == null || !node.isObject() || node.size() != 1) {
            return Optional.empty();
        }
        Map.Entry<String, JsonNode> only = node.properties().iterator().next();
        String name = only.getKey();
        if (name.equals("Ref") || name.startsWith("Fn::") || (conditionContext && name.equals("Condition"))) {
            return Optional.of(only);
        }
        return Optional.empty();
    }

    /**
     * Every reference in {@code node}. With {@code conditions}, only the branch of each
     * {@code Fn::If} that the condition selects is followed (what a deployment really uses).
     */
    static List<Reference> references(JsonNode node, Optional<Map<String, Boolean>> conditions,
            boolean conditionContext) {
        List<Reference> found = new ArrayList<>();
        walk(node, conditions, conditionContext, found, 0);
        return found;
    }

    private static void walk(JsonNode node, Optional<Map<String, Boolean>> conditions, boolean conditionContext,
            List<Reference> found, int depth) {
        if (node == null || depth > 200) {
            return;
        }
        Optional<Map.Entry<String, JsonNode>> function = function(node, conditionContext);
        if (function.isEmpty()) {
            for (JsonNode child : node) {
                walk(child, conditions, conditionContext, found, depth + 1);
            }
            return;
        }
        String name = function.get().getKey();
        JsonNode argument = function.get().getValue();
        switch (name) {
            case "Ref" -> {
                if (argument.isTextual()) {
                    found.add(new Reference(Kind.REF, argument.asText(), Optional.empty()));
                }
            }
            case "Condition" -> {
                if (argument.isTextual()) {
                    found.add(new Reference(Kind.CONDITION, argument.asText(), Optional.empty()));
                }
            }
            case "Fn::GetAtt" -> {
                if (argument.isTextual() && argument.asText().indexOf('.') > 0) {
                    String text = argument.asText();
                    int dot = text.indexOf('.');
                    found.add(new Reference(Kind.GET_ATT, text.substring(0, dot),
                            Optional.of(text.substring(dot + 1))));
                } else if (argument.isArray() && argument.size() == 2 && argument.get(0).isTextual()) {
                    JsonNode attribute = argument.get(1);
                    found.add(new Reference(Kind.GET_ATT, argument.get(0).asText(),
                            attribute.isTextual() ? Optional.of(attribute.asText()) : Optional.empty()));
                    if (!attribute.isTextual()) {
                        walk(attribute, conditions, conditionContext, found, depth + 1);
                    }
                }
            }
            case "Fn::Sub" -> {
                JsonNode text = argument;
                Set<String> local = new HashSet<>();
                if (argument.isArray() && argument.size() == 2) {
                    text = argument.get(0);
                    argument.get(1).fieldNames().forEachRemaining(local::add);
                    walk(argument.get(1), conditions, conditionContext, found, depth + 1);
                }
                if (text.isTextual()) {
                    for (SubTemplate.Variable variable : SubTemplate.parse(text.asText()).variables()) {
                        if (local.contains(variable.text())) {
                            continue;
                        }
                        found.add(variable.isAttribute()
                                ? new Reference(Kind.GET_ATT, variable.head(), Optional.of(variable.attribute()))
                                : new Reference(Kind.REF, variable.text(), Optional.empty()));
                    }
                }
            }
            case "Fn::If" -> {
                if (argument.isArray() && argument.size() == 3 && argument.get(0).isTextual()) {
                    String condition = argument.get(0).asText();
                    found.add(new Reference(Kind.CONDITION, condition, Optional.empty()));
                    Boolean value = conditions.map(c -> c.get(condition)).orElse(null);
                    if (value == null || value) {
                        walk(argument.get(1), conditions, conditionContext, found, depth + 1);
                    }
                    if (value == null || !value) {
                        walk(argument.get(2), conditions, conditionContext, found, depth + 1);
                    }
                } else {
                    walk(argument, conditions, conditionContext, found, depth + 1);
                }
            }
            default -> walk(argument, conditions, conditionContext, found, depth + 1);
        }
    }
}
