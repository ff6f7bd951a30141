package dev.stepsolver.emulator.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepsolver.emulator.protocol.Mappers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An image manifest or index (OCI or Docker v2 schema 2), read for what the registry checks (the
 * blobs and manifests it references) and what Lambda needs (config and layers).
 *
 * @param config the config blob of a manifest; empty for an index
 * @param layers a manifest's layers, in order
 * @param manifests an index's entries
 */
public record ManifestDocument(String mediaType, Optional<Descriptor> config, List<Descriptor> layers,
        List<Descriptor> manifests) {

    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";

    public static final Set<String> MEDIA_TYPES = Set.of(OCI_MANIFEST, OCI_INDEX, DOCKER_MANIFEST, DOCKER_LIST);

    /** A reference to content: a blob or a manifest. */
    public record Descriptor(String mediaType, Digest digest, long size, Optional<String> platform) {
    }

    public ManifestDocument {
        layers = List.copyOf(layers);
        manifests = List.copyOf(manifests);
    }

    public boolean isIndex() {
        return OCI_INDEX.equals(mediaType) || DOCKER_LIST.equals(mediaType);
    }

    /**
     * Parses {@code bytes}; the media type is the document's own {@code mediaType}, else the one it was
     * sent with.
     *
     * @throws RegistryError MANIFEST_INVALID when it is not a schema 2 manifest or index
     */
    public static ManifestDocument parse(byte[] bytes, Optional<String> contentType) {
        JsonNode root;
        try {
            root = Mappers.JSON.readTree(bytes);
        } catch (IOException e) {
            throw RegistryError.manifestInvalid("manifest invalid: not JSON");
        }
        if (root == null || !root.isObject() || root.path("schemaVersion").asInt() != 2) {
            throw RegistryError.manifestInvalid("manifest invalid: schemaVersion 2 expected");
        }
        String mediaType = root.hasNonNull("mediaType") ? root.get("mediaType").asText()
                : contentType.map(ManifestDocument::bareType).orElse("");
        if (mediaType.isEmpty()) {
            // an OCI document may leave mediaType out: its shape tells
            mediaType = root.has("manifests") ? OCI_INDEX : OCI_MANIFEST;
        }
        if (!MEDIA_TYPES.contains(mediaType)) {
            throw RegistryError.manifestInvalid("manifest invalid: unsupported media type " + mediaType);
        }
        boolean index = OCI_INDEX.equals(mediaType) || DOCKER_LIST.equals(mediaType);
        if (index) {
            return new ManifestDocument(mediaType, Optional.empty(), List.of(), descriptors(root.path("manifests")));
        }
        JsonNode config = root.get("config");
        if (config == null || !config.isObject()) {
            throw RegistryError.manifestInvalid("manifest invalid: no config descriptor");
        }
        return new ManifestDocument(mediaType, Optional.of(descriptor(config)), descriptors(root.path("layers")),
                List.of());
    }

    /** {@code application/json; charset=utf-8} → {@code application/json}. */
    static String bareType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
    }

    private static List<Descriptor> descriptors(JsonNode array) {
        if (!array.isArray()) {
            throw RegistryError.manifestInvalid("manifest invalid: descriptor list expected");
        }
        if (array.size() > 10_000) {
            throw RegistryError.manifestInvalid("manifest invalid: too many descriptors");
        }
        List<Descriptor> list = new ArrayList<>();
        array.forEach(node -> list.add(descriptor(node)));
        return list;
    }

    private static Descriptor descriptor(JsonNode node) {
        Optional<Digest> digest = Digest.parse(node.path("digest").asText(""));
        if (digest.isEmpty() || !node.path("size").canConvertToLong() || node.path("size").asLong() < 0) {
            throw RegistryError.manifestInvalid("manifest invalid: a descriptor needs a sha256 digest and a size");
        }
        JsonNode platform = node.path("platform");
        Optional<String> os = platform.isObject()
                ? Optional.of(platform.path("os").asText("") + "/" + platform.path("architecture").asText(""))
                : Optional.empty();
        return new Descriptor(node.path("mediaType").asText(""), digest.get(), node.path("size").asLong(), os);
    }
}
