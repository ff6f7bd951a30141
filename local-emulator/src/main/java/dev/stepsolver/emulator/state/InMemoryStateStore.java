package dev.stepsolver.emulator.state;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps nothing beyond the process: collections start empty, blobs live in memory. */
final class InMemoryStateStore implements StateStore {

    private final Map<String, InMemoryBlobs> blobStores = new ConcurrentHashMap<>();

    @Override
    public <T> PersistentCollection<T> collection(String name, Class<T> type) {
        return new PersistentCollection<>() {
            @Override
            public Map<String, T> loadAll() {
                return Map.of();
            }

            @Override
            public void put(String key, T value) {
                // the backend's own map is the state
            }

            @Override
            public void remove(String key) {
                // the backend's own map is the state
            }
        };
    }

    @Override
    public BlobStore blobs(String name) {
        return blobStores.computeIfAbsent(name, key -> new InMemoryBlobs());
    }

    @Override
    public boolean durable() {
        return false;
    }

    private static final class InMemoryBlobs implements BlobStore {
        private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();

        @Override
        public String write(byte[] data) {
            String id = UUID.randomUUID().toString();
            blobs.put(id, data.clone());
            return id;
        }

        @Override
        public String writeFile(java.nio.file.Path source) throws java.io.IOException {
            String id = UUID.randomUUID().toString();
            blobs.put(id, java.nio.file.Files.readAllBytes(source));
            return id;
        }

        @Override
        public Optional<Blob> read(String id) {
            return Optional.ofNullable(blobs.get(id)).map(Blob.InMemory::new);
        }

        @Override
        public void delete(String id) {
            blobs.remove(id);
        }

        @Override
        public String locate(String id) {
            return "memory:" + id;
        }
    }
}
