package dev.stepsolver.emulator.codebuild;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One phase of a build. While it runs it has no status and no end; the final {@code COMPLETED}
 * phase never has either (as in AWS).
 *
 * @param status null while the phase runs
 * @param endTime null while the phase runs
 */
public record Phase(PhaseType type, PhaseStatus status, Instant startTime, Instant endTime,
        List<PhaseContext> contexts) {

    public Phase {
        contexts = List.copyOf(contexts);
    }

    public Optional<PhaseStatus> statusIfEnded() {
        return Optional.ofNullable(status);
    }

    public Optional<Instant> endTimeIfEnded() {
        return Optional.ofNullable(endTime);
    }

    /** Whole seconds between start and end, when ended. */
    public Optional<Long> durationInSeconds() {
        return endTimeIfEnded().map(end -> Duration.between(startTime, end).getSeconds());
    }
}
