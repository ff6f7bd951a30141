package dev.stepsolver.emulator.time;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A clock that moves only when told to. {@link #advance(Duration)} runs every task that falls due
 * in order of its due instant (ties in scheduling order), with {@link #now()} set to that instant
 * while the task runs, and releases threads blocked in {@link #awaitUntil(Instant)}.
 */
public final class ManualClock implements EmulatorClock {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition moved = lock.newCondition();
    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private Instant now;
    private long sequence;
    private boolean closed;

    public ManualClock(Instant start) {
        this.now = Objects.requireNonNull(start);
    }

    @Override
    public Instant now() {
        lock.lock();
        try {
            return now;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public double timeScale() {
        return 0;
    }

    /** Moves time forward by {@code duration}, running due tasks on the calling thread. */
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time cannot go backwards: " + duration);
        }
        Instant target;
        lock.lock();
        try {
            target = now.plus(duration);
        } finally {
            lock.unlock();
        }
        advanceTo(target);
    }

    /** Moves time forward to {@code target}, running due tasks on the calling thread. */
    public void advanceTo(Instant target) {
        while (true) {
            Entry due;
            lock.lock();
            try {
                Entry head = queue.peek();
                if (head == null || head.at.isAfter(target)) {
                    if (target.isAfter(now)) {
                        now = target;
                    }
                    moved.signalAll();
                    return;
                }
                due = queue.poll();
                if (due.at.isAfter(now)) {
                    now = due.at;
                }
                moved.signalAll();
            } finally {
                lock.unlock();
            }
            // Runs outside the lock so a task may read the clock or schedule more work.
            due.task.runDue(due.at);
        }
    }

    @Override
    public Scheduled schedule(Instant at, Runnable task) {
        OneShot oneShot = new OneShot(task);
        enqueue(at, oneShot);
        return oneShot;
    }

    @Override
    public Scheduled scheduleAtFixedRate(Instant first, Duration period, Runnable task) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive, got " + period);
        }
        Periodic periodic = new Periodic(task, period);
        enqueue(first, periodic);
        return periodic;
    }

    private void enqueue(Instant at, DueTask task) {
        lock.lock();
        try {
            if (!closed) {
                queue.add(new Entry(at.isBefore(now) ? now : at, sequence++, task));
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void awaitUntil(Instant at) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (now.isBefore(at)) {
                moved.await();
            }
        } finally {
            lock.unlock();
        }
    }

    /** How many tasks are waiting to fall due (cancelled ones included until their turn). */
    public int pendingTasks() {
        lock.lock();
        try {
            return (int) queue.stream().filter(entry -> !entry.task.isCancelled()).count();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            queue.clear();
        } finally {
            lock.unlock();
        }
    }

    private record Entry(Instant at, long sequence, DueTask task) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry other) {
            int byTime = at.compareTo(other.at);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

    private interface DueTask extends Scheduled {
        void runDue(Instant dueAt);
    }

    private static final class OneShot implements DueTask {
        private final Runnable task;
        private volatile boolean cancelled;

        OneShot(Runnable task) {
            this.task = task;
        }

        @Override
        public void runDue(Instant dueAt) {
            if (!cancelled) {
                cancelled = true;
                task.run();
            }
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }
    }

    private final class Periodic implements DueTask {
        private final Runnable task;
        private final Duration period;
        private volatile boolean cancelled;

        Periodic(Runnable task, Duration period) {
            this.task = task;
            this.period = period;
        }

        @Override
        public void runDue(Instant dueAt) {
            if (cancelled) {
                return;
            }
            task.run();
            if (!cancelled) {
                enqueue(dueAt.plus(period), this);
            }
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }
    }
}
