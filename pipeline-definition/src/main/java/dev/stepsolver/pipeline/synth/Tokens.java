package dev.stepsolver.pipeline.synth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Placeholders for CloudFormation intrinsics inside values built as plain strings (the SDK's
 * pipeline model holds strings only). A token is always a whole value, never part of one.
 */
final class Tokens {

    private static final Pattern TOKEN = Pattern.compile("^@\\{(Ref|GetAtt|Sub):(.+)}$");

    private Tokens() {
    }

    static String ref(String logicalId) {
        return "@{Ref:" + logicalId + "}";
    }

    static String getAtt(String logicalId, String attribute) {
        return "@{GetAtt:" + logicalId + "." + attribute + "}";
    }

    /** The intrinsic a token string stands for, or empty when the string is a plain value. */
    static Optional<JsonNode> intrinsic(String value) {
        Matcher m = TOKEN.matcher(value);
        if (!m.matches()) {
            return Optional.empty();
        }
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode node = f.objectNode();
        switch (m.group(1)) {
            case "Ref" -> node.put("Ref", m.group(2));
            case "GetAtt" -> {
                String target = m.group(2);
                int dot = target.indexOf('.');
                ArrayNode args = node.putArray("Fn::GetAtt");
                args.add(target.substring(0, dot));
                args.add(target.substring(dot + 1));
            }
            default -> node.put("Fn::Sub", m.group(2));
        }
        return Optional.of(node);
    }

    /** Replaces every token string in the tree (in place) by its intrinsic. */
    static JsonNode resolve(JsonNode node) {
        if (node.isTextual()) {
            return intrinsic(node.asText()).orElse(node);
        }
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            object.properties().forEach(e -> e.setValue(resolve(e.getValue())));
            return object;
        }
        if (node.isArray()) {
            ArrayNode array = (ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                array.set(i, resolve(array.get(i)));
            }
        }
        return node;
    }
}
