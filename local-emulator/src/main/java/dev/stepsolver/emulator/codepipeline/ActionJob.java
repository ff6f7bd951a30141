package dev.stepsolver.emulator.codepipeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One run of an action, as its provider sees it: where it is, its configuration with every
 * {@code #{...}} variable resolved, its input artifacts, the locations its output artifacts go to, and
 * ways to read and write artifacts and to report progress.
 *
 * @param pipelineArn {@code arn:aws:codepipeline:<region>:<account>:<name>}
 * @param pinnedRevision for source actions, the commit a trigger or a source revision override chose;
 *     empty means the branch's head now
 * @param pinnedBranch for source actions started by a push to another branch than BranchName (a V2
 *     trigger's branch filter), that branch
 */
public record ActionJob(String pipelineName, String pipelineArn, int pipelineVersion, String executionId,
        String actionExecutionId, String stageName, String actionName, Optional<String> namespace,
        Map<String, String> configuration, List<ArtifactRef> inputArtifacts, List<ArtifactRef> outputArtifacts,
        Optional<String> pinnedRevision, Optional<String> pinnedBranch, ArtifactStore artifacts,
        Consumer<ActionProgress> progressSink, Consumer<String> tokenSink) {

    public ActionJob {
        configuration = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(configuration));
        inputArtifacts = List.copyOf(inputArtifacts);
        outputArtifacts = List.copyOf(outputArtifacts);
    }

    /** A configuration value, resolved. */
    public Optional<String> config(String key) {
        return Optional.ofNullable(configuration.get(key)).filter(v -> !v.isEmpty());
    }

    /** The input artifact of that name. */
    public Optional<ArtifactRef> input(String name) {
        return inputArtifacts.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** Publishes the token PutApprovalResult must give (GetPipelineState shows it while the action waits). */
    public void approvalToken(String token) {
        tokenSink.accept(token);
    }

    /** Reports progress (shown by GetPipelineState and the listeners while the action runs). */
    public void progress(ActionProgress progress) {
        progressSink.accept(progress);
    }
}
