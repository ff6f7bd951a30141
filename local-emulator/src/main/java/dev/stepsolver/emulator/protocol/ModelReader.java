package dev.stepsolver.emulator.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingKnownType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Binds wire input to the AWS SDK's own model builders, driven by their {@code sdkFields()}: one
 * generic reader for JSON and CBOR trees (same data model) and one for Query form parameters.
 */
public final class ModelReader {

    /** Deepest nesting accepted: bounds recursion on hostile input. */
    private static final int MAX_DEPTH = 32;

    private ModelReader() {
    }

    /** Fills {@code builder}'s payload members from a JSON or CBOR object node. */
    public static void readTree(JsonNode node, SdkPojo builder) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return;
        }
        if (!node.isObject()) {
            throw new ModelBindingException("", "Start of structure or map found where not expected.");
        }
        readTreeStruct(node, builder, "", 0);
    }

    private static void readTreeStruct(JsonNode node, SdkPojo builder, String path, int depth) {
        if (depth > MAX_DEPTH) {
            throw new ModelBindingException(path, "Input nests too deeply.");
        }
        for (SdkField<?> field : builder.sdkFields()) {
            if (field.location() != MarshallLocation.PAYLOAD) {
                continue;
            }
            JsonNode value = node.get(field.locationName());
            if (value == null || value.isNull()) {
                continue;
            }
            field.set(builder, treeValue(field, value, join(path, field.locationName()), depth + 1));
        }
    }

    private static Object treeValue(SdkField<?> field, JsonNode value, String path, int depth) {
        MarshallingKnownType type = field.marshallingType().getKnownType();
        try {
            return switch (type) {
                case STRING -> {
                    if (value.isContainerNode()) {
                        throw mismatch(path, "string");
                    }
                    yield value.asText();
                }
                case INTEGER -> number(value, path).intValueExact();
                case LONG -> number(value, path).longValueExact();
                case SHORT -> number(value, path).shortValueExact();
                case BYTE -> number(value, path).byteValueExact();
                case FLOAT -> (float) doubleValue(value, path);
                case DOUBLE -> doubleValue(value, path);
                case BIG_DECIMAL -> number(value, path);
                case BOOLEAN -> {
                    if (value.isBoolean()) {
                        yield value.booleanValue();
                    }
                    if (value.isTextual() && ("true".equals(value.asText()) || "false".equals(value.asText()))) {
                        yield Boolean.parseBoolean(value.asText());
                    }
                    throw mismatch(path, "boolean");
                }
                case INSTANT -> {
                    if (value.isNumber()) {
                        yield epochSeconds(value.decimalValue());
                    }
                    if (value.isTextual()) {
                        yield parseInstant(value.asText(), path);
                    }
                    throw mismatch(path, "timestamp");
                }
                case SDK_BYTES -> {
                    if (value.isBinary()) {
                        yield SdkBytes.fromByteArray(value.binaryValue());
                    }
                    if (value.isTextual()) {
                        yield SdkBytes.fromByteArray(Base64.getDecoder().decode(value.asText()));
                    }
                    throw mismatch(path, "blob");
                }
                case SDK_POJO -> {
                    if (!value.isObject()) {
                        throw mismatch(path, "structure");
                    }
                    SdkPojo nested = field.constructor().get();
                    readTreeStruct(value, nested, path, depth);
                    yield build(nested);
                }
                case LIST -> {
                    if (!value.isArray()) {
                        throw mismatch(path, "list");
                    }
                    SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
                    List<Object> list = new ArrayList<>(value.size());
                    int index = 0;
                    for (JsonNode element : value) {
                        list.add(element.isNull() ? null : treeValue(member, element, path + "." + (++index), depth + 1));
                    }
                    yield list;
                }
                case MAP -> {
                    if (!value.isObject()) {
                        throw mismatch(path, "map");
                    }
                    SdkField<?> member = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
                    Map<String, Object> map = new LinkedHashMap<>();
                    for (Map.Entry<String, JsonNode> entry : value.properties()) {
                        map.put(entry.getKey(), treeValue(member, entry.getValue(), path + "." + entry.getKey(), depth + 1));
                    }
                    yield map;
                }
                case DOCUMENT, NULL -> throw new ModelBindingException(path, "Documents are not supported.");
            };
        } catch (ArithmeticException e) {
            throw new ModelBindingException(path, "Value at '" + path + "' is out of range.");
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw new ModelBindingException(path, "Value at '" + path + "' is malformed.");
        }
    }

    private static BigDecimal number(JsonNode value, String path) {
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isTextual()) {
            try {
                return new BigDecimal(value.asText());
            } catch (NumberFormatException e) {
                throw mismatch(path, "number");
            }
        }
        throw mismatch(path, "number");
    }

    private static double doubleValue(JsonNode value, String path) {
        if (value.isNumber()) {
            return value.doubleValue();
        }
        if (value.isTextual()) {
            return parseDouble(value.asText(), path);
        }
        throw mismatch(path, "number");
    }

    private static ModelBindingException mismatch(String path, String expected) {
        return new ModelBindingException(path, "Expected a " + expected + " at '" + path + "'.");
    }

    // ---------------------------------------------------------------- Query

    /** Fills {@code builder} from Query parameters ({@code A.member.1.B=...}), skipping Action and Version. */
    public static void readQuery(Map<String, String> parameters, SdkPojo builder) {
        QueryNode root = new QueryNode();
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            if ("Action".equals(name) || "Version".equals(name)) {
                continue;
            }
            String[] parts = name.split("\\.", MAX_DEPTH * 3);
            if (parts.length > MAX_DEPTH * 3 - 1) {
                throw new ModelBindingException(name, "Parameter name nests too deeply: " + name);
            }
            QueryNode node = root;
            for (String part : parts) {
                node = node.children.computeIfAbsent(part, key -> new QueryNode());
            }
            node.value = parameter.getValue();
        }
        readQueryStruct(root, builder, "");
    }

    private static final class QueryNode {
        private String value;
        private final Map<String, QueryNode> children = new LinkedHashMap<>();

        /** Children with numeric names in numeric order (list and map entries). */
        List<QueryNode> indexed(String path) {
            TreeMap<Integer, QueryNode> ordered = new TreeMap<>();
            for (Map.Entry<String, QueryNode> child : children.entrySet()) {
                try {
                    int index = Integer.parseInt(child.getKey());
                    if (index < 1) {
                        throw new NumberFormatException();
                    }
                    ordered.put(index, child.getValue());
                } catch (NumberFormatException e) {
                    throw new ModelBindingException(path, "Unexpected list or map index '" + child.getKey()
                            + "' in " + path + ".");
                }
            }
            return new ArrayList<>(ordered.values());
        }
    }

    private static void readQueryStruct(QueryNode node, SdkPojo builder, String path) {
        for (SdkField<?> field : builder.sdkFields()) {
            QueryNode child = node.children.get(field.locationName());
            if (child == null) {
                continue;
            }
            field.set(builder, queryValue(field, child, join(path, field.locationName())));
        }
    }

    private static Object queryValue(SdkField<?> field, QueryNode node, String path) {
        MarshallingKnownType type = field.marshallingType().getKnownType();
        switch (type) {
            case SDK_POJO -> {
                SdkPojo nested = field.constructor().get();
                readQueryStruct(node, nested, path);
                return build(nested);
            }
            case LIST -> {
                ListTrait trait = field.getRequiredTrait(ListTrait.class);
                if (node.children.isEmpty()) {
                    return new ArrayList<>(); // "Name=" is how an empty list is sent
                }
                QueryNode items = trait.isFlattened() ? node
                        : node.children.get(trait.memberLocationName() == null ? "member" : trait.memberLocationName());
                if (items == null) {
                    throw new ModelBindingException(path, "Malformed list parameter " + path + ".");
                }
                List<Object> list = new ArrayList<>();
                int index = 0;
                for (QueryNode item : items.indexed(path)) {
                    list.add(queryValue(trait.memberFieldInfo(), item, path + ".member." + (++index)));
                }
                return list;
            }
            case MAP -> {
                MapTrait trait = field.getRequiredTrait(MapTrait.class);
                if (node.children.isEmpty()) {
                    return new LinkedHashMap<>();
                }
                QueryNode entries = trait.isFlattened() ? node : node.children.get("entry");
                if (entries == null) {
                    throw new ModelBindingException(path, "Malformed map parameter " + path + ".");
                }
                String keyName = trait.keyLocationName() == null ? "key" : trait.keyLocationName();
                String valueName = trait.valueLocationName() == null ? "value" : trait.valueLocationName();
                Map<String, Object> map = new LinkedHashMap<>();
                for (QueryNode entry : entries.indexed(path)) {
                    QueryNode key = entry.children.get(keyName);
                    QueryNode value = entry.children.get(valueName);
                    if (key == null || key.value == null || value == null) {
                        throw new ModelBindingException(path, "Malformed map entry in " + path + ".");
                    }
                    map.put(key.value, queryValue(trait.valueFieldInfo(), value, path + "." + key.value));
                }
                return map;
            }
            default -> {
                if (node.value == null) {
                    throw new ModelBindingException(path, "Malformed parameter " + path + ".");
                }
                return scalarFromText(type, node.value, path);
            }
        }
    }

    /** Converts the text form of a scalar (Query parameters, headers, query strings). */
    public static Object scalarFromText(MarshallingKnownType type, String text, String path) {
        try {
            return switch (type) {
                case STRING -> text;
                case INTEGER -> Integer.parseInt(text.trim());
                case LONG -> Long.parseLong(text.trim());
                case SHORT -> Short.parseShort(text.trim());
                case BYTE -> Byte.parseByte(text.trim());
                case FLOAT -> (float) parseDouble(text.trim(), path);
                case DOUBLE -> parseDouble(text.trim(), path);
                case BIG_DECIMAL -> new BigDecimal(text.trim());
                case BOOLEAN -> {
                    if (!"true".equalsIgnoreCase(text) && !"false".equalsIgnoreCase(text)) {
                        throw new ModelBindingException(path, "Invalid boolean value '" + text + "' for " + path + ".");
                    }
                    yield Boolean.parseBoolean(text);
                }
                case INSTANT -> parseInstant(text, path);
                case SDK_BYTES -> SdkBytes.fromByteArray(Base64.getDecoder().decode(text));
                default -> throw new ModelBindingException(path, "Unsupported parameter type at " + path + ".");
            };
        } catch (NumberFormatException e) {
            throw new ModelBindingException(path, "Invalid numeric value '" + text + "' for " + path + ".");
        } catch (IllegalArgumentException e) {
            throw new ModelBindingException(path, "Invalid value '" + text + "' for " + path + ".");
        }
    }

    private static double parseDouble(String text, String path) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new ModelBindingException(path, "Invalid numeric value '" + text + "' for " + path + ".");
                }
            }
        };
    }

    /** ISO 8601 (with or without fraction and offset) or epoch seconds. */
    public static Instant parseInstant(String text, String path) {
        String trimmed = text.trim();
        try {
            return epochSeconds(new BigDecimal(trimmed));
        } catch (NumberFormatException notEpoch) {
            try {
                return OffsetDateTime.parse(trimmed).toInstant();
            } catch (DateTimeParseException e) {
                try {
                    return Instant.parse(trimmed);
                } catch (DateTimeParseException again) {
                    throw new ModelBindingException(path, "Invalid timestamp '" + text + "' for " + path + ".");
                }
            }
        }
    }

    private static Instant epochSeconds(BigDecimal seconds) {
        BigDecimal whole = seconds.setScale(0, java.math.RoundingMode.FLOOR);
        long nanos = seconds.subtract(whole).movePointRight(9).setScale(0, java.math.RoundingMode.HALF_UP).longValue();
        return Instant.ofEpochSecond(whole.longValueExact(), nanos);
    }

    /** Builds a model builder into its immutable model object. */
    public static Object build(SdkPojo builder) {
        if (builder instanceof SdkBuilder<?, ?> sdkBuilder) {
            return sdkBuilder.build();
        }
        throw new IllegalStateException(builder.getClass() + " is not a model builder");
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
