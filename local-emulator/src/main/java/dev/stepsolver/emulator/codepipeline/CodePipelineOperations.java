package dev.stepsolver.emulator.codepipeline;

import dev.stepsolver.emulator.protocol.AwsCall;
import dev.stepsolver.emulator.protocol.AwsException;
import dev.stepsolver.emulator.protocol.OperationTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.codepipeline.model.ActionExecution;
import software.amazon.awssdk.services.codepipeline.model.ActionExecutionDetail;
import software.amazon.awssdk.services.codepipeline.model.ActionExecutionInput;
import software.amazon.awssdk.services.codepipeline.model.ActionExecutionOutput;
import software.amazon.awssdk.services.codepipeline.model.ActionExecutionResult;
import software.amazon.awssdk.services.codepipeline.model.ActionRevision;
import software.amazon.awssdk.services.codepipeline.model.ActionState;
import software.amazon.awssdk.services.codepipeline.model.ActionTypeId;
import software.amazon.awssdk.services.codepipeline.model.ArtifactDetail;
import software.amazon.awssdk.services.codepipeline.model.ArtifactRevision;
import software.amazon.awssdk.services.codepipeline.model.CreatePipelineRequest;
import software.amazon.awssdk.services.codepipeline.model.CreatePipelineResponse;
import software.amazon.awssdk.services.codepipeline.model.DeletePipelineRequest;
import software.amazon.awssdk.services.codepipeline.model.DeletePipelineResponse;
import software.amazon.awssdk.services.codepipeline.model.ErrorDetails;
import software.amazon.awssdk.services.codepipeline.model.ExecutionTrigger;
import software.amazon.awssdk.services.codepipeline.model.GetPipelineExecutionRequest;
import software.amazon.awssdk.services.codepipeline.model.GetPipelineExecutionResponse;
import software.amazon.awssdk.services.codepipeline.model.GetPipelineRequest;
import software.amazon.awssdk.services.codepipeline.model.GetPipelineResponse;
import software.amazon.awssdk.services.codepipeline.model.GetPipelineStateRequest;
import software.amazon.awssdk.services.codepipeline.model.GetPipelineStateResponse;
import software.amazon.awssdk.services.codepipeline.model.ListActionExecutionsRequest;
import software.amazon.awssdk.services.codepipeline.model.ListActionExecutionsResponse;
import software.amazon.awssdk.services.codepipeline.model.ListPipelineExecutionsRequest;
import software.amazon.awssdk.services.codepipeline.model.ListPipelineExecutionsResponse;
import software.amazon.awssdk.services.codepipeline.model.ListPipelinesRequest;
import software.amazon.awssdk.services.codepipeline.model.ListPipelinesResponse;
import software.amazon.awssdk.services.codepipeline.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.codepipeline.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecution;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecutionSummary;
import software.amazon.awssdk.services.codepipeline.model.PipelineMetadata;
import software.amazon.awssdk.services.codepipeline.model.PipelineSummary;
import software.amazon.awssdk.services.codepipeline.model.PipelineVariable;
import software.amazon.awssdk.services.codepipeline.model.PutApprovalResultRequest;
import software.amazon.awssdk.services.codepipeline.model.PutApprovalResultResponse;
import software.amazon.awssdk.services.codepipeline.model.ResolvedPipelineVariable;
import software.amazon.awssdk.services.codepipeline.model.S3Location;
import software.amazon.awssdk.services.codepipeline.model.SourceRevisionOverride;
import software.amazon.awssdk.services.codepipeline.model.StageExecution;
import software.amazon.awssdk.services.codepipeline.model.StageState;
import software.amazon.awssdk.services.codepipeline.model.StartPipelineExecutionRequest;
import software.amazon.awssdk.services.codepipeline.model.StartPipelineExecutionResponse;
import software.amazon.awssdk.services.codepipeline.model.StopExecutionTrigger;
import software.amazon.awssdk.services.codepipeline.model.StopPipelineExecutionRequest;
import software.amazon.awssdk.services.codepipeline.model.StopPipelineExecutionResponse;
import software.amazon.awssdk.services.codepipeline.model.Tag;
import software.amazon.awssdk.services.codepipeline.model.TagResourceRequest;
import software.amazon.awssdk.services.codepipeline.model.TagResourceResponse;
import software.amazon.awssdk.services.codepipeline.model.TransitionState;
import software.amazon.awssdk.services.codepipeline.model.UntagResourceRequest;
import software.amazon.awssdk.services.codepipeline.model.UntagResourceResponse;
import software.amazon.awssdk.services.codepipeline.model.UpdatePipelineRequest;
import software.amazon.awssdk.services.codepipeline.model.UpdatePipelineResponse;

