package dev.stepsolver.emulator.codepipeline;

import static dev.stepsolver.emulator.codepipeline.PipelineFixtures.BUCKET;
import static dev.stepsolver.emulator.codepipeline.PipelineFixtures.RUN_LIMIT;
import static dev.stepsolver.emulator.codepipeline.PipelineFixtures.action;
import static dev.stepsolver.emulator.codepipeline.PipelineFixtures.approval;
import static dev.stepsolver.emulator.codepipeline.PipelineFixtures.awaitEnd;
import static dev.stepsolver.emulator.codepipeline.PipelineFixtures.codeBuildAction;
import static dev.stepsolver.emulator.codepipeline.PipelineFixtures.executions;
import static dev.stepsolver.emulator.codepipeline.PipelineFixtures.source;
import static dev.stepsolver.emulator.codepipeline.PipelineFixtures.stage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stepsolver.emulator.Clients;
import dev.stepsolver.emulator.LocalEmulator;
import dev.stepsolver.emulator.codeconnections.GitFixture;
import dev.stepsolver.emulator.time.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;
import software.amazon.awssdk.services.codeconnections.CodeConnectionsClient;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.ActionExecutionDetail;
import software.amazon.awssdk.services.codepipeline.model.ActionExecutionStatus;
import software.amazon.awssdk.services.codepipeline.model.ActionState;
import software.amazon.awssdk.services.codepipeline.model.ApprovalStatus;
import software.amazon.awssdk.services.codepipeline.model.GetPipelineStateResponse;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecution;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecutionStatus;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecutionSummary;
import software.amazon.awssdk.services.codepipeline.model.StageState;
import software.amazon.awssdk.services.codepipeline.model.TriggerType;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Pipelines driven by commits to a local repository: a source, two CodeBuild actions in parallel, a
 * test action reading their artifacts and variables, and a manual approval, observed through the SDK
 * as AWS reports them. One emulator on a manual clock for the class; each test has its own repository.
 */
class PipelineExecutionTest {

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final String COMPILE = """
            version: 0.2
            env:
              exported-variables:
                - GREETING
            phases:
              build:
                commands:
                  - touch "$SYNC/compile-started"
                  - for i in $(seq 1 600); do [ -e "$SYNC/lint-started" ] && break; sleep 0.05; done
                  - test -e "$SYNC/lint-started"
                  - ./tool.sh "$COMMIT_ID" > out.txt
                  - GREETING="hello-$COMMIT_ID"
            artifacts:
              files:
                - out.txt
            """;
    private static final String LINT = """
            version: 0.2
            phases:
              build:
                commands:
                  - touch "$SYNC/lint-started"
                  - for i in $(seq 1 600); do [ -e "$SYNC/compile-started" ] && break; sleep 0.05; done
                  - test -e "$SYNC/compile-started"
                  - echo lint ok > lint.txt
            artifacts:
              files:
                - lint.txt
            """;
    private static final String CHECK = """
            version: 0.2
            env:
              exported-variables:
                - CHECKED
            phases:
              build:
                commands:
                  - test "$(cat "$CODEBUILD_SRC_DIR_CompileOutput/out.txt")" = "built $CODEBUILD_RESOLVED_SOURCE_VERSION"
                  - test "$GREETING" = "hello-$CODEBUILD_RESOLVED_SOURCE_VERSION"
                  - test "$API_KEY" = "from-parameter-store"
                  - CHECKED="$EXECUTION"
            """;

    private static ManualClock clock;
    private static LocalEmulator emulator;
    private static CodePipelineClient codePipeline;
    private static CodeConnectionsClient connections;
    private static CodeBuildClient codeBuild;
    private static S3Client s3;
    private static String connectionArn;

    @TempDir
    static Path temp;

    @BeforeAll
    static void start() {
        clock = new ManualClock(Instant.parse("2026-01-05T10:00:00Z"));
        emulator = LocalEmulator.builder().port(0).clock(clock)
                .replaceModule(new CodePipelineModule(CodePipelineSettings.defaults().withStartOnCreate(false)))
                .build().start();
        codePipeline = PipelineFixtures.codePipeline(emulator.endpoint());
        connections = PipelineFixtures.connections(emulator.endpoint());
        codeBuild = PipelineFixtures.codeBuild(emulator.endpoint());
        s3 = Clients.s3(emulator.endpoint());
        s3.createBucket(r -> r.bucket(BUCKET));
        try (var ssm = Clients.ssm(emulator.endpoint())) {
            ssm.putParameter(r -> r.name("/app/api-key").value("from-parameter-store").type("SecureString"));
        }
        connectionArn = connections.createConnection(r -> r.connectionName("github").providerType("GitHub"))
                .connectionArn();
        PipelineFixtures.pipelineProject(codeBuild, "app-compile", "compile.yml");
        PipelineFixtures.pipelineProject(codeBuild, "app-lint", "lint.yml");
        PipelineFixtures.pipelineProject(codeBuild, "app-check", "check.yml");
    }

