package dev.stepsolver.emulator.codebuild;

import dev.stepsolver.emulator.state.BlobStore;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;

/**
 * A build's log: appended to a file while the build runs (readable from any offset meanwhile),
 * then sealed into the state store's blobs. Bounded: past {@link #MAX_BYTES} lines are dropped
 * with one note.
 */
final class BuildLog {

    static final long MAX_BYTES = 64L * 1024 * 1024;
    private static final int MAX_CHUNK = 1024 * 1024;

    private final Object lock = new Object();
    private Path file;
    private OutputStream out;
    private long length;
    private boolean truncated;
    private BlobStore.Blob sealed;

    private BuildLog() {
    }

    /** A log being written to {@code file}. */
    static BuildLog live(Path file) {
        BuildLog log = new BuildLog();
        try {
            Files.createDirectories(file.getParent());
            log.out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the build log " + file, e);
        }
        log.file = file;
        return log;
    }

    /** The log of a completed build (empty when it was lost, e.g. the emulator was killed mid-build). */
    static BuildLog sealed(Optional<BlobStore.Blob> blob) {
        BuildLog log = new BuildLog();
        log.sealed = blob.orElseGet(() -> new BlobStore.Blob.InMemory(new byte[0]));
        log.length = log.sealed.length();
        return log;
    }

    /** Appends one line; false when it was dropped (the log is full or sealed). */
    boolean append(String line) {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (lock) {
            if (out == null || truncated) {
                return false;
            }
            try {
                if (length + bytes.length > MAX_BYTES) {
                    byte[] note = ("[Container] The log exceeded " + MAX_BYTES + " bytes; later lines are dropped\n")
                            .getBytes(StandardCharsets.UTF_8);
                    out.write(note);
                    out.flush();
                    length += note.length;
                    truncated = true;
                    return false;
                }
                out.write(bytes);
                out.flush();
                length += bytes.length;
                return true;
            } catch (IOException e) {
                truncated = true;
                return false;
            }
        }
    }

    /** Stops writing and moves the log into {@code blobs}; returns the blob id. */
    String seal(BlobStore blobs) {
        synchronized (lock) {
            try {
                if (out != null) {
                    out.close();
                    out = null;
                }
                byte[] bytes = file == null ? new byte[0] : Files.readAllBytes(file);
                String id = blobs.write(bytes);
                sealed = blobs.read(id).orElseGet(() -> new BlobStore.Blob.InMemory(bytes));
                if (file != null) {
                    Files.deleteIfExists(file);
                    file = null;
                }
                return id;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot store the build log", e);
            }
        }
    }

    /** Whole lines from {@code offset} (at most about a megabyte). */
    LogChunk read(long offset, boolean complete) {
        synchronized (lock) {
            long start = Math.max(0, Math.min(offset, length));
            int size = (int) Math.min(MAX_CHUNK, length - start);
            byte[] bytes = new byte[size];
            try {
                if (sealed instanceof BlobStore.Blob.InMemory memory) {
                    System.arraycopy(memory.bytes(), (int) start, bytes, 0, size);
                } else {
                    Path source = sealed instanceof BlobStore.Blob.OnDisk disk ? disk.file() : file;
                    if (source != null && size > 0) {
                        try (RandomAccessFile in = new RandomAccessFile(source.toFile(), "r")) {
                            in.seek(start);
                            in.readFully(bytes);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the build log", e);
            }
            int end = bytes.length;
            if (start + size < length) {
                // stop at a line end so no character is split between two reads
                int lastNewline = lastIndexOf(bytes, (byte) '\n');
                if (lastNewline >= 0) {
                    end = lastNewline + 1;
                }
            }
            return new LogChunk(new String(Arrays.copyOf(bytes, end), StandardCharsets.UTF_8), start + end, complete);
        }
    }

    private static int lastIndexOf(byte[] bytes, byte value) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
