package dev.stepsolver.emulator.codedeploy;

import java.time.Instant;
import java.util.Optional;

/**
 * One lifecycle event of a Lambda deployment's target (BeforeAllowTraffic, AllowTraffic,
 * AfterAllowTraffic). Times are null until the event starts or ends.
 *
 * @param diagnostics why the event failed; null otherwise
 */
public record LifecycleEvent(String name, LifecycleEventStatus status, Instant startTime, Instant endTime,
        String diagnostics) {

    static final String BEFORE_ALLOW_TRAFFIC = "BeforeAllowTraffic";
    static final String ALLOW_TRAFFIC = "AllowTraffic";
    static final String AFTER_ALLOW_TRAFFIC = "AfterAllowTraffic";
    static final java.util.List<String> ORDER = java.util.List.of(BEFORE_ALLOW_TRAFFIC, ALLOW_TRAFFIC,
            AFTER_ALLOW_TRAFFIC);

    static LifecycleEvent pending(String name) {
        return new LifecycleEvent(name, LifecycleEventStatus.PENDING, null, null, null);
    }

    LifecycleEvent started(Instant at) {
        return new LifecycleEvent(name, LifecycleEventStatus.IN_PROGRESS, at, null, null);
    }

    LifecycleEvent ended(LifecycleEventStatus outcome, Instant at, String why) {
        return new LifecycleEvent(name, outcome, startTime == null ? at : startTime, at, why);
    }

    LifecycleEvent skipped() {
        return new LifecycleEvent(name, LifecycleEventStatus.SKIPPED, null, null, null);
    }

    public Optional<Instant> startTimeIfStarted() {
        return Optional.ofNullable(startTime);
    }

    public Optional<Instant> endTimeIfEnded() {
        return Optional.ofNullable(endTime);
    }

    public Optional<String> diagnosticsIfFailed() {
        return Optional.ofNullable(diagnostics);
    }
}