/** The CodePipeline operations ({@code CodePipeline_20150709.*}) on the SDK's own model. */
final class CodePipelineOperations {

    private CodePipelineOperations() {
    }

    /** A page of a list: AWS's tokens are opaque; here the token is the next index. */
    record Page<T>(List<T> items, String nextToken) {
        static <T> Page<T> of(List<T> all, Integer maxResults, String token, int defaultSize, int maxSize) {
            int size = maxResults == null ? defaultSize : maxResults;
            if (size < 1 || size > maxSize) {
                throw AwsException.badRequest("ValidationException", "1 validation error detected: Value '" + size
                        + "' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and "
                        + maxSize);
            }
            int start = 0;
            if (token != null) {
                try {
                    start = Integer.parseInt(token);
                } catch (NumberFormatException e) {
                    start = -1;
                }
                if (start < 0 || start > all.size()) {
                    throw AwsException.badRequest("InvalidNextTokenException", "The next token is not valid");
                }
            }
            int end = Math.min(all.size(), start + size);
            return new Page<>(all.subList(start, end), end < all.size() ? Integer.toString(end) : null);
        }
    }

    static OperationTable table(CodePipelineBackend backend) {
        return OperationTable.builder()
                .add("CreatePipeline", CreatePipelineRequest::builder, (CreatePipelineRequest in, AwsCall call) -> {
                    Map<String, String> tags = new LinkedHashMap<>();
                    in.tags().forEach(tag -> tags.put(tag.key(), tag.value()));
                    CodePipelineBackend.Pipeline created = backend.createPipeline(in.pipeline(), tags);
                    return CreatePipelineResponse.builder().pipeline(created.declaration()).tags(in.tags()).build();
                })
                .require("pipeline")
                .add("GetPipeline", GetPipelineRequest::builder, (GetPipelineRequest in, AwsCall call) -> {
                    CodePipelineBackend.Pipeline pipeline = backend.pipeline(in.name());
                    if (in.version() != null && in.version() != pipeline.record().version()) {
                        throw AwsException.badRequest("PipelineVersionNotFoundException", "Pipeline "
                                + in.name() + " does not have version " + in.version()
                                + "; only its latest version is kept");
                    }
                    return GetPipelineResponse.builder().pipeline(pipeline.declaration())
                            .metadata(PipelineMetadata.builder().pipelineArn(pipeline.record().arn())
                                    .created(pipeline.record().created()).updated(pipeline.record().updated()).build())
                            .build();
                })
                .require("name")
                .add("UpdatePipeline", UpdatePipelineRequest::builder, (UpdatePipelineRequest in, AwsCall call) ->
                        UpdatePipelineResponse.builder().pipeline(backend.updatePipeline(in.pipeline()).declaration())
                                .build())
                .require("pipeline")
                .add("DeletePipeline", DeletePipelineRequest::builder, (DeletePipelineRequest in, AwsCall call) -> {
                    backend.deletePipeline(in.name());
                    return DeletePipelineResponse.builder().build();
                })
                .require("name")
                .add("ListPipelines", ListPipelinesRequest::builder, (ListPipelinesRequest in, AwsCall call) -> {
                    Page<CodePipelineBackend.Pipeline> page = Page.of(backend.pipelines(), in.maxResults(),
                            in.nextToken(), 1000, 1000);
                    return ListPipelinesResponse.builder().pipelines(page.items().stream().map(p ->
                            PipelineSummary.builder().name(p.record().name()).version(p.record().version())
                                    .pipelineType(p.declaration().pipelineTypeAsString())
                                    .executionMode(p.declaration().executionModeAsString())
                                    .created(p.record().created()).updated(p.record().updated()).build()).toList())
                            .nextToken(page.nextToken()).build();
                })
                .add("StartPipelineExecution", StartPipelineExecutionRequest::builder,
                        (StartPipelineExecutionRequest in, AwsCall call) -> {
                            Map<String, String> variables = new LinkedHashMap<>();
                            for (PipelineVariable variable : in.variables()) {
                                variables.put(variable.name(), variable.value());
                            }
                            Map<String, String> pinned = new LinkedHashMap<>();
                            for (SourceRevisionOverride override : in.sourceRevisions()) {
                                if (!"COMMIT_ID".equals(override.revisionTypeAsString())) {
                                    throw AwsException.badRequest("ValidationException", "Source revision type "
                                            + override.revisionTypeAsString() + " is not valid for action "
                                            + override.actionName() + "; CodeStarSourceConnection actions take"
                                            + " COMMIT_ID");
                                }
                                pinned.put(override.actionName(), override.revisionValue());
                            }
                            checkOverrides(backend, in.name(), pinned);
                            ExecutionRecord started = backend.startExecution(in.name(), "StartPipelineExecution",
                                    "arn:aws:iam::" + call.caller().accountId() + ":root", variables, pinned, Map.of());
                            return StartPipelineExecutionResponse.builder().pipelineExecutionId(started.id()).build();
                        })
                .require("name")
                .add("StopPipelineExecution", StopPipelineExecutionRequest::builder,
                        (StopPipelineExecutionRequest in, AwsCall call) -> {
                            backend.stopExecution(in.pipelineName(), in.pipelineExecutionId(),
                                    Boolean.TRUE.equals(in.abandon()), Optional.ofNullable(in.reason()));
                            return StopPipelineExecutionResponse.builder()
                                    .pipelineExecutionId(in.pipelineExecutionId()).build();
                        })
                .require("pipelineName", "pipelineExecutionId")
                .add("GetPipelineExecution", GetPipelineExecutionRequest::builder,
                        (GetPipelineExecutionRequest in, AwsCall call) -> {
                            backend.requirePipeline(in.pipelineName());
                            return GetPipelineExecutionResponse.builder().pipelineExecution(execution(
                                    backend.execution(in.pipelineName(), in.pipelineExecutionId()))).build();
                        })
                .require("pipelineName", "pipelineExecutionId")
                .add("ListPipelineExecutions", ListPipelineExecutionsRequest::builder,
                        (ListPipelineExecutionsRequest in, AwsCall call) -> {
                            backend.requirePipeline(in.pipelineName());
                            Page<ExecutionRecord> page = Page.of(backend.executions(in.pipelineName()),
                                    in.maxResults(), in.nextToken(), 100, 100);
                            return ListPipelineExecutionsResponse.builder().pipelineExecutionSummaries(
                                    page.items().stream().map(CodePipelineOperations::summary).toList())
                                    .nextToken(page.nextToken()).build();
                        })
                .require("pipelineName")
                .add("GetPipelineState", GetPipelineStateRequest::builder,
                        (GetPipelineStateRequest in, AwsCall call) -> state(backend, in.name()))
                .require("name")
                .add("ListActionExecutions", ListActionExecutionsRequest::builder,
                        (ListActionExecutionsRequest in, AwsCall call) -> {
                            backend.requirePipeline(in.pipelineName());
                            Optional<String> executionId = Optional.ofNullable(in.filter())
                                    .map(f -> f.pipelineExecutionId());
                            executionId.ifPresent(id -> backend.execution(in.pipelineName(), id));
                            Page<ActionExecutionRecord> page = Page.of(backend.actionExecutions(in.pipelineName(),
                                    executionId), in.maxResults(), in.nextToken(), 100, 100);
                            return ListActionExecutionsResponse.builder().actionExecutionDetails(
                                    page.items().stream().map(CodePipelineOperations::detail).toList())
                                    .nextToken(page.nextToken()).build();
                        })
                .require("pipelineName")
                .add("PutApprovalResult", PutApprovalResultRequest::builder,
                        (PutApprovalResultRequest in, AwsCall call) -> {
                            String status = in.result() == null ? null : in.result().statusAsString();
                            if (!"Approved".equals(status) && !"Rejected".equals(status)) {
                                throw AwsException.badRequest("ValidationException", "1 validation error detected:"
                                        + " Value '" + status + "' at 'result.status' failed to satisfy constraint:"
                                        + " Member must satisfy enum value set: [Approved, Rejected]");
                            }
                            return PutApprovalResultResponse.builder().approvedAt(backend.putApprovalResult(
                                    in.pipelineName(), in.stageName(), in.actionName(), "Approved".equals(status),
                                    in.result().summary(), in.token())).build();
                        })
                .require("pipelineName", "stageName", "actionName", "result", "token")
                .add("ListTagsForResource", ListTagsForResourceRequest::builder,
                        (ListTagsForResourceRequest in, AwsCall call) -> ListTagsForResourceResponse.builder()
                                .tags(backend.pipelineByArn(in.resourceArn()).tags().entrySet().stream()
                                        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList())
                                .build())
                .require("resourceArn")
                .add("TagResource", TagResourceRequest::builder, (TagResourceRequest in, AwsCall call) -> {
                    Map<String, String> tags = new LinkedHashMap<>();
                    in.tags().forEach(tag -> tags.put(tag.key(), tag.value()));
                    backend.tagPipeline(in.resourceArn(), tags);
                    return TagResourceResponse.builder().build();
                })
                .require("resourceArn", "tags")
                .add("UntagResource", UntagResourceRequest::builder, (UntagResourceRequest in, AwsCall call) -> {
                    backend.untagPipeline(in.resourceArn(), in.tagKeys());
                    return UntagResourceResponse.builder().build();
                })
                .require("resourceArn", "tagKeys")
                .build();
    }