    @AfterAll
    static void stop() {
        codePipeline.close();
        connections.close();
        codeBuild.close();
        s3.close();
        emulator.close();
    }

    /** A repository with the app's files, linked as a new owner/repo; the first commit is made. */
    private static Linked linkedRepository() {
        int n = NAMES.incrementAndGet();
        String repositoryId = "acme/app-" + n;
        GitFixture git = GitFixture.init(temp.resolve("repo-" + n));
        git.commit("initial", Map.of("tool.sh*", "#!/bin/bash\necho \"built $1\"\n", "compile.yml", COMPILE,
                "lint.yml", LINT, "check.yml", CHECK, "README.md", "# app\n"));
        emulator.context().backend(dev.stepsolver.emulator.codeconnections.ConnectionsBackend.class)
                .linkRepository(repositoryId, git.directory().toString());
        return new Linked(repositoryId, git, "app-" + n);
    }

    private record Linked(String repositoryId, GitFixture git, String pipeline) {
    }

    private static void createAppPipeline(Linked linked, Path sync) {
        codePipeline.createPipeline(r -> r.pipeline(p -> p.name(linked.pipeline())
                .roleArn("arn:aws:iam::000000000000:role/pipeline")
                .artifactStore(a -> a.type("S3").location(BUCKET))
                .pipelineType("V2").executionMode("QUEUED")
                .stages(stage("Source", source(connectionArn, linked.repositoryId(), "main")),
                        stage("Build",
                                codeBuildAction("Compile", "Build", "app-compile")
                                        .configuration(Map.of("ProjectName", "app-compile", "EnvironmentVariables",
                                                "[{\"name\":\"COMMIT_ID\",\"value\":\"#{SourceVariables.CommitId}\","
                                                        + "\"type\":\"PLAINTEXT\"},{\"name\":\"SYNC\",\"value\":\""
                                                        + sync + "\",\"type\":\"PLAINTEXT\"}]"))
                                        .inputArtifacts(i -> i.name("SourceOutput"))
                                        .outputArtifacts(o -> o.name("CompileOutput"))
                                        .namespace("BuildVariables").build(),
                                codeBuildAction("Lint", "Build", "app-lint")
                                        .configuration(Map.of("ProjectName", "app-lint", "EnvironmentVariables",
                                                "[{\"name\":\"SYNC\",\"value\":\"" + sync + "\"}]"))
                                        .inputArtifacts(i -> i.name("SourceOutput"))
                                        .outputArtifacts(o -> o.name("LintReport")).build()),
                        stage("Test", codeBuildAction("Check", "Test", "app-check")
                                .configuration(Map.of("ProjectName", "app-check", "PrimarySource", "SourceOutput",
                                        "EnvironmentVariables", "[{\"name\":\"GREETING\",\"value\":"
                                                + "\"#{BuildVariables.GREETING}\"},{\"name\":\"EXECUTION\",\"value\":"
                                                + "\"#{codepipeline.PipelineExecutionId}\"},{\"name\":\"API_KEY\","
                                                + "\"value\":\"/app/api-key\",\"type\":\"PARAMETER_STORE\"}]"))
                                .inputArtifacts(i -> i.name("SourceOutput"), i -> i.name("CompileOutput"))
                                .namespace("TestVariables").build()),
                        stage("Release", approval("Approve")))));
    }

    /** Lets the poller see the repository (its interval is 30 s of emulator time). */
    private static void poll() {
        clock.advance(Duration.ofSeconds(30));
    }

    private static PipelineExecutionSummary awaitExecutionCount(String pipeline, int count) {
        return await().atMost(RUN_LIMIT).until(() -> executions(codePipeline, pipeline), l -> l.size() == count)
                .get(0);
    }

