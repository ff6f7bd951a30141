package dev.stepsolver.emulator.codepipeline;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A pipeline execution as stored and reported (GetPipelineExecution, ListPipelineExecutions).
 *
 * @param status Cancelled, InProgress, Stopped, Stopping, Succeeded, Superseded, Failed
 * @param statusSummary null when there is nothing to say
 * @param triggerType CreatePipeline, StartPipelineExecution, WebhookV2...
 * @param variables the pipeline variables of this execution, resolved (declared defaults, then the
 *     values StartPipelineExecution gave)
 * @param pinnedRevisions source action name to the commit it must fetch (from a push or an override)
 * @param pinnedBranches source action name to the branch a push came from, when not its BranchName
 * @param stages the stages entered so far, in order
 * @param waitingFor the stage the execution waits to enter (SUPERSEDED and QUEUED modes); null when not
 *     waiting
 * @param stopReason the reason given to StopPipelineExecution, null if not stopped
 * @param sequence the order executions started in (times can be equal on a stopped clock)
 */
public record ExecutionRecord(String pipelineName, String id, int pipelineVersion, String status,
        String statusSummary, Instant startTime, Instant lastUpdateTime, String triggerType, String triggerDetail,
        String executionMode, Map<String, String> variables, Map<String, String> pinnedRevisions,
        Map<String, String> pinnedBranches, List<SourceRevision> sourceRevisions, List<StageRun> stages,
        String waitingFor, String stopReason, long sequence) {

    public ExecutionRecord {
        variables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        pinnedRevisions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(pinnedRevisions));
        pinnedBranches = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(pinnedBranches));
        sourceRevisions = List.copyOf(sourceRevisions);
        stages = List.copyOf(stages);
    }

    public boolean inProgress() {
        return "InProgress".equals(status) || "Stopping".equals(status);
    }

    public Optional<String> summary() {
        return Optional.ofNullable(statusSummary);
    }

    public Optional<StageRun> stage(String name) {
        return stages.stream().filter(s -> s.stageName().equals(name)).findFirst();
    }

    ExecutionRecord withStatus(String newStatus, String summary, Instant at) {
        return new ExecutionRecord(pipelineName, id, pipelineVersion, newStatus, summary, startTime, at, triggerType,
                triggerDetail, executionMode, variables, pinnedRevisions, pinnedBranches, sourceRevisions, stages,
                "InProgress".equals(newStatus) || "Stopping".equals(newStatus) ? waitingFor : null, stopReason,
                sequence);
    }

    ExecutionRecord withStopReason(String reason) {
        return new ExecutionRecord(pipelineName, id, pipelineVersion, status, statusSummary, startTime,
                lastUpdateTime, triggerType, triggerDetail, executionMode, variables, pinnedRevisions, pinnedBranches,
                sourceRevisions, stages, waitingFor, reason, sequence);
    }

    ExecutionRecord waiting(String stage, Instant at) {
        return new ExecutionRecord(pipelineName, id, pipelineVersion, status, statusSummary, startTime, at,
                triggerType, triggerDetail, executionMode, variables, pinnedRevisions, pinnedBranches,
                sourceRevisions, stages, stage, stopReason, sequence);
    }

    /** The stage entered or changed: replaces the stage's run or appends it. */
    ExecutionRecord withStage(StageRun run, Instant at) {
        List<StageRun> updated = new java.util.ArrayList<>(stages);
        int index = -1;
        for (int i = 0; i < updated.size(); i++) {
            if (updated.get(i).stageName().equals(run.stageName())) {
                index = i;
            }
        }
        if (index >= 0) {
            updated.set(index, run);
        } else {
            updated.add(run);
        }
        return new ExecutionRecord(pipelineName, id, pipelineVersion, status, statusSummary, startTime, at,
                triggerType, triggerDetail, executionMode, variables, pinnedRevisions, pinnedBranches,
                sourceRevisions, updated, null, stopReason, sequence);
    }

    ExecutionRecord withSourceRevision(SourceRevision revision, Instant at) {
        List<SourceRevision> updated = new java.util.ArrayList<>(sourceRevisions);
        updated.removeIf(r -> r.actionName().equals(revision.actionName()));
        updated.add(revision);
        return new ExecutionRecord(pipelineName, id, pipelineVersion, status, statusSummary, startTime, at,
                triggerType, triggerDetail, executionMode, variables, pinnedRevisions, pinnedBranches, updated,
                stages, waitingFor, stopReason, sequence);
    }
}
