package dev.stepsolver.emulator.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A resource's resolved properties with typed readers that fail as CloudFormation's schema
 * validation does ({@code Properties validation failed for resource X with message: ...}).
 * Scalars are read leniently, as CloudFormation coerces them ({@code "1024"} is a number).
 */
public final class ResourceProperties {

    private final String logicalId;
    private final JsonNode node;

    public ResourceProperties(String logicalId, JsonNode node) {
        this.logicalId = logicalId;
        this.node = node == null || node.isNull() ? JsonNodeFactory.instance.objectNode() : node;
    }

    public JsonNode node() {
        return node;
    }

    public boolean has(String name) {
        JsonNode value = node.get(name);
        return value != null && !value.isNull();
    }

    public Optional<JsonNode> get(String name) {
        return has(name) ? Optional.of(node.get(name)) : Optional.empty();
    }

    public String requiredText(String name) {
        return text(name).orElseThrow(() -> invalid("#: required key [" + name + "] not found"));
    }

    public Optional<String> text(String name) {
        return get(name).map(value -> {
            if (value.isContainerNode()) {
                throw invalid("#/" + name + ": expected type: String, found: " + jsonType(value));
            }
            return value.asText();
        });
    }

    public Optional<Integer> integer(String name) {
        return text(name).map(text -> {
            try {
                return new BigDecimal(text.strip()).intValueExact();
            } catch (NumberFormatException | ArithmeticException e) {
                throw invalid("#/" + name + ": expected type: Integer, found: String");
            }
        });
    }

    public Optional<Double> number(String name) {
        return text(name).map(text -> {
            try {
                return Double.parseDouble(text.strip());
            } catch (NumberFormatException e) {
                throw invalid("#/" + name + ": expected type: Number, found: String");
            }
        });
    }

    public Optional<Boolean> bool(String name) {
        return text(name).map(text -> {
            if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
                throw invalid("#/" + name + ": expected type: Boolean, found: String");
            }
            return Boolean.parseBoolean(text.toLowerCase(java.util.Locale.ROOT));
        });
    }

    /** A JSON document property (a policy) as text: objects are serialized, strings taken as they are. */
    public Optional<String> document(String name) {
        return get(name).map(value -> value.isTextual() ? value.asText() : value.toString());
    }

    public List<String> texts(String name) {
        Optional<JsonNode> value = get(name);
        if (value.isEmpty()) {
            return List.of();
        }
        if (!value.get().isArray()) {
            throw invalid("#/" + name + ": expected type: JSONArray, found: " + jsonType(value.get()));
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : value.get()) {
            if (item.isContainerNode()) {
                throw invalid("#/" + name + ": expected type: String, found: " + jsonType(item));
            }
            items.add(item.asText());
        }
        return items;
    }

    public Optional<ResourceProperties> object(String name) {
        return get(name).map(value -> {
            if (!value.isObject()) {
                throw invalid("#/" + name + ": expected type: JSONObject, found: " + jsonType(value));
            }
            return new ResourceProperties(logicalId, value);
        });
    }

    /** A list of objects (Policies, AdditionalVersionWeights...), each with the same readers. */
    public List<ResourceProperties> objects(String name) {
        Optional<JsonNode> value = get(name);
        if (value.isEmpty()) {
            return List.of();
        }
        if (!value.get().isArray()) {
            throw invalid("#/" + name + ": expected type: JSONArray, found: " + jsonType(value.get()));
        }
        List<ResourceProperties> items = new ArrayList<>();
        for (JsonNode item : value.get()) {
            if (!item.isObject()) {
                throw invalid("#/" + name + ": expected type: JSONObject, found: " + jsonType(item));
            }
            items.add(new ResourceProperties(logicalId, item));
        }
        return items;
    }

    /** An object of strings ({@code Variables}, {@code RequestTemplates}...) as a map, in template order. */
    public Map<String, String> textMap(String name) {
        Map<String, String> values = new LinkedHashMap<>();
        object(name).ifPresent(map -> map.node().properties().forEach(e -> values.put(e.getKey(),
                map.requiredText(e.getKey()))));
        return values;
    }

    /** {@code Tags: [{Key, Value}]} as a map. */
    public Map<String, String> tags() {
        Map<String, String> tags = new LinkedHashMap<>();
        Optional<JsonNode> value = get("Tags");
        if (value.isEmpty()) {
            return tags;
        }
        if (!value.get().isArray()) {
            throw invalid("#/Tags: expected type: JSONArray, found: " + jsonType(value.get()));
        }
        for (JsonNode tag : value.get()) {
            if (!tag.path("Key").isValueNode() || !tag.path("Value").isValueNode()) {
                throw invalid("#/Tags: required key [Key] or [Value] not found");
            }
            tags.put(tag.get("Key").asText(), tag.get("Value").asText());
        }
        return tags;
    }

    /** Fails on a property outside {@code names}: one this emulator does not model. */
    public void permitOnly(Collection<String> names) {
        node.fieldNames().forEachRemaining(name -> {
            if (!names.contains(name)) {
                throw ResourceFailure.notSupported("Property " + name + " of resource " + logicalId
                        + " is not supported by this emulator");
            }
        });
    }

    /** A schema validation failure of this resource, worded as CloudFormation words it. */
    public ResourceFailure invalid(String detail) {
        return ResourceFailure.verbatim("Properties validation failed for resource " + logicalId + " with message: "
                + detail);
    }

    private static String jsonType(JsonNode value) {
        if (value.isObject()) {
            return "JSONObject";
        }
        if (value.isArray()) {
            return "JSONArray";
        }
        if (value.isBoolean()) {
            return "Boolean";
        }
        if (value.isNumber()) {
            return "Integer";
        }
        return "String";
    }
}
