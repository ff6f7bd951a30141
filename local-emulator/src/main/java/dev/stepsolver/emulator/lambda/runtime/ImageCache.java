package dev.stepsolver.emulator.lambda.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepsolver.emulator.ecr.Digest;
import dev.stepsolver.emulator.ecr.EcrBackend;
import dev.stepsolver.emulator.ecr.ImageRecord;
import dev.stepsolver.emulator.ecr.ManifestDocument;
import dev.stepsolver.emulator.protocol.Mappers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Images pulled from the emulated registry and unpacked once per manifest digest into the cache
 * directory (a half-unpacked image is never used: it is built aside and renamed into place).
 */
public final class ImageCache {

    private final EcrBackend registry;
    private final Path directory;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    public ImageCache(EcrBackend registry, Path directory) {
        this.registry = registry;
        this.directory = directory;
    }

    /** Why an image cannot run: missing, or not a runnable single-platform image. */
    public static final class ImageException extends Exception {
        private static final long serialVersionUID = 1L;
        private final String reasonCode;

        public ImageException(String reasonCode, String message) {
            super(message);
            this.reasonCode = reasonCode;
        }

        /** Lambda's StateReasonCode for it (ImageDeleted, InvalidImage...). */
        public String reasonCode() {
            return reasonCode;
        }
    }

    /**
     * The image unpacked, unpacking it first if needed. An index is resolved to its entry for
     * {@code platform} ({@code linux/amd64} or {@code linux/arm64}).
     */
    public FunctionImage prepare(ImageRecord image, String platform) throws ImageException {
        ImageRecord manifestImage = image;
        ManifestDocument manifest = ManifestDocument.parse(image.manifest(), Optional.of(image.manifestMediaType()));
        if (manifest.isIndex()) {
            ManifestDocument index = manifest;
            ManifestDocument.Descriptor entry = index.manifests().stream()
                    .filter(d -> d.platform().map(platform::equals).orElse(false)).findFirst()
                    .or(() -> index.manifests().size() == 1 ? Optional.of(index.manifests().get(0))
                            : Optional.empty())
                    .orElseThrow(() -> new ImageException("InvalidImage", "The image index has no " + platform
                            + " image."));
            manifestImage = registry.findImage(new EcrBackend.ImageReference(image.repository(),
                    entry.digest().toString())).orElseThrow(() -> new ImageException("ImageDeleted",
                            "The image index names " + entry.digest() + ", which is not in the repository."));
            manifest = ManifestDocument.parse(manifestImage.manifest(), Optional.of(manifestImage.manifestMediaType()));
            if (manifest.isIndex()) {
                throw new ImageException("InvalidImage", "Nested image indexes are not supported.");
            }
        }
        String digest = manifestImage.digest();
        Object lock = locks.computeIfAbsent(digest, key -> new Object());
        synchronized (lock) {
            Path root = directory.resolve("images").resolve(manifestImage.imageDigest().hex());
            JsonNode config = readConfig(manifest.config().orElseThrow().digest());
            if (!Files.isDirectory(root)) {
                unpack(manifest, root);
            }
            return toImage(digest, root, config);
        }
    }

    private JsonNode readConfig(Digest digest) throws ImageException {
        try (InputStream in = registry.openBlob(digest).orElseThrow(() -> new ImageException("ImageDeleted",
                "The image's config " + digest + " is missing from the registry."))) {
            return Mappers.JSON.readTree(in.readNBytes(8 * 1024 * 1024));
        } catch (IOException e) {
            throw new ImageException("InvalidImage", "The image's config cannot be read: " + e.getMessage());
        }
    }

    private void unpack(ManifestDocument manifest, Path root) throws ImageException {
        Path building = root.resolveSibling(root.getFileName() + ".tmp-" + UUID.randomUUID());
        try {
            Files.createDirectories(building);
            ImageUnpacker unpacker = new ImageUnpacker(building);
            for (ManifestDocument.Descriptor layer : manifest.layers()) {
                try (InputStream in = registry.openBlob(layer.digest()).orElseThrow(() -> new ImageException(
                        "ImageDeleted", "The image's layer " + layer.digest() + " is missing from the registry."))) {
                    unpacker.apply(in);
                }
            }
            try {
                Files.move(building, root, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(building, root);
            }
        } catch (ImageUnpacker.InvalidLayerException e) {
            throw new ImageException("InvalidImage", e.getMessage());
        } catch (IOException e) {
            throw new ImageException("InvalidImage", "The image cannot be unpacked: " + e.getMessage());
        } finally {
            try {
                ImageUnpacker.deleteRecursively(building);
            } catch (IOException e) {
                // scratch left in the cache directory
            }
        }
    }

    private static FunctionImage toImage(String digest, Path root, JsonNode configBlob) {
        JsonNode config = configBlob.path("config");
        List<String> command = new ArrayList<>();
        config.path("Cmd").forEach(node -> command.add(node.asText()));
        Map<String, String> environment = new LinkedHashMap<>();
        config.path("Env").forEach(node -> {
            String pair = node.asText();
            int eq = pair.indexOf('=');
            if (eq > 0) {
                environment.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        });
        String workingDir = config.path("WorkingDir").asText("");
        return new FunctionImage(digest, root, command, environment,
                workingDir.isEmpty() ? Optional.empty() : Optional.of(workingDir));
    }
}
