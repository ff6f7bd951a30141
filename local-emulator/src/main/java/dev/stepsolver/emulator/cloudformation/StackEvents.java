package dev.stepsolver.emulator.cloudformation;

import dev.stepsolver.emulator.state.PersistentCollection;
import dev.stepsolver.emulator.state.StateStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The events of every stack, stored in chunks (of {@value #CHUNK}) so that recording one event rewrites
 * one small document, and bounded to the newest chunks ({@value #MAX_CHUNKS}) per stack. Callers
 * synchronize.
 */
final class StackEvents {

    static final int CHUNK = 100;
    static final int MAX_CHUNKS = 100;

    /** Consecutive events of one stack, oldest first; {@code index} orders the chunks. */
    record Chunk(String stackId, long index, List<StackEventRecord> events) {
        Chunk {
            events = List.copyOf(events);
        }

        String key() {
            return stackId + "#" + index;
        }
    }

    private final PersistentCollection<Chunk> store;
    private final Map<String, ArrayDeque<Chunk>> byStack = new HashMap<>();
    private final int chunkSize;
    private final int maxChunks;

    StackEvents(StateStore state) {
        this(state, CHUNK, MAX_CHUNKS);
    }

    StackEvents(StateStore state, int chunkSize, int maxChunks) {
        this.chunkSize = chunkSize;
        this.maxChunks = maxChunks;
        this.store = state.collection("cloudformation.events", Chunk.class);
        List<Chunk> loaded = new ArrayList<>(store.loadAll().values());
        loaded.sort(Comparator.comparingLong(Chunk::index));
        loaded.forEach(chunk -> byStack.computeIfAbsent(chunk.stackId(), id -> new ArrayDeque<>()).addLast(chunk));
    }

    void add(StackEventRecord event) {
        ArrayDeque<Chunk> chunks = byStack.computeIfAbsent(event.stackId(), id -> new ArrayDeque<>());
        Chunk last = chunks.peekLast();
        List<StackEventRecord> events = new ArrayList<>();
        long index = 0;
        if (last != null && last.events().size() < chunkSize) {
            chunks.removeLast();
            events.addAll(last.events());
            index = last.index();
        } else if (last != null) {
            index = last.index() + 1;
        }
        events.add(event);
        Chunk updated = new Chunk(event.stackId(), index, events);
        chunks.addLast(updated);
        store.put(updated.key(), updated);
        while (chunks.size() > maxChunks) {
            store.remove(chunks.removeFirst().key());
        }
    }

    /** A stack's events, newest first. */
    List<StackEventRecord> newestFirst(String stackId) {
        List<StackEventRecord> all = new ArrayList<>();
        byStack.getOrDefault(stackId, new ArrayDeque<>()).forEach(chunk -> all.addAll(chunk.events()));
        return all.reversed();
    }

    void remove(String stackId) {
        ArrayDeque<Chunk> chunks = byStack.remove(stackId);
        if (chunks != null) {
            chunks.forEach(chunk -> store.remove(chunk.key()));
        }
    }
}
