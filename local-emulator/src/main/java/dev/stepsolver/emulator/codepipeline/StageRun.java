package dev.stepsolver.emulator.codepipeline;

import java.time.Instant;

/**
 * An execution's pass through one stage.
 *
 * @param status InProgress, Succeeded, Failed, Stopped, Stopping, Cancelled
 */
public record StageRun(String stageName, String status, Instant started, Instant updated) {

    StageRun with(String newStatus, Instant at) {
        return new StageRun(stageName, newStatus, started, at);
    }
}
