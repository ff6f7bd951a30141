package dev.stepsolver.emulator.cloudformation;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads a template body, JSON or YAML, into one JSON tree. YAML's short-form tags become the
 * intrinsic functions' full form ({@code !Ref X} is {@code {"Ref": "X"}}, {@code !GetAtt A.B} is
 * {@code {"Fn::GetAtt": ["A", "B"]}}), so the rest of the engine sees one shape.
 */
final class TemplateReader {

    /** CloudFormation's limit for a template read from S3; inline bodies are limited before this. */
    static final int MAX_TEMPLATE_CHARS = 1_000_000;
    private static final int MAX_DEPTH = 100;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Short-form tags and the functions they stand for. */
    private static final Map<String, String> SHORT_FORMS = Map.ofEntries(
            Map.entry("!Ref", "Ref"), Map.entry("!Condition", "Condition"), Map.entry("!GetAtt", "Fn::GetAtt"),
            Map.entry("!Sub", "Fn::Sub"), Map.entry("!Join", "Fn::Join"), Map.entry("!Select", "Fn::Select"),
            Map.entry("!Split", "Fn::Split"), Map.entry("!If", "Fn::If"), Map.entry("!Equals", "Fn::Equals"),
            Map.entry("!Not", "Fn::Not"), Map.entry("!And", "Fn::And"), Map.entry("!Or", "Fn::Or"),
            Map.entry("!Base64", "Fn::Base64"), Map.entry("!GetAZs", "Fn::GetAZs"),
            Map.entry("!FindInMap", "Fn::FindInMap"), Map.entry("!ImportValue", "Fn::ImportValue"),
            Map.entry("!Cidr", "Fn::Cidr"), Map.entry("!Transform", "Fn::Transform"),
            Map.entry("!Length", "Fn::Length"), Map.entry("!ToJsonString", "Fn::ToJsonString"));

    private TemplateReader() {
    }

    /**
     * @throws dev.stepsolver.emulator.protocol.AwsException ValidationError "Template format error: ..."
     */
    static ObjectNode read(String body) {
        if (body.length() > MAX_TEMPLATE_CHARS) {
            throw Errors.validation("Template format error: the template is larger than " + MAX_TEMPLATE_CHARS
                    + " characters");
        }
        String start = body.stripLeading();
        if (start.isEmpty()) {
            throw Errors.validation("Template format error: unsupported structure.");
        }
        JsonNode root = start.startsWith("{") ? json(body) : yaml(body);
        if (!root.isObject()) {
            throw Errors.validation("Template format error: unsupported structure.");
        }
        return (ObjectNode) root;
    }

    private static JsonNode json(String body) {
        try {
            JsonNode root = JSON.readTree(body);
            checkDepth(root, 0);
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw Errors.validation("Template format error: JSON not well-formed. (line " + (at == null ? 1
                    : at.getLineNr()) + ", column " + (at == null ? 1 : at.getColumnNr()) + ")");
        }
    }

    private static void checkDepth(JsonNode node, int depth) {
        if (depth > MAX_DEPTH) {
            throw Errors.validation("Template format error: the template nests deeper than " + MAX_DEPTH + " levels");
        }
        for (JsonNode child : node) {
            checkDepth(child, depth + 1);
        }
    }

    private static JsonNode yaml(String body) {
        Node root;
        try {
            LoadSettings settings = LoadSettings.builder().setLabel("template").setSchema(new CoreSchema())
                    .setMaxAliasesForCollections(50).setCodePointLimit(MAX_TEMPLATE_CHARS).build();
            root = new Compose(settings).composeString(body)
                    .orElseThrow(() -> Errors.validation("Template format error: unsupported structure."));
        } catch (MarkedYamlEngineException e) {
            throw Errors.validation("Template format error: YAML not well-formed. " + e.getProblem()
                    + e.getProblemMark().map(mark -> " (line " + (mark.getLine() + 1) + ", column "
                            + (mark.getColumn() + 1) + ")").orElse(""));
        } catch (YamlEngineException e) {
            throw Errors.validation("Template format error: YAML not well-formed. " + e.getMessage());
        }
        return convert(root, 0);
    }

