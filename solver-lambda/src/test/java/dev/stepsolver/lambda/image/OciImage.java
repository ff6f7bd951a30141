package dev.stepsolver.lambda.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * An image read from an OCI image layout tarball (what {@code jib:buildTar} writes with the OCI
 * format): its index, manifest, config and layers, with every blob's digest checked.
 *
 * @param layoutVersion  {@code imageLayoutVersion} of the {@code oci-layout} file
 * @param index          {@code index.json}
 * @param manifest       the one manifest the index names
 * @param config         the image configuration
 * @param layers         the layers in order, bottom first
 */
record OciImage(String layoutVersion, JsonNode index, JsonNode manifest, JsonNode config, List<Layer> layers) {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long MAX_BLOB = 256L * 1024 * 1024;

    /** One entry of a layer. */
    record Entry(String path, boolean directory, int mode, long size) {
    }

    /**
     * A layer.
     *
     * @param digest    the compressed blob's digest
     * @param mediaType as the manifest gives it
     * @param comment   Jib's layer name, from the config's history
     * @param entries   its files and directories, paths absolute ({@code /var/task/...})
     * @param blob      the compressed bytes
     */
    record Layer(String digest, String mediaType, String comment, List<Entry> entries, byte[] blob) {
    }

    static OciImage read(Path tarball) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new BufferedInputStream(Files.newInputStream(tarball)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (entry.isFile()) {
                    if (entry.getSize() > MAX_BLOB) {
                        throw new IOException(entry.getName() + " is larger than " + MAX_BLOB + " bytes");
                    }
                    files.put(entry.getName(), tar.readAllBytes());
                }
            }
        }
        JsonNode layout = MAPPER.readTree(required(files, "oci-layout"));
        JsonNode index = MAPPER.readTree(required(files, "index.json"));
        if (index.path("manifests").size() != 1) {
            throw new IOException("expected one manifest in index.json, found " + index.path("manifests").size());
        }
        JsonNode manifest = MAPPER.readTree(blob(files, index.path("manifests").get(0).path("digest").asText()));
        JsonNode config = MAPPER.readTree(blob(files, manifest.path("config").path("digest").asText()));
        List<String> comments = new ArrayList<>();
        for (JsonNode h : config.path("history")) {
            if (!h.path("empty_layer").asBoolean(false)) {
                comments.add(h.path("comment").asText(""));
            }
        }
        List<Layer> layers = new ArrayList<>();
        int i = 0;
        for (JsonNode l : manifest.path("layers")) {
            String digest = l.path("digest").asText();
            byte[] blob = blob(files, digest);
            String comment = i < comments.size() ? comments.get(i) : "";
            layers.add(new Layer(digest, l.path("mediaType").asText(), comment, entries(blob), blob));
            i++;
        }
        return new OciImage(layout.path("imageLayoutVersion").asText(), index, manifest, config, List.copyOf(layers));
    }

    /** Every path in the image after the layers are applied, with its entry (the last layer's wins). */
    Map<String, Entry> fileSystem() {
        Map<String, Entry> all = new TreeMap<>();
        for (Layer layer : layers) {
            for (Entry e : layer.entries()) {
                all.put(e.path(), e);
            }
        }
        return all;
    }

    /** Regular files only. */
    List<String> files() {
        return fileSystem().values().stream().filter(e -> !e.directory()).map(Entry::path).toList();
    }

    List<String> cmd() {
        return strings(config.path("config").path("Cmd"));
    }

    Optional<List<String>> entrypoint() {
        JsonNode node = config.path("config").path("Entrypoint");
        return node.isArray() ? Optional.of(strings(node)) : Optional.empty();
    }

    Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode kv : config.path("config").path("Env")) {
            String s = kv.asText();
            int eq = s.indexOf('=');
            env.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
        }
        return env;
    }

    String workingDir() {
        return config.path("config").path("WorkingDir").asText("");
    }

    /** Unpacks the layers in order under {@code root}, as a container runtime would. */
    void extractTo(Path root) throws IOException {
        Path base = root.toAbsolutePath().normalize();
        for (Layer layer : layers) {
            try (TarArchiveInputStream tar = layerStream(layer.blob())) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    Path target = base.resolve(entry.getName()).normalize();
                    if (!target.startsWith(base)) {
                        throw new IOException("layer entry escapes the root: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else if (entry.isFile()) {
                        Files.createDirectories(target.getParent());
                        Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
    }

    private static List<Entry> entries(byte[] blob) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (TarArchiveInputStream tar = layerStream(blob)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                String path = "/" + e.getName().replaceAll("^/+", "").replaceAll("/+$", "");
                entries.add(new Entry(path, e.isDirectory(), e.getMode() & 07777, e.getSize()));
            }
        }
        return List.copyOf(entries);
    }

    private static TarArchiveInputStream layerStream(byte[] blob) throws IOException {
        InputStream in = new GzipCompressorInputStream(new ByteArrayInputStream(blob));
        return new TarArchiveInputStream(in);
    }

    private static byte[] required(Map<String, byte[]> files, String name) throws IOException {
        byte[] bytes = files.get(name);
        if (bytes == null) {
            throw new IOException("no " + name + " in the tarball");
        }
        return bytes;
    }

    /** A blob by digest, its content checked against the digest. */
    private static byte[] blob(Map<String, byte[]> files, String digest) throws IOException {
        if (!digest.startsWith("sha256:")) {
            throw new IOException("unexpected digest " + digest);
        }
        byte[] bytes = required(files, "blobs/sha256/" + digest.substring("sha256:".length()));
        try {
            String actual = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            if (!actual.equals(digest)) {
                throw new IOException("blob " + digest + " has digest " + actual);
            }
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return bytes;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
