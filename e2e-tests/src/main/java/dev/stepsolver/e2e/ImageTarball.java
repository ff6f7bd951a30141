package dev.stepsolver.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepsolver.emulator.ecr.Digest;
import dev.stepsolver.emulator.ecr.EcrBackend;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Loads an OCI image layout tarball, as {@code jib:buildTar} writes it, into the emulator's registry
 * under {@code repository:tag}: the very image solver-lambda's build made, blob for blob, with no
 * rebuild (the offline equivalent of {@code docker load} then {@code docker push}).
 */
public final class ImageTarball {

    /** An image tarball larger than this is not an image this project builds. */
    static final long MAX_BYTES = 512L * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ImageTarball() {
    }

    /**
     * Stores the tarball's image in {@code repository} (which must exist) under {@code tag}.
     *
     * @return the manifest digest, {@code sha256:...}
     * @throws IOException when the file is not a readable OCI layout with exactly one image
     */
    public static String load(EcrBackend registry, Path tarball, String repository, String tag) throws IOException {
        Map<String, byte[]> entries = read(tarball);
        JsonNode index = JSON.readTree(entry(entries, "index.json", tarball));
        JsonNode manifests = index.path("manifests");
        if (manifests.size() != 1) {
            throw new IOException(tarball + " holds " + manifests.size() + " images; expected one");
        }
        String manifestDigest = manifests.get(0).path("digest").asText();
        byte[] manifest = entry(entries, blobPath(manifestDigest), tarball);
        JsonNode document = JSON.readTree(manifest);
        List<String> blobs = new ArrayList<>();
        blobs.add(document.path("config").path("digest").asText());
        document.path("layers").forEach(layer -> blobs.add(layer.path("digest").asText()));
        for (String digest : blobs) {
            upload(registry, repository, digest, entry(entries, blobPath(digest), tarball));
        }
        String mediaType = manifests.get(0).path("mediaType").asText(document.path("mediaType").asText());
        return registry.putManifest(repository, tag, manifest, Optional.of(mediaType)).toString();
    }

    private static void upload(EcrBackend registry, String repository, String digest, byte[] content)
            throws IOException {
        Optional<Digest> parsed = Digest.parse(digest);
        if (parsed.isEmpty()) {
            throw new IOException("not a sha256 digest: " + digest);
        }
        if (registry.blob(parsed.get()).isPresent()) {
            return;
        }
        EcrBackend.UploadState upload = registry.startUpload(repository);
        registry.completeUpload(repository, upload.id(), new ByteArrayInputStream(content), digest);
    }

    private static Map<String, byte[]> read(Path tarball) throws IOException {
        if (!Files.isRegularFile(tarball)) {
            throw new IOException("no image tarball at " + tarball + ": build solver-lambda first (its package phase"
                    + " writes target/jib-image.tar), e.g. ./mvnw -B -pl e2e-tests -am verify");
        }
        if (Files.size(tarball) > MAX_BYTES) {
            throw new IOException(tarball + " is larger than " + MAX_BYTES + " bytes");
        }
        Map<String, byte[]> entries = new HashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new BufferedInputStream(
                Files.newInputStream(tarball)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (entry.isFile()) {
                    entries.put(entry.getName(), tar.readAllBytes());
                }
            }
        }
        return entries;
    }

    private static byte[] entry(Map<String, byte[]> entries, String name, Path tarball) throws IOException {
        byte[] content = entries.get(name);
        if (content == null) {
            throw new IOException(tarball + " is not an OCI image layout: it has no " + name);
        }
        return content;
    }

    private static String blobPath(String digest) {
        return "blobs/" + digest.replace(':', '/');
    }
}
