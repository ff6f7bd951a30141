package dev.stepsolver.emulator.codepipeline;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Who may be in which stage of one pipeline. In SUPERSEDED and QUEUED modes a stage holds one
 * execution at a time: an execution that finished a stage leaves it and waits at the next one's
 * entrance while that is occupied. In SUPERSEDED mode a newer execution arriving at an entrance where
 * an older one waits replaces it (the older ends Superseded); in QUEUED mode they wait in order. In
 * PARALLEL mode nothing is locked.
 */
final class StageLanes {

    /** How a wait to enter a stage ended. */
    enum Entry { ENTERED, SUPERSEDED, STOPPED }

    /** The execution side of a wait: its id and whether a stop was asked for. */
    interface Runner {
        String executionId();

        boolean stopRequested();

        /** Tells the runner it was superseded while waiting (before {@link #enter} returns). */
        void superseded(String byExecutionId);
    }

    private final Map<String, Runner> occupants = new HashMap<>();
    private final Map<String, Deque<Runner>> waiting = new HashMap<>();
    private final Map<Runner, String> superseded = new HashMap<>();

    /**
     * Leaves {@code previous} (if any) and enters {@code stage}, waiting while it is occupied.
     *
     * @param mode SUPERSEDED, QUEUED or PARALLEL (read at each entrance: an update may change it)
     * @param onWait called once if the runner has to wait
     */
    synchronized Entry enter(Runner runner, Optional<String> previous, String stage, String mode,
            Consumer<String> onWait) throws InterruptedException {
        previous.ifPresent(p -> leave(runner, p));
        if ("PARALLEL".equals(mode)) {
            return Entry.ENTERED;
        }
        Deque<Runner> queue = waiting.computeIfAbsent(stage, s -> new ArrayDeque<>());
        if (!occupants.containsKey(stage) && queue.isEmpty()) {
            occupants.put(stage, runner);
            return Entry.ENTERED;
        }
        if ("SUPERSEDED".equals(mode)) {
            for (Runner older : queue) {
                superseded.put(older, runner.executionId());
            }
            queue.clear();
        }
        queue.addLast(runner);
        onWait.accept(stage);
        notifyAll();
        try {
            while (true) {
                String by = superseded.remove(runner);
                if (by != null) {
                    runner.superseded(by);
                    return Entry.SUPERSEDED;
                }
                if (runner.stopRequested()) {
                    queue.remove(runner);
                    notifyAll();
                    return Entry.STOPPED;
                }
                if (!occupants.containsKey(stage) && queue.peekFirst() == runner) {
                    queue.removeFirst();
                    occupants.put(stage, runner);
                    return Entry.ENTERED;
                }
                wait();
            }
        } catch (InterruptedException e) {
            queue.remove(runner);
            superseded.remove(runner);
            notifyAll();
            throw e;
        }
    }

    /** Leaves a stage (when the runner holds it). */
    synchronized void leave(Runner runner, String stage) {
        if (occupants.get(stage) == runner) {
            occupants.remove(stage);
            notifyAll();
        }
    }

    /** Wakes waiting runners to look at their stop flags again. */
    synchronized void wakeUp() {
        notifyAll();
    }

    /** The executions waiting to enter {@code stage}, oldest first. */
    synchronized java.util.List<String> waitingFor(String stage) {
        return waiting.getOrDefault(stage, new ArrayDeque<>()).stream().map(Runner::executionId).toList();
    }
}
