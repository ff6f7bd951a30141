package dev.stepsolver.emulator.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ManualClockTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void advanceRunsDueTasksInOrderWithTheClockAtTheirInstant() {
        ManualClock clock = new ManualClock(T0);
        List<String> seen = new ArrayList<>();
        clock.schedule(T0.plusSeconds(20), () -> seen.add("b@" + clock.now()));
        clock.schedule(T0.plusSeconds(10), () -> seen.add("a@" + clock.now()));
        clock.schedule(T0.plusSeconds(90), () -> seen.add("late"));

        clock.advance(Duration.ofSeconds(30));

        assertThat(seen).containsExactly("a@" + T0.plusSeconds(10), "b@" + T0.plusSeconds(20));
        assertThat(clock.now()).isEqualTo(T0.plusSeconds(30));
    }

    @Test
    void aPeriodicTaskRunsOncePerPeriodPassed() {
        ManualClock clock = new ManualClock(T0);
        List<Instant> runs = new ArrayList<>();
        clock.scheduleAtFixedRate(T0.plusSeconds(60), Duration.ofSeconds(60), () -> runs.add(clock.now()));

        clock.advance(Duration.ofMinutes(3));

        assertThat(runs).containsExactly(T0.plusSeconds(60), T0.plusSeconds(120), T0.plusSeconds(180));
    }

    @Test
    void aCancelledTaskDoesNotRun() {
        ManualClock clock = new ManualClock(T0);
        AtomicBoolean ran = new AtomicBoolean();
        EmulatorClock.Scheduled scheduled = clock.schedule(T0.plusSeconds(5), () -> ran.set(true));

        scheduled.cancel();
        clock.advance(Duration.ofSeconds(10));

        assertThat(ran).isFalse();
        assertThat(scheduled.isCancelled()).isTrue();
    }

    @Test
    void aTaskMayScheduleAnotherThatFallsDueInTheSameAdvance() {
        ManualClock clock = new ManualClock(T0);
        List<String> seen = new ArrayList<>();
        clock.schedule(T0.plusSeconds(1), () -> clock.schedule(clock.now().plusSeconds(1), () -> seen.add("chained")));

        clock.advance(Duration.ofSeconds(5));

        assertThat(seen).containsExactly("chained");
    }

    @Test
    void awaitUntilReleasesAWaitingThreadWhenTimeReachesIt() throws Exception {
        ManualClock clock = new ManualClock(T0);
        AtomicBoolean released = new AtomicBoolean();
        Thread waiter = Thread.ofVirtual().start(() -> {
            try {
                clock.awaitUntil(T0.plusSeconds(600));
                released.set(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        clock.advance(Duration.ofSeconds(599));
        assertThat(released).isFalse();
        clock.advance(Duration.ofSeconds(1));

        await().atMost(Duration.ofSeconds(10)).untilTrue(released);
        waiter.join();
    }
}
