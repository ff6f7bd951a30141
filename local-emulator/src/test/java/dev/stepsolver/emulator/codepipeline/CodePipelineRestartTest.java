package dev.stepsolver.emulator.codepipeline;

import static dev.stepsolver.emulator.codepipeline.PipelineFixtures.BUCKET;
import static dev.stepsolver.emulator.codepipeline.PipelineFixtures.RUN_LIMIT;
import static dev.stepsolver.emulator.codepipeline.PipelineFixtures.approval;
import static dev.stepsolver.emulator.codepipeline.PipelineFixtures.source;
import static dev.stepsolver.emulator.codepipeline.PipelineFixtures.stage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stepsolver.emulator.Clients;
import dev.stepsolver.emulator.LocalEmulator;
import dev.stepsolver.emulator.codeconnections.GitFixture;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.ActionExecutionStatus;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecution;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecutionStatus;

/** Pipelines and their history survive a restart; an execution cut short by it ends Failed, never stuck. */
class CodePipelineRestartTest {

    @TempDir
    Path stateDir;

    @TempDir
    Path temp;

    private LocalEmulator start(GitFixture git) {
        return LocalEmulator.builder().port(0).stateDirectory(stateDir)
                .repository("acme/restart", git.directory().toString()).build().start();
    }

    @Test
    void anExecutionInFlightWhenTheEmulatorStopsIsFailedAfterTheRestart() {
        String executionId;
        try (GitFixture git = GitFixture.init(temp.resolve("repo"))) {
            String commit = git.commit("initial", Map.of("app.txt", "v1"));
            try (LocalEmulator emulator = start(git);
                    CodePipelineClient codePipeline = PipelineFixtures.codePipeline(emulator.endpoint())) {
                try (var s3 = Clients.s3(emulator.endpoint());
                        var connections = PipelineFixtures.connections(emulator.endpoint())) {
                    s3.createBucket(r -> r.bucket(BUCKET));
                    String arn = connections.createConnection(r -> r.connectionName("gh").providerType("GitHub"))
                            .connectionArn();
                    codePipeline.createPipeline(r -> r.pipeline(p -> p.name("restarted")
                            .roleArn("arn:aws:iam::000000000000:role/pipeline")
                            .artifactStore(a -> a.type("S3").location(BUCKET)).pipelineType("V2")
                            .stages(stage("Source", source(arn, "acme/restart", "main")),
                                    stage("Hold", approval("Approve")))));
                }
                executionId = await().atMost(RUN_LIMIT).until(() -> PipelineFixtures.executions(codePipeline,
                        "restarted"), l -> !l.isEmpty()).get(0).pipelineExecutionId();
                await().atMost(RUN_LIMIT).until(() -> PipelineFixtures.actions(codePipeline, "restarted", executionId)
                        .stream().anyMatch(a -> a.actionName().equals("Approve")));
            }

            try (LocalEmulator emulator = start(git);
                    CodePipelineClient codePipeline = PipelineFixtures.codePipeline(emulator.endpoint())) {
                PipelineExecution interrupted = PipelineFixtures.execution(codePipeline, "restarted", executionId);

                assertThat(interrupted.status()).isEqualTo(PipelineExecutionStatus.FAILED);
                assertThat(interrupted.statusSummary()).contains("emulator stopped");
                assertThat(interrupted.artifactRevisions().get(0).revisionId()).isEqualTo(commit);
                assertThat(PipelineFixtures.action(codePipeline, "restarted", executionId, "Approve").status())
                        .isEqualTo(ActionExecutionStatus.FAILED);
                assertThat(PipelineFixtures.action(codePipeline, "restarted", executionId, "Source").status())
                        .isEqualTo(ActionExecutionStatus.SUCCEEDED);
                String again = codePipeline.startPipelineExecution(r -> r.name("restarted")).pipelineExecutionId();
                await().atMost(RUN_LIMIT).until(() -> PipelineFixtures.actions(codePipeline, "restarted", again)
                        .stream().anyMatch(a -> a.actionName().equals("Approve")
                                && a.status() == ActionExecutionStatus.IN_PROGRESS));
            }
        }
    }
}