    private static void checkOverrides(CodePipelineBackend backend, String pipelineName, Map<String, String> pinned) {
        var declaration = backend.pipeline(pipelineName).declaration();
        for (String action : pinned.keySet()) {
            boolean source = !declaration.stages().isEmpty() && declaration.stages().get(0).actions().stream()
                    .anyMatch(a -> a.name().equals(action)
                            && "CodeStarSourceConnection".equals(a.actionTypeId().provider()));
            if (!source) {
                throw AwsException.badRequest("ValidationException", "Source revision override names action "
                        + action + ", which is not a CodeStarSourceConnection source action of pipeline "
                        + pipelineName);
            }
        }
    }

    static PipelineExecution execution(ExecutionRecord execution) {
        return PipelineExecution.builder()
                .pipelineName(execution.pipelineName())
                .pipelineVersion(execution.pipelineVersion())
                .pipelineExecutionId(execution.id())
                .status(execution.status())
                .statusSummary(execution.statusSummary())
                .artifactRevisions(execution.sourceRevisions().stream().map(r -> ArtifactRevision.builder()
                        .name(r.artifactName()).revisionId(r.revisionId()).revisionSummary(r.revisionSummary())
                        .created(r.created()).revisionUrl(r.revisionUrl()).build()).toList())
                .variables(execution.variables().entrySet().stream().map(v -> ResolvedPipelineVariable.builder()
                        .name(v.getKey()).resolvedValue(v.getValue()).build()).toList())
                .trigger(trigger(execution))
                .executionMode(execution.executionMode())
                .executionType("STANDARD")
                .build();
    }

