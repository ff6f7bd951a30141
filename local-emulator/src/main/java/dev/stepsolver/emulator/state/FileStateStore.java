package dev.stepsolver.emulator.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * State under a directory: {@code <dir>/<collection>/<sha256(key)>.json} holding {@code {"key", "value"}},
 * and {@code <dir>/<blobs>/<id>.blob}. Every write goes to a temporary file, is fsynced, atomically
 * renamed over the old one, and the directory is fsynced: a kill -9 leaves either the old or the new
 * version. Leftover temporary files are uncommitted writes and are removed at load; any committed file
 * that does not parse stops the load with {@link StateCorruptedException}.
 */
public final class FileStateStore implements StateStore {

    private static final String FORMAT_FILE = "emulator-state.json";
    private static final int FORMAT_VERSION = 1;
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{0,63}");
    private static final String TEMP_PREFIX = ".tmp-";
    private static final Pattern BLOB_ID = Pattern.compile("[0-9a-f-]{36}");

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Path root;

    private FileStateStore(Path root) {
        this.root = root;
    }

    /**
     * Opens (creating if needed) the state directory.
     *
     * @throws StateCorruptedException when its format file is unreadable
     */
    public static FileStateStore open(Path root) {
        try {
            Files.createDirectories(root);
            Path format = root.resolve(FORMAT_FILE);
            if (Files.exists(format)) {
                JsonNode node = readJson(format);
                if (node.path("formatVersion").asInt(-1) != FORMAT_VERSION) {
                    throw new StateCorruptedException(format, "unknown formatVersion " + node.path("formatVersion"),
                            null);
                }
            } else {
                writeAtomically(format, ("{\"formatVersion\":" + FORMAT_VERSION + "}\n").getBytes(StandardCharsets.UTF_8));
            }
            return new FileStateStore(root);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open state directory " + root, e);
        }
    }

    public Path root() {
        return root;
    }

    @Override
    public boolean durable() {
        return true;
    }

    @Override
    public <T> PersistentCollection<T> collection(String name, Class<T> type) {
        return new FileCollection<>(directory(name), type);
    }

    @Override
    public BlobStore blobs(String name) {
        return new FileBlobs(directory(name));
    }

    private Path directory(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("state names are lower-case words with dots: " + name);
        }
        Path dir = root.resolve(name);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    private static JsonNode readJson(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length == 0) {
                throw new StateCorruptedException(file, "empty file", null);
            }
            return MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new StateCorruptedException(file, e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new StateCorruptedException(file, e.toString(), e);
        }
    }

    /** Temp file, fsync, atomic rename, fsync of the directory. */
    static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path dir = target.getParent();
        Path temp = dir.resolve(TEMP_PREFIX + UUID.randomUUID());
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        syncDirectory(dir);
    }

    static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems cannot fsync a directory; the rename itself is still atomic.
        }
    }

    private static void removeTemporaries(Path dir) throws IOException {
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, TEMP_PREFIX + "*")) {
            for (Path temp : temps) {
                Files.deleteIfExists(temp);
            }
        }
    }

    private static String fileName(String key) {
        return HexFormat.of().formatHex(dev.stepsolver.emulator.auth.SigV4.sha256(key.getBytes(StandardCharsets.UTF_8)));
    }

    private static final class FileCollection<T> implements PersistentCollection<T> {
        private final Path dir;
        private final Class<T> type;

        FileCollection(Path dir, Class<T> type) {
            this.dir = dir;
            this.type = type;
        }

        @Override
        public Map<String, T> loadAll() {
            Map<String, T> loaded = new LinkedHashMap<>();
            try {
                removeTemporaries(dir);
                try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
                    for (Path file : files) {
                        JsonNode node = readJson(file);
                        JsonNode key = node.get("key");
                        JsonNode value = node.get("value");
                        if (key == null || !key.isTextual() || value == null) {
                            throw new StateCorruptedException(file, "missing key or value", null);
                        }
                        try {
                            loaded.put(key.asText(), MAPPER.treeToValue(value, type));
                        } catch (JsonProcessingException | IllegalArgumentException e) {
                            throw new StateCorruptedException(file, "not a valid " + type.getSimpleName() + ": "
                                    + e.getMessage(), e);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read state directory " + dir, e);
            }
            return loaded;
        }

        @Override
        public void put(String key, T value) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("key", key);
            document.put("value", value);
            try {
                writeAtomically(dir.resolve(fileName(key) + ".json"), MAPPER.writeValueAsBytes(document));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write state to " + dir, e);
            }
        }

        @Override
        public void remove(String key) {
            try {
                Files.deleteIfExists(dir.resolve(fileName(key) + ".json"));
                syncDirectory(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot remove state from " + dir, e);
            }
        }
    }

    private static final class FileBlobs implements BlobStore {
        private final Path dir;

        FileBlobs(Path dir) {
            this.dir = dir;
            try {
                removeTemporaries(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String write(byte[] data) {
            String id = UUID.randomUUID().toString();
            try {
                writeAtomically(dir.resolve(id + ".blob"), data);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write blob to " + dir, e);
            }
            return id;
        }

        @Override
        public String writeFile(Path source) throws IOException {
            String id = UUID.randomUUID().toString();
            Path temp = dir.resolve(TEMP_PREFIX + UUID.randomUUID());
            try {
                Files.copy(source, temp);
                try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
                Files.move(temp, dir.resolve(id + ".blob"), StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
            syncDirectory(dir);
            return id;
        }

        @Override
        public String locate(String id) {
            return dir.resolve(id + ".blob").toString();
        }

        private static void checkId(String id) {
            // ids come from state files: never let one address a path outside the store
            if (!BLOB_ID.matcher(id).matches()) {
                throw new StateCorruptedException(id, "not a blob id", null);
            }
        }

        @Override
        public Optional<Blob> read(String id) {
            checkId(id);
            Path file = dir.resolve(id + ".blob");
            try {
                return Optional.of(new Blob.OnDisk(file, Files.size(file)));
            } catch (NoSuchFileException e) {
                return Optional.empty();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void delete(String id) {
            checkId(id);
            try {
                Files.deleteIfExists(dir.resolve(id + ".blob"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
