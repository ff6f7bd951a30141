package dev.stepsolver.emulator.codebuild;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A report a build produced into a report group.
 *
 * @param executionId the ARN of the build that produced it
 * @param status SUCCEEDED, FAILED (a test failed) or INCOMPLETE (a file could not be read)
 * @param testSummary null for code coverage reports
 * @param coverageSummary null for test reports
 * @param truncated whether cases beyond the bound were dropped
 */
public record Report(String arn, ReportType type, String name, String reportGroupArn, String executionId,
        String status, Instant created, Instant expired, TestSummary testSummary, CoverageSummary coverageSummary,
        boolean truncated) {

    /** Counts of a test report's cases by status, and their total duration. */
    public record TestSummary(int total, Map<String, Integer> statusCounts, long durationInNanoSeconds) {
        public TestSummary {
            statusCounts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(statusCounts));
        }
    }

    /** A code coverage report's totals. */
    public record CoverageSummary(double lineCoveragePercentage, int linesCovered, int linesMissed,
            double branchCoveragePercentage, int branchesCovered, int branchesMissed) {
    }

    public Optional<TestSummary> testSummaryIfAny() {
        return Optional.ofNullable(testSummary);
    }

    public Optional<CoverageSummary> coverageSummaryIfAny() {
        return Optional.ofNullable(coverageSummary);
    }
}
