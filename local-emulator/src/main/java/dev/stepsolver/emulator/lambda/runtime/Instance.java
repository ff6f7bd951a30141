package dev.stepsolver.emulator.lambda.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One execution environment: a function process and the Runtime API conversation with it. It runs
 * one invocation at a time: the invoker assigns one, the process takes it with {@code /next} and
 * ends it with {@code /response} or {@code /error}; if the process dies first, the invocation ends
 * with the death.
 */
final class Instance {

    private static final int LOG_TAIL_CHARS = 4096;
    private static final long OUTPUT_POLL_MILLIS = 20;

    enum Phase { STARTING, READY, STOPPING, DEAD }

    final String id;
    final InstanceSpec spec;
    final StartupArchives.Plan startupPlan;
    final String archiveKey;
    private final Logger log;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private Process process;
    private Phase phase = Phase.STARTING;
    private Invocation assigned;
    private Invocation running;
    private boolean initialized;
    private Optional<Outcome.InitError> initError = Optional.empty();
    private final Deque<String> logTail = new ArrayDeque<>();
    private int logTailChars;
    private volatile Instant lastUsed;
    private int served;

    Instance(String id, InstanceSpec spec, StartupArchives.Plan startupPlan, String archiveKey, Instant now) {
        this.id = id;
        this.spec = spec;
        this.startupPlan = startupPlan;
        this.archiveKey = archiveKey;
        this.lastUsed = now;
        this.log = LoggerFactory.getLogger("lambda." + spec.functionName());
    }

    /**
     * Takes the started process and follows its output file. The output goes to a file, not a pipe:
     * a pipe loses what the process writes as it exits, and the JDK's AOT cache assembly (a child JVM
     * inheriting the output) fails on one.
     */
    void attach(Process started, Path outputFile) {
        lock.lock();
        try {
            this.process = started;
        } finally {
            lock.unlock();
        }
        Thread.ofVirtual().name("lambda-output-" + id).start(() -> follow(started, outputFile));
    }

    Optional<Process> process() {
        lock.lock();
        try {
            return Optional.ofNullable(process);
        } finally {
            lock.unlock();
        }
    }

    /** Forwards the output file's lines to the emulator's log (and the tail) until the process has ended. */
    private void follow(Process started, Path outputFile) {
        try (BufferedReader reader = Files.newBufferedReader(outputFile, StandardCharsets.UTF_8)) {
            while (true) {
                String line = reader.readLine();
                if (line != null) {
                    log.info("[{}:{} {}] {}", spec.functionName(), spec.version(), id.substring(0, 8), line);
                    appendLog(line);
                } else if (started.isAlive()) {
                    Thread.sleep(OUTPUT_POLL_MILLIS);
                } else {
                    for (String rest = reader.readLine(); rest != null; rest = reader.readLine()) {
                        log.info("[{}:{} {}] {}", spec.functionName(), spec.version(), id.substring(0, 8), rest);
                        appendLog(rest);
                    }
                    return;
                }
            }
        } catch (IOException e) {
            log.debug("Cannot follow the output of {}", id, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                Files.deleteIfExists(outputFile);
            } catch (IOException e) {
                // in the cache directory, removed with it
            }
        }
    }

    void appendLog(String line) {
        lock.lock();
        try {
            logTail.addLast(line);
            logTailChars += line.length() + 1;
            while (logTailChars > LOG_TAIL_CHARS && logTail.size() > 1) {
                logTailChars -= logTail.removeFirst().length() + 1;
            }
        } finally {
            lock.unlock();
        }
    }

    /** The last few KB of the process's output (for {@code LogType: Tail}). */
    String logTail() {
        lock.lock();
        try {
            return String.join("\n", logTail) + "\n";
        } finally {
            lock.unlock();
        }
    }

    Instant lastUsed() {
        return lastUsed;
    }

    void touch(Instant now) {
        lastUsed = now;
    }

    int served() {
        lock.lock();
        try {
            return served;
        } finally {
            lock.unlock();
        }
    }

    boolean initialized() {
        lock.lock();
        try {
            return initialized;
        } finally {
            lock.unlock();
        }
    }

    boolean alive() {
        lock.lock();
        try {
            return phase == Phase.STARTING || phase == Phase.READY;
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------ invoker side

    /** Gives the instance its next invocation; false when it can no longer take one. */
    boolean assign(Invocation invocation) {
        lock.lock();
        try {
            if (phase == Phase.DEAD || phase == Phase.STOPPING || assigned != null || running != null) {
                return false;
            }
            if (initError.isPresent()) {
                invocation.outcome.complete(initError.get());
                return true;
            }
            assigned = invocation;
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------ Runtime API side

    /**
     * {@code /next}: waits for an invocation and hands it over; empty when the instance is stopping
     * (the process is about to be ended, so the poll never needs an answer).
     */
    Optional<Invocation> awaitNext() throws InterruptedException {
        lock.lock();
        try {
            initialized = true;
            if (phase == Phase.STARTING) {
                phase = Phase.READY;
            }
            while (assigned == null && (phase == Phase.READY)) {
                changed.await();
            }
            if (assigned == null) {
                return Optional.empty();
            }
            running = assigned;
            assigned = null;
            served++;
            running.handOff();
            return Optional.of(running);
        } finally {
            lock.unlock();
        }
    }

    /** {@code /response} or {@code /error}: false when the request id is not the running invocation. */
    boolean complete(String requestId, Outcome outcome) {
        lock.lock();
        try {
            if (running == null || !running.requestId.equals(requestId)) {
                return false;
            }
            running.outcome.complete(outcome);
            running = null;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** {@code /init/error}: the runtime could not start; the waiting invocation gets the error. */
    void initError(Outcome.InitError error) {
        lock.lock();
        try {
            initError = Optional.of(error);
            if (assigned != null) {
                assigned.outcome.complete(error);
                assigned = null;
            }
            if (running != null) {
                running.outcome.complete(error);
                running = null;
            }
        } finally {
            lock.unlock();
        }
    }

    /** The process has exited: whatever it was doing ends with that. */
    void died(int exitCode) {
        lock.lock();
        try {
            phase = Phase.DEAD;
            if (running != null) {
                running.outcome.complete(new Outcome.Crash(exitCode, exitPayload(running.requestId, exitCode)));
                running = null;
            }
            if (assigned != null) {
                Outcome outcome = initError.isPresent() ? initError.get()
                        : new Outcome.InitError("Runtime.ExitError", exitPayload(assigned.requestId, exitCode));
                assigned.outcome.complete(outcome);
                assigned = null;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** What Lambda answers when the runtime exits during an invocation. */
    private static byte[] exitPayload(String requestId, int exitCode) {
        return ("{\"errorType\":\"Runtime.ExitError\",\"errorMessage\":\"RequestId: " + requestId
                + " Error: Runtime exited with error: exit status " + exitCode + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** Marks the instance as ending: no more work, a pending {@code /next} is released. */
    void stopping() {
        lock.lock();
        try {
            if (phase != Phase.DEAD) {
                phase = Phase.STOPPING;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    Optional<Path> trainingOutput() {
        return startupPlan.trainingOutput();
    }
}
