package dev.stepsolver.emulator.codebuild;

import java.time.Instant;

/** The line and branch coverage of one source file in a code coverage report. */
public record FileCoverage(String id, String reportArn, String filePath, double lineCoveragePercentage,
        int linesCovered, int linesMissed, double branchCoveragePercentage, int branchesCovered, int branchesMissed,
        Instant expired) {
}
