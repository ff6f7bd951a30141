package dev.stepsolver.emulator.state;

/**
 * Where backends keep what must survive a restart. A backend holds its state in memory and writes
 * each change through a {@link PersistentCollection} (one JSON document per key) or a
 * {@link BlobStore} (bytes, e.g. S3 object bodies) before it answers; at start it loads them back.
 * Without a state directory the store keeps nothing ({@link #inMemory()}).
 */
public interface StateStore {

    /**
     * The collection {@code name} (e.g. {@code ssm.parameters}) of JSON-mapped values of {@code type}
     * (records work). Values must be Jackson-serializable.
     */
    <T> PersistentCollection<T> collection(String name, Class<T> type);

    /** The blob store {@code name} (e.g. {@code s3.objects}). */
    BlobStore blobs(String name);

    /** Whether anything is written to disk. */
    boolean durable();

    static StateStore inMemory() {
        return new InMemoryStateStore();
    }
}
