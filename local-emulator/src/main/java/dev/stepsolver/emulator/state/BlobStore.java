package dev.stepsolver.emulator.state;

import java.nio.file.Path;
import java.util.Optional;

/** Immutable blobs by id: write once, read, delete. Writes are durable when they return. */
public interface BlobStore {

    /** Stores {@code data} under a new id and returns the id. */
    String write(byte[] data);

    /**
     * Stores a copy of {@code source}'s bytes under a new id and returns the id, without holding them
     * in memory when the store is on disk (large blobs: image layers).
     */
    String writeFile(Path source) throws java.io.IOException;

    /** A stored blob: on disk (streamable) or in memory. */
    sealed interface Blob permits Blob.OnDisk, Blob.InMemory {
        long length();

        record OnDisk(Path file, long length) implements Blob {
        }

        record InMemory(byte[] bytes) implements Blob {
            @Override
            public long length() {
                return bytes.length;
            }
        }
    }

    Optional<Blob> read(String id);

    void delete(String id);

    /** Where blob {@code id} lives, for error messages. */
    String locate(String id);
}
