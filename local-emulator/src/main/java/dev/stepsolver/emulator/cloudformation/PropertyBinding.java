package dev.stepsolver.emulator.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepsolver.emulator.protocol.ModelBindingException;
import dev.stepsolver.emulator.protocol.ModelReader;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingKnownType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Binds a resource's properties to the owning service's SDK request or model class. CloudFormation's
 * property names are the API's member names in PascalCase ({@code BuildSpec} is {@code buildspec},
 * {@code EnvironmentVariables} is {@code environmentVariables}), so members are matched ignoring
 * case, at every level; a property the model does not have fails the resource.
 */
public final class PropertyBinding {

    private static final int MAX_DEPTH = 32;

    private PropertyBinding() {
    }

    /**
     * @throws ResourceFailure when a property has no member in the model or its value does not fit it
     */
    @SuppressWarnings("unchecked")
    public static <T> T bind(ResourceProperties properties, Supplier<? extends SdkBuilder<?, T>> model) {
        SdkBuilder<?, T> builder = model.get();
        JsonNode renamed = rename(properties, properties.node(), ((SdkPojo) builder).sdkFields(), "", 0);
        try {
            ModelReader.readTree(renamed, (SdkPojo) builder);
        } catch (ModelBindingException e) {
            throw properties.invalid("#/" + e.memberPath().replace('.', '/') + ": " + e.getMessage());
        }
        return (T) ModelReader.build((SdkPojo) builder);
    }

    private static JsonNode rename(ResourceProperties properties, JsonNode value, List<SdkField<?>> fields, String path,
            int depth) {
        if (depth > MAX_DEPTH || !value.isObject()) {
            return value;
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            SdkField<?> field = fields.stream()
                    .filter(f -> f.location() == MarshallLocation.PAYLOAD)
                    .filter(f -> f.locationName().equalsIgnoreCase(entry.getKey())
                            || f.memberName().equalsIgnoreCase(entry.getKey()))
                    .findFirst()
                    .orElseThrow(() -> properties.invalid("#" + (path.isEmpty() ? "" : "/" + path) + ": extraneous key ["
                            + entry.getKey() + "] is not permitted"));
            String childPath = path.isEmpty() ? entry.getKey() : path + "/" + entry.getKey();
            out.set(field.locationName(), convert(properties, entry.getValue(), field, childPath, depth + 1));
        }
        return out;
    }

    private static JsonNode convert(ResourceProperties properties, JsonNode value, SdkField<?> field, String path,
            int depth) {
        MarshallingKnownType type = field.marshallingType().getKnownType();
        return switch (type) {
            case SDK_POJO -> rename(properties, value, ((SdkPojo) field.constructor().get()).sdkFields(), path, depth);
            case LIST -> {
                if (!value.isArray()) {
                    yield value;
                }
                SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
                ArrayNode items = JsonNodeFactory.instance.arrayNode();
                int index = 0;
                for (JsonNode item : value) {
                    items.add(convert(properties, item, member, path + "/" + index++, depth + 1));
                }
                yield items;
            }
            case MAP -> {
                if (!value.isObject()) {
                    yield value;
                }
                SdkField<?> member = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
                ObjectNode entries = JsonNodeFactory.instance.objectNode();
                for (Map.Entry<String, JsonNode> entry : value.properties()) {
                    entries.set(entry.getKey(), convert(properties, entry.getValue(), member,
                            path + "/" + entry.getKey(), depth + 1));
                }
                yield entries;
            }
            default -> value;
        };
    }
}