    private static ActionState actionState(String pipeline, String stage, String action) {
        return codePipeline.getPipelineState(r -> r.name(pipeline)).stageStates().stream()
                .filter(s -> s.stageName().equals(stage)).flatMap(s -> s.actionStates().stream())
                .filter(a -> a.actionName().equals(action)).findFirst().orElseThrow();
    }

    private static String awaitApprovalToken(String pipeline, String stage, String action) {
        return await().atMost(RUN_LIMIT).until(() -> actionState(pipeline, stage, action),
                a -> a.latestExecution() != null && a.latestExecution().token() != null).latestExecution().token();
    }

    @Test
    void aCommitRunsTheWholePipelineWithArtifactsAndVariablesFlowingUntilTheApproval() throws Exception {
        Linked linked = linkedRepository();
        Path sync = java.nio.file.Files.createDirectories(temp.resolve("sync-" + linked.pipeline()));
        createAppPipeline(linked, sync);
        String commit = linked.git().commit("change the tool", Map.of("tool.sh*",
                "#!/bin/bash\necho \"built $1\"\n# v2\n"));

        poll();
        String id = awaitExecutionCount(linked.pipeline(), 1).pipelineExecutionId();
        String token = awaitApprovalToken(linked.pipeline(), "Release", "Approve");

        PipelineExecution waiting = PipelineFixtures.execution(codePipeline, linked.pipeline(), id);
        assertThat(waiting.status()).isEqualTo(PipelineExecutionStatus.IN_PROGRESS);
        assertThat(waiting.trigger().triggerType()).isEqualTo(TriggerType.WEBHOOK_V2);
        assertThat(waiting.artifactRevisions()).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("SourceOutput");
            assertThat(r.revisionId()).isEqualTo(commit);
            assertThat(r.revisionSummary()).contains("\"CommitMessage\":\"change the tool\"");
        });
        ActionExecutionDetail compile = action(codePipeline, linked.pipeline(), id, "Compile");
        ActionExecutionDetail lint = action(codePipeline, linked.pipeline(), id, "Lint");
        ActionExecutionDetail check = action(codePipeline, linked.pipeline(), id, "Check");
        assertThat(List.of(compile.status(), lint.status(), check.status()))
                .containsOnly(ActionExecutionStatus.SUCCEEDED);
        assertThat(compile.output().outputVariables()).containsEntry("GREETING", "hello-" + commit);
        assertThat(compile.output().outputArtifacts()).singleElement().satisfies(a -> {
            assertThat(a.s3location().bucket()).isEqualTo(BUCKET);
            assertThat(a.s3location().key()).matches(java.util.regex.Pattern.quote(
                    linked.pipeline()) + "/CompileOut/[A-Za-z0-9]{7}");
            assertThat(s3.headObject(h -> h.bucket(BUCKET).key(a.s3location().key())).contentLength()).isPositive();
        });
        assertThat(check.input().resolvedConfiguration().get("EnvironmentVariables"))
                .contains("hello-" + commit).contains(id);
        assertThat(check.output().outputVariables()).containsEntry("CHECKED", id);
        assertThat(check.input().inputArtifacts()).extracting(a -> a.name())
                .containsExactly("SourceOutput", "CompileOutput");
        assertThat(action(codePipeline, linked.pipeline(), id, "Source").output().outputVariables())
                .containsEntry("CommitId", commit).containsEntry("BranchName", "main")
                .containsEntry("FullRepositoryName", linked.repositoryId())
                .containsEntry("CommitMessage", "change the tool").containsKey("AuthorDate");

        codePipeline.putApprovalResult(r -> r.pipelineName(linked.pipeline()).stageName("Release")
                .actionName("Approve").token(token).result(a -> a.status(ApprovalStatus.APPROVED).summary("ship it")));
        PipelineExecution done = awaitEnd(codePipeline, linked.pipeline(), id);

        assertThat(done.status()).isEqualTo(PipelineExecutionStatus.SUCCEEDED);
        GetPipelineStateResponse state = codePipeline.getPipelineState(r -> r.name(linked.pipeline()));
        assertThat(state.stageStates()).extracting(StageState::stageName)
                .containsExactly("Source", "Build", "Test", "Release");
        assertThat(state.stageStates()).allSatisfy(s -> {
            assertThat(s.latestExecution().pipelineExecutionId()).isEqualTo(id);
            assertThat(s.latestExecution().statusAsString()).isEqualTo("Succeeded");
        });
        assertThat(actionState(linked.pipeline(), "Release", "Approve").latestExecution().summary())
                .isEqualTo("ship it");
        assertThat(actionState(linked.pipeline(), "Source", "Source").currentRevision().revisionId())
                .isEqualTo(commit);
    }

    @Test
    void actionsOfEqualRunOrderRunAtTheSameTime() throws Exception {
        // Compile and Lint each wait (bounded) for the other to have started: run one after the other,
        // both would fail.
        Linked linked = linkedRepository();
        Path sync = java.nio.file.Files.createDirectories(temp.resolve("sync-" + linked.pipeline()));
        createAppPipeline(linked, sync);
        linked.git().commit("touch", Map.of("notes.txt", "x"));

        poll();
        String id = awaitExecutionCount(linked.pipeline(), 1).pipelineExecutionId();
        awaitApprovalToken(linked.pipeline(), "Release", "Approve");

        assertThat(action(codePipeline, linked.pipeline(), id, "Compile").status())
                .isEqualTo(ActionExecutionStatus.SUCCEEDED);
        assertThat(action(codePipeline, linked.pipeline(), id, "Lint").status())
                .isEqualTo(ActionExecutionStatus.SUCCEEDED);
    }

    @Test
    void aFailingBuildFailsItsStageAndTheExecutionAndLaterStagesNeverRun() throws Exception {
        Linked linked = linkedRepository();
        Path sync = java.nio.file.Files.createDirectories(temp.resolve("sync-" + linked.pipeline()));
        createAppPipeline(linked, sync);
        linked.git().commit("break the tool", Map.of("tool.sh*", "#!/bin/bash\necho broken >&2\nexit 3\n"));

        poll();
        String id = awaitExecutionCount(linked.pipeline(), 1).pipelineExecutionId();
        PipelineExecution failed = awaitEnd(codePipeline, linked.pipeline(), id);

        assertThat(failed.status()).isEqualTo(PipelineExecutionStatus.FAILED);
        assertThat(failed.statusSummary()).contains("Compile").contains("Build terminated with state: FAILED");
        ActionExecutionDetail compile = action(codePipeline, linked.pipeline(), id, "Compile");
        assertThat(compile.status()).isEqualTo(ActionExecutionStatus.FAILED);
        assertThat(compile.output().executionResult().errorDetails().code()).isEqualTo("JobFailed");
        assertThat(compile.output().executionResult().externalExecutionId()).startsWith("app-compile:");
        assertThat(PipelineFixtures.actions(codePipeline, linked.pipeline(), id)).extracting(a -> a.stageName())
                .doesNotContain("Test", "Release");
        StageState build = codePipeline.getPipelineState(r -> r.name(linked.pipeline())).stageStates().get(1);
        assertThat(build.latestExecution().statusAsString()).isEqualTo("Failed");
    }

    @Test
    void listenersHearEveryStageAndActionChangeOfAnExecution() throws Exception {
        Linked linked = linkedRepository();
        Path sync = java.nio.file.Files.createDirectories(temp.resolve("sync-" + linked.pipeline()));
        createAppPipeline(linked, sync);
        List<PipelineEvent> events = new CopyOnWriteArrayList<>();
        CodePipelineBackend backend = emulator.context().backend(CodePipelineBackend.class);
        try (CodePipelineBackend.Registration ignored = backend.addListener(event -> {
            if (event.pipelineName().equals(linked.pipeline())) {
                events.add(event);
            }
        })) {
            linked.git().commit("listen", Map.of("notes.txt", "y"));
            poll();
            awaitApprovalToken(linked.pipeline(), "Release", "Approve");
        }

        assertThat(events).filteredOn(PipelineEvent.StageChanged.class::isInstance)
                .map(e -> ((PipelineEvent.StageChanged) e).stageName() + ":" + ((PipelineEvent.StageChanged) e).status())
                .containsSubsequence("Source:InProgress", "Source:Succeeded", "Build:InProgress", "Build:Succeeded",
                        "Test:InProgress", "Test:Succeeded", "Release:InProgress");
        assertThat(events).filteredOn(PipelineEvent.ActionChanged.class::isInstance)
                .map(e -> ((PipelineEvent.ActionChanged) e).action())
                .filteredOn(a -> a.actionName().equals("Compile"))
                .extracting(ActionExecutionRecord::status).startsWith("InProgress").endsWith("Succeeded");
        assertThat(events).first().isInstanceOf(PipelineEvent.ExecutionChanged.class);
    }
}
