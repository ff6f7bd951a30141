package dev.stepsolver.emulator.codepipeline;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One run of an action, as stored and reported (ListActionExecutions, GetPipelineState). Absent values
 * are nulls here (the persisted form) with Optional accessors where callers need them.
 *
 * @param status InProgress, Succeeded, Failed, Abandoned
 * @param configuration the declared configuration
 * @param resolvedConfiguration the configuration with its variables resolved (empty when resolving failed)
 * @param token the approval token of a Manual approval (kept after it completes), else null
 * @param errorCode AWS's error code when Failed, else null
 * @param sequence the order action executions started in (times can be equal on a stopped clock)
 */
public record ActionExecutionRecord(String actionExecutionId, String pipelineName, String executionId,
        int pipelineVersion, String stageName, String actionName, int runOrder, String category, String owner,
        String provider, String providerVersion, String namespace, String roleArn, String region,
        Map<String, String> configuration, Map<String, String> resolvedConfiguration, List<ArtifactRef> inputArtifacts,
        List<ArtifactRef> outputArtifacts, String status, String summary, String externalExecutionId,
        String externalExecutionUrl, Integer percentComplete, String errorCode, String errorMessage,
        Map<String, String> outputVariables, String token, Instant startTime, Instant lastUpdateTime, long sequence) {

    public ActionExecutionRecord {
        configuration = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(configuration));
        resolvedConfiguration = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(resolvedConfiguration));
        inputArtifacts = List.copyOf(inputArtifacts);
        outputArtifacts = List.copyOf(outputArtifacts);
        outputVariables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outputVariables));
    }

    public boolean inProgress() {
        return "InProgress".equals(status);
    }

    public Optional<String> summaryIfAny() {
        return Optional.ofNullable(summary);
    }

    public Optional<String> tokenIfAny() {
        return Optional.ofNullable(token);
    }

    ActionExecutionRecord progressed(ActionProgress progress, Instant at) {
        return new ActionExecutionRecord(actionExecutionId, pipelineName, executionId, pipelineVersion, stageName,
                actionName, runOrder, category, owner, provider, providerVersion, namespace, roleArn, region,
                configuration, resolvedConfiguration, inputArtifacts, outputArtifacts, status,
                progress.summary().orElse(summary), progress.externalExecutionId().orElse(externalExecutionId),
                progress.externalExecutionUrl().orElse(externalExecutionUrl),
                progress.percentComplete().isPresent() ? Integer.valueOf(progress.percentComplete().getAsInt())
                        : percentComplete,
                errorCode, errorMessage, outputVariables, token, startTime, at, sequence);
    }

    ActionExecutionRecord withToken(String newToken, Instant at) {
        return new ActionExecutionRecord(actionExecutionId, pipelineName, executionId, pipelineVersion, stageName,
                actionName, runOrder, category, owner, provider, providerVersion, namespace, roleArn, region,
                configuration, resolvedConfiguration, inputArtifacts, outputArtifacts, status, summary,
                externalExecutionId, externalExecutionUrl, percentComplete, errorCode, errorMessage, outputVariables,
                newToken, startTime, at, sequence);
    }

    ActionExecutionRecord ended(String newStatus, ActionOutcome outcome, Instant at) {
        String newSummary = summary;
        String externalId = externalExecutionId;
        String externalUrl = externalExecutionUrl;
        String code = null;
        String message = null;
        Map<String, String> variables = outputVariables;
        switch (outcome) {
            case ActionOutcome.Succeeded ok -> {
                newSummary = ok.summary().orElse(newSummary);
                externalId = ok.externalExecutionId().orElse(externalId);
                externalUrl = ok.externalExecutionUrl().orElse(externalUrl);
                variables = ok.outputVariables();
            }
            case ActionOutcome.Failed failed -> {
                code = failed.errorCode();
                message = failed.message();
                newSummary = failed.message();
                externalId = failed.externalExecutionId().orElse(externalId);
                externalUrl = failed.externalExecutionUrl().orElse(externalUrl);
            }
        }
        return new ActionExecutionRecord(actionExecutionId, pipelineName, executionId, pipelineVersion, stageName,
                actionName, runOrder, category, owner, provider, providerVersion, namespace, roleArn, region,
                configuration, resolvedConfiguration, inputArtifacts, outputArtifacts, newStatus, newSummary,
                externalId, externalUrl, "Succeeded".equals(newStatus) ? Integer.valueOf(100) : percentComplete,
                code, message, variables, token, startTime, at, sequence);
    }
}
