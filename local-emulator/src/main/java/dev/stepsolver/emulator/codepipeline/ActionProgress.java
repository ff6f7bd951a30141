package dev.stepsolver.emulator.codepipeline;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * What an action in progress reports (GetPipelineState's latestExecution, the listeners): a summary,
 * the external execution's id and URL, how far along it is.
 */
public record ActionProgress(Optional<String> summary, Optional<String> externalExecutionId,
        Optional<String> externalExecutionUrl, OptionalInt percentComplete) {

    public static ActionProgress of(String summary) {
        return new ActionProgress(Optional.of(summary), Optional.empty(), Optional.empty(), OptionalInt.empty());
    }

    public ActionProgress withExternal(String id, String url) {
        return new ActionProgress(summary, Optional.ofNullable(id), Optional.ofNullable(url), percentComplete);
    }

    public ActionProgress withPercent(int percent) {
        return new ActionProgress(summary, externalExecutionId, externalExecutionUrl, OptionalInt.of(percent));
    }
}
