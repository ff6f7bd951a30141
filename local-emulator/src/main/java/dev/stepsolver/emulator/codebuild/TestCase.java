package dev.stepsolver.emulator.codebuild;

import java.time.Instant;
import java.util.Optional;

/**
 * One test case of a test report.
 *
 * @param prefix the test's class (JUnit {@code classname})
 * @param status SUCCEEDED, FAILED, ERROR or SKIPPED
 * @param message the failure's message and text; null when it passed
 * @param testRawDataPath the report file it came from, relative to the source directory
 */
public record TestCase(String reportArn, String testRawDataPath, String prefix, String name, String status,
        long durationInNanoSeconds, String message, String testSuiteName, Instant expired) {

    public Optional<String> messageIfAny() {
        return Optional.ofNullable(message);
    }
}