    private static ExecutionTrigger trigger(ExecutionRecord execution) {
        return ExecutionTrigger.builder().triggerType(execution.triggerType()).triggerDetail(execution.triggerDetail())
                .build();
    }

    static PipelineExecutionSummary summary(ExecutionRecord execution) {
        return PipelineExecutionSummary.builder()
                .pipelineExecutionId(execution.id())
                .status(execution.status())
                .statusSummary(execution.statusSummary())
                .startTime(execution.startTime())
                .lastUpdateTime(execution.lastUpdateTime())
                .sourceRevisions(execution.sourceRevisions().stream().map(r ->
                        software.amazon.awssdk.services.codepipeline.model.SourceRevision.builder()
                                .actionName(r.actionName()).revisionId(r.revisionId())
                                .revisionSummary(r.revisionSummary()).revisionUrl(r.revisionUrl()).build()).toList())
                .trigger(trigger(execution))
                .stopTrigger(execution.stopReason() == null && !"Stopped".equals(execution.status())
                        && !"Stopping".equals(execution.status()) ? null
                        : StopExecutionTrigger.builder().reason(execution.stopReason()).build())
                .executionMode(execution.executionMode())
                .executionType("STANDARD")
                .build();
    }

    private static GetPipelineStateResponse state(CodePipelineBackend backend, String name) {
        CodePipelineBackend.Pipeline pipeline = backend.pipeline(name);
        List<ExecutionRecord> executions = backend.executions(name);
        List<ActionExecutionRecord> actions = backend.actionExecutions(name, Optional.empty());
        List<StageState> stages = pipeline.declaration().stages().stream().map(stage -> {
            Optional<ExecutionRecord> latest = executions.stream().filter(e -> e.stage(stage.name()).isPresent())
                    .findFirst();
            List<StageExecution> inbound = backend.waitingFor(name, stage.name()).stream()
                    .map(id -> StageExecution.builder().pipelineExecutionId(id).status("InProgress").build()).toList();
            List<ActionState> actionStates = stage.actions().stream().map(action -> {
                Optional<ActionExecutionRecord> last = actions.stream()
                        .filter(a -> a.stageName().equals(stage.name()) && a.actionName().equals(action.name()))
                        .findFirst();
                ActionState.Builder state = ActionState.builder().actionName(action.name());
                last.ifPresent(a -> state.latestExecution(actionExecution(a)));
                actions.stream().filter(a -> a.stageName().equals(stage.name()) && a.actionName().equals(action.name())
                        && "Succeeded".equals(a.status()) && "Source".equals(a.category()) && a.externalExecutionId() != null)
                        .findFirst().ifPresent(a -> state.currentRevision(ActionRevision.builder()
                                .revisionId(a.externalExecutionId()).revisionChangeId(a.externalExecutionId())
                                .created(a.lastUpdateTime()).build()));
                return state.build();
            }).toList();
            StageState.Builder state = StageState.builder().stageName(stage.name())
                    .inboundTransitionState(TransitionState.builder().enabled(true).build())
                    .inboundExecutions(inbound)
                    .actionStates(actionStates);
            if (!inbound.isEmpty()) {
                state.inboundExecution(inbound.get(0));
            }
            latest.ifPresent(e -> state.latestExecution(StageExecution.builder().pipelineExecutionId(e.id())
                    .status(e.stage(stage.name()).orElseThrow().status()).type("STANDARD").build()));
            return state.build();
        }).toList();
        return GetPipelineStateResponse.builder().pipelineName(name).pipelineVersion(pipeline.record().version())
                .stageStates(stages).created(pipeline.record().created()).updated(pipeline.record().updated())
                .build();
    }

