package dev.stepsolver.emulator.codepipeline;

import java.util.Optional;

/**
 * What the triggers know of one source action's branch: the last commit seen there and the last one
 * an execution was started for (the base that changed files are computed from).
 */
public record SourceHead(String pipelineName, String actionName, String lastSeen, String lastBuilt) {

    Optional<String> lastBuiltOrSeen() {
        return Optional.ofNullable(lastBuilt).or(() -> Optional.ofNullable(lastSeen));
    }

    static String key(String pipelineName, String actionName) {
        return pipelineName + "/" + actionName;
    }
}
