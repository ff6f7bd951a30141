package dev.stepsolver.emulator.state;

import java.util.Map;

/**
 * Keyed documents written through: {@link #put} and {@link #remove} return once the change is
 * durable (atomic replace, fsync). Callers serialize their own changes to one key.
 */
public interface PersistentCollection<T> {

    /** Everything stored, by key, as loaded at start. */
    Map<String, T> loadAll();

    void put(String key, T value);

    void remove(String key);
}