    private static ActionExecution actionExecution(ActionExecutionRecord action) {
        ActionExecution.Builder execution = ActionExecution.builder()
                .actionExecutionId(action.actionExecutionId())
                .status(action.status())
                .summary(action.summary())
                .lastStatusChange(action.lastUpdateTime())
                .token(action.inProgress() ? action.token() : null)
                .externalExecutionId(action.externalExecutionId())
                .externalExecutionUrl(action.externalExecutionUrl())
                .percentComplete(action.percentComplete());
        if (action.errorCode() != null) {
            execution.errorDetails(ErrorDetails.builder().code(action.errorCode()).message(action.errorMessage()).build());
        }
        return execution.build();
    }

    static ActionExecutionDetail detail(ActionExecutionRecord action) {
        ActionExecutionResult.Builder result = ActionExecutionResult.builder()
                .externalExecutionId(action.externalExecutionId())
                .externalExecutionSummary(action.summary())
                .externalExecutionUrl(action.externalExecutionUrl());
        if (action.errorCode() != null) {
            result.errorDetails(ErrorDetails.builder().code(action.errorCode()).message(action.errorMessage()).build());
        }
        return ActionExecutionDetail.builder()
                .pipelineExecutionId(action.executionId())
                .actionExecutionId(action.actionExecutionId())
                .pipelineVersion(action.pipelineVersion())
                .stageName(action.stageName())
                .actionName(action.actionName())
                .startTime(action.startTime())
                .lastUpdateTime(action.lastUpdateTime())
                .status(action.status())
                .input(ActionExecutionInput.builder()
                        .actionTypeId(ActionTypeId.builder().category(action.category()).owner(action.owner())
                                .provider(action.provider()).version(action.providerVersion()).build())
                        .configuration(action.configuration())
                        .resolvedConfiguration(action.resolvedConfiguration())
                        .roleArn(action.roleArn())
                        .region(action.region())
                        .namespace(action.namespace())
                        .inputArtifacts(artifacts(action.inputArtifacts()))
                        .build())
                .output(ActionExecutionOutput.builder()
                        .outputArtifacts("Succeeded".equals(action.status()) ? artifacts(action.outputArtifacts())
                                : List.of())
                        .executionResult(result.build())
                        .outputVariables(action.outputVariables())
                        .build())
                .build();
    }

    private static List<ArtifactDetail> artifacts(List<ArtifactRef> artifacts) {
        return artifacts.stream().map(a -> ArtifactDetail.builder()
                .name(a.name()).s3location(S3Location.builder().bucket(a.bucket()).key(a.key()).build()).build())
                .toList();
    }
}
