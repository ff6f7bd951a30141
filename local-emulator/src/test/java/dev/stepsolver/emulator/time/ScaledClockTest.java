package dev.stepsolver.emulator.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ScaledClockTest {

    private static final Instant ORIGIN = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void emulatedTimeRunsScaleTimesFasterThanRealTime() {
        AtomicLong nanos = new AtomicLong();
        try (ScaledClock clock = new ScaledClock(ORIGIN, 60, nanos::get)) {
            nanos.set(Duration.ofSeconds(10).toNanos());

            assertThat(clock.now()).isEqualTo(ORIGIN.plus(Duration.ofMinutes(10)));
        }
    }

    @Test
    void aNonPositiveScaleIsRejected() {
        assertThatThrownBy(() -> new ScaledClock(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ScaledClock(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTaskScheduledAnEmulatedHourAheadRunsSoonAtAHighScale() {
        try (ScaledClock clock = new ScaledClock(36_000)) {
            Instant due = clock.now().plus(Duration.ofHours(1));
            AtomicReference<Instant> ranAt = new AtomicReference<>();

            clock.schedule(due, () -> ranAt.set(clock.now()));

            await().atMost(Duration.ofSeconds(30)).untilAtomic(ranAt, org.hamcrest.Matchers.notNullValue());
            assertThat(ranAt.get()).isAfterOrEqualTo(due);
        }
    }

    @Test
    void periodicTasksKeepRunningUntilCancelled() {
        try (ScaledClock clock = new ScaledClock(600)) {
            AtomicLong runs = new AtomicLong();
            EmulatorClock.Scheduled scheduled = clock.scheduleAtFixedRate(clock.now(), Duration.ofSeconds(60),
                    runs::incrementAndGet);

            await().atMost(Duration.ofSeconds(30)).until(() -> runs.get() >= 3);
            scheduled.cancel();

            assertThat(scheduled.isCancelled()).isTrue();
        }
    }
}
