package dev.stepsolver.emulator.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Evaluates intrinsic functions: {@code Ref}, {@code Fn::GetAtt}, {@code Fn::Sub}, {@code Fn::Join},
 * {@code Fn::Select}, {@code Fn::Split}, {@code Fn::If}, {@code Fn::Base64}, {@code Fn::GetAZs},
 * {@code Fn::FindInMap} and {@code Fn::ImportValue}. {@code AWS::NoValue} removes the property or
 * list element it stands in.
 */
final class Intrinsics {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_DEPTH = 200;
    private static final Pattern INDEX = Pattern.compile("\\d{1,9}");

    /** What names resolve to while a template is evaluated. */
    interface Scope {
        /**
         * The value of {@code Ref name}: a parameter, a pseudo parameter or a resource's physical id.
         *
         * @throws dev.stepsolver.emulator.protocol.AwsException when the name resolves to nothing here
         */
        JsonNode ref(String name);

        JsonNode getAtt(String resource, String attribute);

        boolean condition(String name);

        String importValue(String exportName);

        String region();
    }

    private final Scope scope;
    private final ObjectNode mappings;

    Intrinsics(Scope scope, ObjectNode mappings) {
        this.scope = scope;
        this.mappings = mappings;
    }

    /** The resolved value; empty when it is {@code AWS::NoValue}. */
    Optional<JsonNode> resolve(JsonNode node) {
        return resolve(node, 0);
    }

    /** Resolves a value that must be there (a whole Properties object, an output's Value). */
    JsonNode resolveRequired(JsonNode node) {
        return resolve(node, 0).orElseGet(NODES::nullNode);
    }

