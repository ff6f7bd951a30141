package dev.stepsolver.pipeline.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Collection;

/**
 * Writes registry credentials into a Docker config file ({@code auths.<host>.auth}), the place
 * Jib looks for them; other entries in the file are kept.
 */
public final class DockerConfig {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DockerConfig() {
    }

    public static Path defaultLocation(java.util.Map<String, String> environment) {
        String dir = environment.getOrDefault("DOCKER_CONFIG", "");
        if (!dir.isBlank()) {
            return Path.of(dir, "config.json");
        }
        return Path.of(System.getProperty("user.home"), ".docker", "config.json");
    }

    public static void write(Path file, RegistryCredentials credentials, Collection<String> hosts) throws IOException {
        ObjectNode root;
        if (Files.exists(file)) {
            JsonNode existing = MAPPER.readTree(file.toFile());
            if (existing != null && !existing.isObject()) {
                throw new IOException(file + " exists but is not a JSON object; not overwriting it");
            }
            root = existing == null ? MAPPER.createObjectNode() : (ObjectNode) existing;
        } else {
            root = MAPPER.createObjectNode();
        }
        ObjectNode auths = root.has("auths") && root.get("auths").isObject()
                ? (ObjectNode) root.get("auths") : root.putObject("auths");
        String auth = Base64.getEncoder().encodeToString(
                (credentials.username() + ":" + credentials.password()).getBytes(StandardCharsets.UTF_8));
        for (String host : hosts) {
            if (!host.isBlank()) {
                auths.putObject(host).put("auth", auth);
            }
        }
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Path temp = Files.createTempFile(file.getParent() == null ? Path.of(".") : file.getParent(), "config", ".json");
        try {
            if (temp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            }
            MAPPER.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), root);
            Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
