package dev.stepsolver.emulator.codebuild;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Ends a process and everything it started, as a container teardown would. */
final class ProcessTrees {

    private static final int ROUNDS = 10;

    private ProcessTrees() {
    }

    /**
     * Kills every descendant of {@code root} (again, while new ones appear), then {@code root} itself
     * when {@code includeRoot}. The root stays alive until its descendants are gone, so none of them
     * is orphaned out of sight (an orphan is no longer a descendant).
     */
    static void kill(ProcessHandle root, boolean includeRoot) {
        for (int round = 0; round < ROUNDS; round++) {
            List<ProcessHandle> descendants = root.descendants().toList();
            if (descendants.isEmpty()) {
                break;
            }
            descendants.forEach(ProcessHandle::destroyForcibly);
            descendants.forEach(ProcessTrees::awaitExit);
        }
        if (includeRoot) {
            root.destroyForcibly();
            awaitExit(root);
        }
    }

    private static void awaitExit(ProcessHandle process) {
        try {
            process.onExit().get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // a process that will not die within the bound is left to the operating system
        }
    }
}
