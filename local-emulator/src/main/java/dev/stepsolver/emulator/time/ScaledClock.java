package dev.stepsolver.emulator.time;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real time, sped up: {@code scale} emulated seconds pass per real second, starting from the
 * real wall-clock instant at creation, so proportions of intervals are kept.
 */
public final class ScaledClock implements EmulatorClock {

    private static final Logger LOG = LoggerFactory.getLogger(ScaledClock.class);

    private final Instant origin;
    private final long originNanos;
    private final double scale;
    private final LongSupplier nanoTime;
    private final ScheduledExecutorService executor;

    public ScaledClock(double scale) {
        this(Instant.now(), scale, System::nanoTime);
    }

    ScaledClock(Instant origin, double scale, LongSupplier nanoTime) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("time scale must be a positive finite number, got " + scale);
        }
        this.origin = Objects.requireNonNull(origin);
        this.scale = scale;
        this.nanoTime = nanoTime;
        this.originNanos = nanoTime.getAsLong();
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "emulator-clock");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public Instant now() {
        long realNanos = nanoTime.getAsLong() - originNanos;
        return origin.plusNanos((long) (realNanos * scale));
    }

    @Override
    public double timeScale() {
        return scale;
    }

    /** Real nanoseconds until emulated instant {@code at}; zero or negative when it has passed. */
    private long realNanosUntil(Instant at) {
        Duration emulated = Duration.between(now(), at);
        if (emulated.isNegative() || emulated.isZero()) {
            return 0;
        }
        double nanos = emulated.getSeconds() * 1e9 + emulated.getNano();
        return (long) Math.ceil(nanos / scale);
    }

    @Override
    public Scheduled schedule(Instant at, Runnable task) {
        ScheduledFuture<?> future = executor.schedule(guarded(task), realNanosUntil(at), TimeUnit.NANOSECONDS);
        return new FutureHandle(future);
    }

    @Override
    public Scheduled scheduleAtFixedRate(Instant first, Duration period, Runnable task) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive, got " + period);
        }
        PeriodicHandle handle = new PeriodicHandle(first, period, guarded(task));
        handle.arm();
        return handle;
    }

    @Override
    public void awaitUntil(Instant at) throws InterruptedException {
        // Re-checks after each nap: the wake-up is computed in real time, the condition in emulated time.
        long nanos;
        while ((nanos = realNanosUntil(at)) > 0) {
            TimeUnit.NANOSECONDS.sleep(nanos);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("A scheduled task failed", e);
            }
        };
    }

    private record FutureHandle(ScheduledFuture<?> future) implements Scheduled {
        @Override
        public void cancel() {
            future.cancel(false);
        }

        @Override
        public boolean isCancelled() {
            return future.isCancelled();
        }
    }

    /** Re-arms itself after each run so each run lands on first + k * period in emulated time. */
    private final class PeriodicHandle implements Scheduled {
        private final Duration period;
        private final Runnable task;
        private final AtomicBoolean cancelled = new AtomicBoolean();
        private final AtomicReference<ScheduledFuture<?>> current = new AtomicReference<>();
        private Instant next;

        PeriodicHandle(Instant first, Duration period, Runnable task) {
            this.next = first;
            this.period = period;
            this.task = task;
        }

        void arm() {
            if (cancelled.get() || executor.isShutdown()) {
                return;
            }
            current.set(executor.schedule(this::runOnce, realNanosUntil(next), TimeUnit.NANOSECONDS));
        }

        private void runOnce() {
            if (cancelled.get()) {
                return;
            }
            task.run();
            next = next.plus(period);
            arm();
        }

        @Override
        public void cancel() {
            cancelled.set(true);
            ScheduledFuture<?> future = current.get();
            if (future != null) {
                future.cancel(false);
            }
        }

        @Override
        public boolean isCancelled() {
            return cancelled.get();
        }
    }
}
