package dev.stepsolver.emulator.time;

import java.time.Duration;
import java.time.Instant;

/**
 * The one clock of the emulator. Every service reads time, schedules work and waits through it,
 * so a scaled clock replays a ten-minute canary in seconds and a {@link ManualClock} makes tests
 * deterministic.
 */
public interface EmulatorClock extends AutoCloseable {

    /** The current emulated instant. */
    Instant now();

    /** Runs {@code task} once when emulated time reaches {@code at} (at once if it already has). */
    Scheduled schedule(Instant at, Runnable task);

    /** Runs {@code task} at {@code first}, then every {@code period} of emulated time, until cancelled. */
    Scheduled scheduleAtFixedRate(Instant first, Duration period, Runnable task);

    /**
     * Blocks the calling thread until emulated time reaches {@code at}.
     *
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    void awaitUntil(Instant at) throws InterruptedException;

    /** Emulated seconds per real second: 1 for real time; meaningless for a manual clock (0). */
    double timeScale();

    /** Stops running scheduled tasks; waiters are released by interruption of their own threads. */
    @Override
    void close();

    /** A handle to a scheduled task. */
    interface Scheduled {
        /** Prevents any further run of the task; a run already in progress completes. */
        void cancel();

        boolean isCancelled();
    }
}
