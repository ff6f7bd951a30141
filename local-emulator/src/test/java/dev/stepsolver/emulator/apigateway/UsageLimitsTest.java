package dev.stepsolver.emulator.apigateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepsolver.emulator.apigateway.UsagePlanRecord.Quota;
import dev.stepsolver.emulator.apigateway.UsagePlanRecord.Throttle;
import dev.stepsolver.emulator.state.FileStateStore;
import dev.stepsolver.emulator.state.StateStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Token buckets and quota periods on given instants of the emulator clock. */
class UsageLimitsTest {

    private static final Instant MONDAY_NOON = Instant.parse("2026-03-02T12:00:00Z");

    private final UsageLimits limits = new UsageLimits(StateStore.inMemory());

    @Test
    void aBucketStartsFullAtItsBurstLimit() {
        Throttle throttle = new Throttle(1, 3);

        int taken = 0;
        while (limits.tryTake("k", throttle, MONDAY_NOON)) {
            taken++;
        }

        assertThat(taken).isEqualTo(3);
    }

    @Test
    void aBucketRefillsAtTheRateLimitUpToTheBurst() {
        Throttle throttle = new Throttle(2, 3);
        while (limits.tryTake("k", throttle, MONDAY_NOON)) {
            // empty it
        }

        Instant later = MONDAY_NOON.plusMillis(500);
        assertThat(limits.tryTake("k", throttle, later)).isTrue();
        assertThat(limits.tryTake("k", throttle, later)).isFalse();
        Instant muchLater = MONDAY_NOON.plus(Duration.ofMinutes(1));
        int taken = 0;
        while (limits.tryTake("k", throttle, muchLater)) {
            taken++;
        }
        assertThat(taken).isEqualTo(3);
    }

    @Test
    void withoutABurstLimitTheBucketHoldsOneSecondOfRate() {
        assertThat(UsageLimits.capacity(new Throttle(5, 0))).isEqualTo(5.0);
        assertThat(UsageLimits.capacity(new Throttle(0.5, 0))).isEqualTo(1.0);
    }

    @Test
    void zeroRateAndBurstBlocksEverything() {
        assertThat(limits.tryTake("k", new Throttle(0, 0), MONDAY_NOON)).isFalse();
    }

    @Test
    void aQuotaCountsUpToItsLimitInAPeriod() {
        Quota quota = new Quota(2, 0, "DAY");

        assertThat(limits.tryCount("p", "k", quota, MONDAY_NOON, MONDAY_NOON)).isTrue();
        assertThat(limits.tryCount("p", "k", quota, MONDAY_NOON, MONDAY_NOON.plusSeconds(60))).isTrue();
        assertThat(limits.tryCount("p", "k", quota, MONDAY_NOON, MONDAY_NOON.plusSeconds(120))).isFalse();
        assertThat(limits.tryCount("p", "k", quota, MONDAY_NOON, Instant.parse("2026-03-03T00:00:00Z"))).isTrue();
    }

    @Test
    void theOffsetTakesRequestsFromTheFirstPeriodOnly() {
        Quota quota = new Quota(3, 2, "DAY");

        assertThat(limits.tryCount("p", "k", quota, MONDAY_NOON, MONDAY_NOON)).isTrue();
        assertThat(limits.tryCount("p", "k", quota, MONDAY_NOON, MONDAY_NOON)).isFalse();
        Instant tuesday = Instant.parse("2026-03-03T08:00:00Z");
        int counted = 0;
        while (limits.tryCount("p", "k", quota, MONDAY_NOON, tuesday)) {
            counted++;
        }
        assertThat(counted).isEqualTo(3);
    }

    @Test
    void periodsStartAtUtcMidnightSundayAndTheFirstOfTheMonth() {
        assertThat(UsageLimits.periodStart("DAY", MONDAY_NOON)).isEqualTo(Instant.parse("2026-03-02T00:00:00Z"));
        assertThat(UsageLimits.periodStart("WEEK", MONDAY_NOON)).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(UsageLimits.periodStart("MONTH", Instant.parse("2026-02-28T23:59:59Z")))
                .isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
    }

    @Test
    void quotaCountsSurviveARestartOnceFlushed(@TempDir Path directory) {
        Quota quota = new Quota(2, 0, "DAY");
        UsageLimits before = new UsageLimits(FileStateStore.open(directory));
        before.tryCount("p", "k", quota, MONDAY_NOON, MONDAY_NOON);
        before.tryCount("p", "k", quota, MONDAY_NOON, MONDAY_NOON);
        before.flush();

        UsageLimits after = new UsageLimits(FileStateStore.open(directory));

        assertThat(after.tryCount("p", "k", quota, MONDAY_NOON, MONDAY_NOON.plusSeconds(1))).isFalse();
    }
}
