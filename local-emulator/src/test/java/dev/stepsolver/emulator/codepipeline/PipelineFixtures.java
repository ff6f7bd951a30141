package dev.stepsolver.emulator.codepipeline;

import static org.awaitility.Awaitility.await;

import dev.stepsolver.emulator.Clients;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;
import software.amazon.awssdk.services.codebuild.model.ArtifactsType;
import software.amazon.awssdk.services.codebuild.model.ComputeType;
import software.amazon.awssdk.services.codebuild.model.EnvironmentType;
import software.amazon.awssdk.services.codebuild.model.SourceType;
import software.amazon.awssdk.services.codeconnections.CodeConnectionsClient;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.ActionCategory;
import software.amazon.awssdk.services.codepipeline.model.ActionDeclaration;
import software.amazon.awssdk.services.codepipeline.model.ActionExecutionDetail;
import software.amazon.awssdk.services.codepipeline.model.ActionOwner;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecution;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecutionStatus;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecutionSummary;
import software.amazon.awssdk.services.codepipeline.model.StageDeclaration;

/** What the CodePipeline tests share: clients, declarations, waiting for executions. */
final class PipelineFixtures {

    static final Duration RUN_LIMIT = Duration.ofSeconds(120);
    static final String BUCKET = "pipeline-artifacts";

    private PipelineFixtures() {
    }

    static CodePipelineClient codePipeline(URI endpoint) {
        return Clients.configure(CodePipelineClient.builder(), endpoint, "test", "test")
                .httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    static CodeConnectionsClient connections(URI endpoint) {
        return Clients.configure(CodeConnectionsClient.builder(), endpoint, "test", "test")
                .httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    static CodeBuildClient codeBuild(URI endpoint) {
        return Clients.configure(CodeBuildClient.builder(), endpoint, "test", "test")
                .httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    /** A project whose source and artifacts CodePipeline gives, running {@code buildspec} from the source. */
    static void pipelineProject(CodeBuildClient codeBuild, String name, String buildspec) {
        codeBuild.createProject(r -> r.name(name)
                .source(s -> s.type(SourceType.CODEPIPELINE).buildspec(buildspec))
                .artifacts(a -> a.type(ArtifactsType.CODEPIPELINE))
                .environment(e -> e.type(EnvironmentType.LINUX_CONTAINER)
                        .image("aws/codebuild/amazonlinux-x86_64-standard:5.0")
                        .computeType(ComputeType.BUILD_GENERAL1_SMALL))
                .serviceRole("arn:aws:iam::000000000000:role/build"));
    }

    static ActionDeclaration source(String connectionArn, String repository, String branch) {
        return ActionDeclaration.builder().name("Source")
                .actionTypeId(t -> t.category(ActionCategory.SOURCE).owner(ActionOwner.AWS)
                        .provider("CodeStarSourceConnection").version("1"))
                .configuration(Map.of("ConnectionArn", connectionArn, "FullRepositoryId", repository,
                        "BranchName", branch, "OutputArtifactFormat", "CODE_ZIP"))
                .outputArtifacts(a -> a.name("SourceOutput"))
                .namespace("SourceVariables")
                .runOrder(1)
                .build();
    }

    static ActionDeclaration.Builder codeBuildAction(String name, String category, String project) {
        return ActionDeclaration.builder().name(name)
                .actionTypeId(t -> t.category(category).owner(ActionOwner.AWS).provider("CodeBuild").version("1"))
                .configuration(Map.of("ProjectName", project))
                .runOrder(1);
    }

    static ActionDeclaration approval(String name) {
        return ActionDeclaration.builder().name(name)
                .actionTypeId(t -> t.category(ActionCategory.APPROVAL).owner(ActionOwner.AWS).provider("Manual")
                        .version("1"))
                .runOrder(1)
                .build();
    }

    static StageDeclaration stage(String name, ActionDeclaration... actions) {
        return StageDeclaration.builder().name(name).actions(List.of(actions)).build();
    }

    static PipelineExecution execution(CodePipelineClient codePipeline, String pipeline, String id) {
        return codePipeline.getPipelineExecution(r -> r.pipelineName(pipeline).pipelineExecutionId(id))
                .pipelineExecution();
    }

    /** Waits (bounded) for the execution to end and returns it. */
    static PipelineExecution awaitEnd(CodePipelineClient codePipeline, String pipeline, String id) {
        return await().atMost(RUN_LIMIT).pollInterval(Duration.ofMillis(100))
                .until(() -> execution(codePipeline, pipeline, id),
                        e -> e.status() != PipelineExecutionStatus.IN_PROGRESS
                                && e.status() != PipelineExecutionStatus.STOPPING);
    }

    static List<PipelineExecutionSummary> executions(CodePipelineClient codePipeline, String pipeline) {
        return codePipeline.listPipelineExecutions(r -> r.pipelineName(pipeline)).pipelineExecutionSummaries();
    }

    static List<ActionExecutionDetail> actions(CodePipelineClient codePipeline, String pipeline, String executionId) {
        return codePipeline.listActionExecutions(r -> r.pipelineName(pipeline)
                .filter(f -> f.pipelineExecutionId(executionId))).actionExecutionDetails();
    }

    static ActionExecutionDetail action(CodePipelineClient codePipeline, String pipeline, String executionId,
            String actionName) {
        return actions(codePipeline, pipeline, executionId).stream().filter(a -> a.actionName().equals(actionName))
                .findFirst().orElseThrow(() -> new AssertionError("no execution of action " + actionName));
    }
}