    private static JsonNode convert(Node node, int depth) {
        if (depth > MAX_DEPTH) {
            throw Errors.validation("Template format error: the template nests deeper than " + MAX_DEPTH + " levels");
        }
        Tag tag = node.getTag();
        String function = SHORT_FORMS.get(tag.getValue());
        if (function != null) {
            ObjectNode call = NODES.objectNode();
            call.set(function, shortFormArgument(function, node, depth));
            return call;
        }
        if (tag.getValue().startsWith("!")) {
            throw Errors.validation("Template format error: YAML not well-formed. Unknown tag " + tag.getValue()
                    + at(node));
        }
        return switch (node) {
            case ScalarNode scalar -> scalar(scalar);
            case SequenceNode sequence -> {
                ArrayNode array = NODES.arrayNode();
                for (Node item : sequence.getValue()) {
                    array.add(convert(item, depth + 1));
                }
                yield array;
            }
            case MappingNode mapping -> mapping(mapping, depth);
            default -> throw Errors.validation("Template format error: unsupported structure.");
        };
    }

    private static ObjectNode mapping(MappingNode mapping, int depth) {
        ObjectNode object = NODES.objectNode();
        for (NodeTuple entry : mapping.getValue()) {
            if (!(entry.getKeyNode() instanceof ScalarNode key)) {
                throw Errors.validation("Template format error: YAML not well-formed. Mapping keys must be"
                        + " scalars" + at(entry.getKeyNode()));
            }
            if (object.has(key.getValue())) {
                throw Errors.validation("Template format error: YAML not well-formed. Duplicate key '"
                        + key.getValue() + "'" + at(key));
            }
            object.set(key.getValue(), convert(entry.getValueNode(), depth + 1));
        }
        return object;
    }

    /** The argument of a short-form function: {@code !GetAtt A.B} splits at the first dot. */
    private static JsonNode shortFormArgument(String function, Node node, int depth) {
        if (node instanceof ScalarNode scalar) {
            if (function.equals("Fn::GetAtt")) {
                String value = scalar.getValue();
                int dot = value.indexOf('.');
                if (dot <= 0 || dot == value.length() - 1) {
                    throw Errors.validation("Template error: every Fn::GetAtt object requires two non-empty"
                            + " parameters" + at(node));
                }
                return NODES.arrayNode().add(value.substring(0, dot)).add(value.substring(dot + 1));
            }
            return NODES.textNode(scalar.getValue());
        }
        return switch (node) {
            case SequenceNode sequence -> {
                ArrayNode array = NODES.arrayNode();
                for (Node item : sequence.getValue()) {
                    array.add(convert(item, depth + 1));
                }
                yield array;
            }
            case MappingNode mapping -> mapping(mapping, depth);
            default -> throw Errors.validation("Template format error: unsupported structure.");
        };
    }

    /** A plain scalar as the core schema resolved it; quoted scalars stay strings. */
    private static JsonNode scalar(ScalarNode scalar) {
        String text = scalar.getValue();
        Tag tag = scalar.getTag();
        if (Tag.NULL.equals(tag)) {
            return NODES.nullNode();
        }
        if (Tag.BOOL.equals(tag)) {
            return NODES.booleanNode(Boolean.parseBoolean(text.toLowerCase(java.util.Locale.ROOT)));
        }
        try {
            if (Tag.INT.equals(tag)) {
                return NODES.numberNode(parseInteger(text));
            }
            if (Tag.FLOAT.equals(tag) && !text.startsWith(".") && !text.startsWith("-.") && !text.startsWith("+.")) {
                return NODES.numberNode(new BigDecimal(text));
            }
        } catch (NumberFormatException e) {
            return NODES.textNode(text);
        }
        return NODES.textNode(text);
    }

    private static BigInteger parseInteger(String text) {
        if (text.startsWith("0o")) {
            return new BigInteger(text.substring(2), 8);
        }
        if (text.startsWith("0x")) {
            return new BigInteger(text.substring(2), 16);
        }
        return new BigInteger(text.startsWith("+") ? text.substring(1) : text);
    }

    private static String at(Node node) {
        return node.getStartMark().map(mark -> " (line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1)
                + ")").orElse("");
    }
}
