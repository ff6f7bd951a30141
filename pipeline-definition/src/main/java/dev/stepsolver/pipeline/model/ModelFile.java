package dev.stepsolver.pipeline.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Reads a model file (YAML or JSON): a partial {@link DeploymentModel} laid over the defaults.
 * An optional top-level {@code prefix} picks the defaults' name prefix; anything else given
 * replaces the default at the same path, so a file only says what differs.
 */
public final class ModelFile {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ModelFile() {
    }

    public static DeploymentModel load(Path file) throws InvalidModelException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new InvalidModelException("cannot read model file " + file + ": " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    public static DeploymentModel parse(String text, String origin) throws InvalidModelException {
        Object document;
        try {
            document = new Load(LoadSettings.builder().setLabel(origin).build()).loadFromString(text);
        } catch (RuntimeException e) {
            throw new InvalidModelException("model file " + origin + " is not valid YAML/JSON: " + e.getMessage());
        }
        if (document == null) {
            return DeploymentModel.defaults();
        }
        if (!(document instanceof Map<?, ?>)) {
            throw new InvalidModelException("model file " + origin + " must hold a mapping at the top level");
        }
        ObjectNode overlay = MAPPER.valueToTree(document);
        JsonNode prefix = overlay.remove("prefix");
        DeploymentModel base = prefix == null ? DeploymentModel.defaults() : DeploymentModel.withPrefix(prefix.asText());
        ObjectNode merged = MAPPER.valueToTree(base);
        try {
            merge(merged, overlay, "");
            return MAPPER.treeToValue(merged, DeploymentModel.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidModelException("model file " + origin + ": " + e.getMessage());
        }
    }

    private static void merge(ObjectNode target, ObjectNode overlay, String path) throws InvalidModelException {
        Iterator<Map.Entry<String, JsonNode>> fields = overlay.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String at = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            JsonNode existing = target.get(field.getKey());
            if (existing == null) {
                throw new InvalidModelException("unknown model key '" + at + "'");
            }
            if (existing.isObject() && field.getValue().isObject()) {
                merge((ObjectNode) existing, (ObjectNode) field.getValue(), at);
            } else {
                target.set(field.getKey(), field.getValue());
            }
        }
    }

    /** A model file that cannot be read into a model; the message says where. */
    public static final class InvalidModelException extends Exception {
        public InvalidModelException(String message) {
            super(message);
        }
    }
}