    private Optional<JsonNode> resolve(JsonNode node, int depth) {
        if (depth > MAX_DEPTH) {
            throw Errors.validation("Template error: the expression nests deeper than " + MAX_DEPTH + " levels");
        }
        if (node == null) {
            return Optional.of(NODES.nullNode());
        }
        Optional<Map.Entry<String, JsonNode>> function = Expressions.function(node, false);
        if (function.isPresent()) {
            return call(function.get().getKey(), function.get().getValue(), depth + 1);
        }
        if (node.isObject()) {
            ObjectNode object = NODES.objectNode();
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                resolve(entry.getValue(), depth + 1).ifPresent(value -> object.set(entry.getKey(), value));
            }
            return Optional.of(object);
        }
        if (node.isArray()) {
            ArrayNode array = NODES.arrayNode();
            for (JsonNode item : node) {
                resolve(item, depth + 1).ifPresent(array::add);
            }
            return Optional.of(array);
        }
        return Optional.of(node);
    }

    private Optional<JsonNode> call(String function, JsonNode argument, int depth) {
        return switch (function) {
            case "Ref" -> {
                if (!argument.isTextual()) {
                    throw Errors.validation("Template format error: Every Ref object must have a single String"
                            + " value.");
                }
                yield argument.asText().equals("AWS::NoValue") ? Optional.empty()
                        : Optional.of(scope.ref(argument.asText()));
            }
            case "Fn::GetAtt" -> Optional.of(getAtt(argument, depth));
            case "Fn::Sub" -> Optional.of(NODES.textNode(sub(argument, depth)));
            case "Fn::Join" -> Optional.of(NODES.textNode(join(argument, depth)));
            case "Fn::Select" -> Optional.of(select(argument, depth));
            case "Fn::Split" -> Optional.of(split(argument, depth));
            case "Fn::If" -> {
                if (!argument.isArray() || argument.size() != 3 || !argument.get(0).isTextual()) {
                    throw Errors.validation("Template error: Fn::If requires a list argument with three elements:"
                            + " a condition name, a value if true and a value if false");
                }
                yield resolve(scope.condition(argument.get(0).asText()) ? argument.get(1) : argument.get(2), depth);
            }
            case "Fn::Base64" -> Optional.of(NODES.textNode(Base64.getEncoder().encodeToString(
                    string(argument, depth, "Fn::Base64").getBytes(StandardCharsets.UTF_8))));
            case "Fn::GetAZs" -> {
                String region = string(argument, depth, "Fn::GetAZs");
                String effective = region.isEmpty() ? scope.region() : region;
                yield Optional.of(NODES.arrayNode().add(effective + "a").add(effective + "b").add(effective + "c"));
            }
            case "Fn::FindInMap" -> Optional.of(findInMap(argument, depth));
            case "Fn::ImportValue" -> Optional.of(NODES.textNode(scope.importValue(
                    string(argument, depth, "Fn::ImportValue"))));
            case "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or" -> throw Errors.validation("Template format error: "
                    + function + " can be used only in the Conditions block of the template");
            case "Fn::Cidr", "Fn::Transform", "Fn::Length", "Fn::ToJsonString", "Fn::ForEach" ->
                    throw Errors.validation("Template error: " + function + " is not supported by this emulator");
            default -> throw Errors.validation("Template format error: Encountered unsupported function: "
                    + function);
        };
    }

    private JsonNode getAtt(JsonNode argument, int depth) {
        String resource;
        String attribute;
        if (argument.isTextual() && argument.asText().indexOf('.') > 0) {
            String text = argument.asText();
            resource = text.substring(0, text.indexOf('.'));
            attribute = text.substring(text.indexOf('.') + 1);
        } else if (argument.isArray() && argument.size() == 2 && argument.get(0).isTextual()) {
            resource = argument.get(0).asText();
            attribute = string(argument.get(1), depth, "Fn::GetAtt");
        } else {
            throw Errors.validation("Template error: every Fn::GetAtt object requires two non-empty parameters");
        }
        return scope.getAtt(resource, attribute);
    }

    private String sub(JsonNode argument, int depth) {
        JsonNode text = argument;
        ObjectNode variables = NODES.objectNode();
        if (argument.isArray()) {
            if (argument.size() != 2 || !argument.get(1).isObject()) {
                throw subError();
            }
            text = argument.get(0);
            for (Map.Entry<String, JsonNode> entry : argument.get(1).properties()) {
                variables.set(entry.getKey(), resolveRequired(entry.getValue()));
            }
        }
        if (!text.isTextual()) {
            throw subError();
        }
        StringBuilder out = new StringBuilder();
        for (SubTemplate.Part part : SubTemplate.parse(text.asText()).parts()) {
            switch (part) {
                case SubTemplate.Literal literal -> out.append(literal.text());
                case SubTemplate.Variable variable -> {
                    JsonNode value;
                    if (variables.has(variable.text())) {
                        value = variables.get(variable.text());
                    } else if (variable.isAttribute()) {
                        value = scope.getAtt(variable.head(), variable.attribute());
                    } else {
                        value = scope.ref(variable.text());
                    }
                    if (value.isContainerNode()) {
                        throw Errors.validation("Template error: variable " + variable.text()
                                + " in Fn::Sub expression does not resolve to a string");
                    }
                    out.append(value.asText());
                }
            }
        }
        return out.toString();
    }

    private static RuntimeException subError() {
        return Errors.validation("Template error: One or more Fn::Sub intrinsic functions don't specify expected"
                + " arguments. Specify a string as first argument, and an optional second argument to specify a"
                + " mapping of values to replace in the string");
    }

    private String join(JsonNode argument, int depth) {
        if (!argument.isArray() || argument.size() != 2 || !argument.get(0).isTextual()) {
            throw joinError();
        }
        JsonNode list = resolve(argument.get(1), depth).orElseGet(NODES::arrayNode);
        if (!list.isArray()) {
            throw joinError();
        }
        StringBuilder out = new StringBuilder();
        boolean first = true;
        for (JsonNode item : list) {
            if (item.isContainerNode() || item.isNull()) {
                throw joinError();
            }
            if (!first) {
                out.append(argument.get(0).asText());
            }
            out.append(item.asText());
            first = false;
        }
        return out.toString();
    }

    private static RuntimeException joinError() {
        return Errors.validation("Template error: every Fn::Join object requires two parameters, (1) a string"
                + " delimiter and (2) a list of strings to be joined or a function that returns a list of strings"
                + " (such as Fn::GetAZs) to be joined.");
    }

    private JsonNode select(JsonNode argument, int depth) {
        if (!argument.isArray() || argument.size() != 2) {
            throw Errors.validation("Template error: Fn::Select requires a list argument with two elements: an"
                    + " integer index and a list");
        }
        String index = string(argument.get(0), depth, "Fn::Select").strip();
        JsonNode list = resolve(argument.get(1), depth).orElseGet(NODES::arrayNode);
        if (!INDEX.matcher(index).matches() || !list.isArray()) {
            throw Errors.validation("Template error: Fn::Select requires a list argument with two elements: an"
                    + " integer index and a list");
        }
        int position = Integer.parseInt(index);
        if (position >= list.size()) {
            throw Errors.validation("Template error: Fn::Select cannot select nonexistent value at index "
                    + position);
        }
        return list.get(position);
    }

    private JsonNode split(JsonNode argument, int depth) {
        if (!argument.isArray() || argument.size() != 2 || !argument.get(0).isTextual()
                || argument.get(0).asText().isEmpty()) {
            throw splitError();
        }
        JsonNode source = resolveRequired(argument.get(1));
        if (source.isContainerNode() || source.isNull()) {
            throw splitError();
        }
        String delimiter = argument.get(0).asText();
        String text = source.asText();
        ArrayNode parts = NODES.arrayNode();
        int from = 0;
        while (true) {
            int at = text.indexOf(delimiter, from);
            if (at < 0) {
                parts.add(text.substring(from));
                return parts;
            }
            parts.add(text.substring(from, at));
            from = at + delimiter.length();
        }
    }

    private static RuntimeException splitError() {
        return Errors.validation("Template error: every Fn::Split object requires two parameters, (1) a string"
                + " delimiter and (2) a string to be split or a function that returns a string to be split.");
    }

    private JsonNode findInMap(JsonNode argument, int depth) {
        if (!argument.isArray() || argument.size() != 3) {
            throw Errors.validation("Template error: every Fn::FindInMap object requires three parameters, the map"
                    + " name, map key and the attribute for return value");
        }
        String map = string(argument.get(0), depth, "Fn::FindInMap");
        String top = string(argument.get(1), depth, "Fn::FindInMap");
        String second = string(argument.get(2), depth, "Fn::FindInMap");
        JsonNode value = mappings.path(map).path(top).get(second);
        if (value == null) {
            throw Errors.validation("Template error: Unable to get mapping for " + map + "::" + top + "::" + second);
        }
        return value;
    }

    /** An argument that must resolve to a scalar, as text. */
    private String string(JsonNode argument, int depth, String function) {
        JsonNode value = resolve(argument, depth).orElseGet(() -> NODES.textNode(""));
        if (value.isContainerNode() || value.isNull()) {
            throw Errors.validation("Template error: " + function + " requires a string argument");
        }
        return value.asText();
    }

    /** Whether two resolved values are equal as CloudFormation compares them (scalars as strings). */
    static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isValueNode() && b.isValueNode()) {
            if (a.isNumber() && b.isNumber()) {
                return new BigDecimal(a.asText()).compareTo(new BigDecimal(b.asText())) == 0;
            }
            return a.asText().equals(b.asText());
        }
        return a.equals(b);
    }
}
