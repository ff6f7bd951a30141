package dev.stepsolver.pipeline.integration;

import java.time.Duration;
import java.util.Optional;

/** How one case went: passed, or the reason it failed; with attempts and time taken. */
public record CaseResult(TestCase testCase, Optional<String> failure, int attempts, Duration elapsed) {

    public boolean passed() {
        return failure.isEmpty();
    }
}
