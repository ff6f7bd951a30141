package dev.stepsolver.emulator.codepipeline;

import static dev.stepsolver.emulator.codepipeline.PipelineFixtures.BUCKET;
import static dev.stepsolver.emulator.codepipeline.PipelineFixtures.RUN_LIMIT;
import static dev.stepsolver.emulator.codepipeline.PipelineFixtures.approval;
import static dev.stepsolver.emulator.codepipeline.PipelineFixtures.awaitEnd;
import static dev.stepsolver.emulator.codepipeline.PipelineFixtures.executions;
import static dev.stepsolver.emulator.codepipeline.PipelineFixtures.source;
import static dev.stepsolver.emulator.codepipeline.PipelineFixtures.stage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stepsolver.emulator.Clients;
import dev.stepsolver.emulator.LocalEmulator;
import dev.stepsolver.emulator.codeconnections.ConnectionsBackend;
import dev.stepsolver.emulator.codeconnections.GitFixture;
import dev.stepsolver.emulator.time.ManualClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.ApprovalStatus;
import software.amazon.awssdk.services.codepipeline.model.ExecutionMode;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecution;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecutionStatus;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecutionSummary;
import software.amazon.awssdk.services.codepipeline.model.PipelineTriggerDeclaration;
import software.amazon.awssdk.services.codepipeline.model.StageState;

/**
 * What starts executions and how they share stages: polling a connected branch, V2 trigger filters,
 * signed push webhooks, and the SUPERSEDED and QUEUED execution modes. The pipelines hold executions
 * with manual approvals, so nothing but the tests' own steps moves them.
 */
class TriggersTest {

    private static final String SECRET = "webhook-s3cret";
    private static final AtomicInteger NAMES = new AtomicInteger();

    private static ManualClock clock;
    private static LocalEmulator emulator;
    private static CodePipelineClient codePipeline;
    private static String connectionArn;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path temp;

    @BeforeAll
    static void start() {
        clock = new ManualClock(Instant.parse("2026-01-05T10:00:00Z"));
        emulator = LocalEmulator.builder().port(0).clock(clock)
                .replaceModule(new CodePipelineModule(CodePipelineSettings.defaults().withWebhookSecret(SECRET)))
                .build().start();
        codePipeline = PipelineFixtures.codePipeline(emulator.endpoint());
        try (var s3 = Clients.s3(emulator.endpoint()); var connections = PipelineFixtures.connections(
                emulator.endpoint())) {
            s3.createBucket(r -> r.bucket(BUCKET));
            connectionArn = connections.createConnection(r -> r.connectionName("github").providerType("GitHub"))
                    .connectionArn();
        }
    }

    @AfterAll
    static void stop() {
        codePipeline.close();
        emulator.close();
    }

    private record Linked(String repositoryId, GitFixture git, String pipeline) {
    }

    private static Linked linkedRepository() {
        int n = NAMES.incrementAndGet();
        String repositoryId = "acme/svc-" + n;
        GitFixture git = GitFixture.init(temp.resolve("repo-" + n));
        git.commit("initial", Map.of("src/app.txt", "v1", "README.md", "# svc\n"));
        emulator.context().backend(ConnectionsBackend.class).linkRepository(repositoryId, git.directory().toString());
        return new Linked(repositoryId, git, "svc-" + n);
    }

    /** Source, then a stage held by a manual approval. */
    private static void createHeldPipeline(Linked linked, ExecutionMode mode, List<PipelineTriggerDeclaration> triggers) {
        codePipeline.createPipeline(r -> r.pipeline(p -> p.name(linked.pipeline())
                .roleArn("arn:aws:iam::000000000000:role/pipeline")
                .artifactStore(a -> a.type("S3").location(BUCKET))
                .pipelineType("V2").executionMode(mode).triggers(triggers)
                .stages(stage("Source", source(connectionArn, linked.repositoryId(), "main")),
                        stage("Hold", approval("Approve")))));
    }

    private static void poll() {
        clock.advance(Duration.ofSeconds(30));
    }

    private static List<PipelineExecutionSummary> awaitExecutions(String pipeline, int count) {
        return await().atMost(RUN_LIMIT).until(() -> executions(codePipeline, pipeline), l -> l.size() == count);
    }

    private static StageState stageState(String pipeline, String stage) {
        return codePipeline.getPipelineState(r -> r.name(pipeline)).stageStates().stream()
                .filter(s -> s.stageName().equals(stage)).findFirst().orElseThrow();
    }

    private static String awaitToken(String pipeline, String executionId) {
        return await().atMost(RUN_LIMIT).until(() -> stageState(pipeline, "Hold").actionStates().get(0),
                a -> a.latestExecution() != null && a.latestExecution().token() != null
                        && executionId.equals(stageState(pipeline, "Hold").latestExecution().pipelineExecutionId()))
                .latestExecution().token();
    }

    private static void approve(String pipeline, String token) {
        codePipeline.putApprovalResult(r -> r.pipelineName(pipeline).stageName("Hold").actionName("Approve")
                .token(token).result(a -> a.status(ApprovalStatus.APPROVED).summary("ok")));
    }

    private static String revisionOf(String pipeline, String executionId) {
        PipelineExecution execution = PipelineFixtures.execution(codePipeline, pipeline, executionId);
        return execution.artifactRevisions().isEmpty() ? "" : execution.artifactRevisions().get(0).revisionId();
    }

    @Test
    void creatingAPipelineStartsAnExecutionOfTheBranchHead() {
        Linked linked = linkedRepository();
        createHeldPipeline(linked, ExecutionMode.SUPERSEDED, List.of());

        PipelineExecutionSummary first = awaitExecutions(linked.pipeline(), 1).get(0);
        awaitToken(linked.pipeline(), first.pipelineExecutionId());

        assertThat(first.trigger().triggerTypeAsString()).isEqualTo("CreatePipeline");
        poll();
        assertThat(executions(codePipeline, linked.pipeline())).hasSize(1);
    }

    @Test
    void aNewerExecutionSupersedesAnOlderOneWaitingAtTheSameStage() {
        Linked linked = linkedRepository();
        createHeldPipeline(linked, ExecutionMode.SUPERSEDED, List.of());
        String holding = awaitExecutions(linked.pipeline(), 1).get(0).pipelineExecutionId();
        String holdingToken = awaitToken(linked.pipeline(), holding);

        String older = linked.git().commit("first quick change", Map.of("src/app.txt", "v2"));
        poll();
        String olderId = awaitExecutions(linked.pipeline(), 2).get(0).pipelineExecutionId();
        await().atMost(RUN_LIMIT).until(() -> stageState(linked.pipeline(), "Hold").inboundExecutions(),
                inbound -> inbound.size() == 1 && inbound.get(0).pipelineExecutionId().equals(olderId));
        String newer = linked.git().commit("second quick change", Map.of("src/app.txt", "v3"));
        poll();
        String newerId = awaitExecutions(linked.pipeline(), 3).get(0).pipelineExecutionId();

        PipelineExecution superseded = awaitEnd(codePipeline, linked.pipeline(), olderId);
        assertThat(superseded.status()).isEqualTo(PipelineExecutionStatus.SUPERSEDED);
        assertThat(superseded.statusSummary()).contains(newerId);
        assertThat(revisionOf(linked.pipeline(), olderId)).isEqualTo(older);
        approve(linked.pipeline(), holdingToken);
        approve(linked.pipeline(), awaitToken(linked.pipeline(), newerId));
        assertThat(awaitEnd(codePipeline, linked.pipeline(), holding).status())
                .isEqualTo(PipelineExecutionStatus.SUCCEEDED);
        assertThat(awaitEnd(codePipeline, linked.pipeline(), newerId).status())
                .isEqualTo(PipelineExecutionStatus.SUCCEEDED);
        assertThat(revisionOf(linked.pipeline(), newerId)).isEqualTo(newer);
    }

    @Test
    void queuedExecutionsWaitTheirTurnAndNoneIsSuperseded() {
        Linked linked = linkedRepository();
        createHeldPipeline(linked, ExecutionMode.QUEUED, List.of());
        String first = awaitExecutions(linked.pipeline(), 1).get(0).pipelineExecutionId();
        String firstToken = awaitToken(linked.pipeline(), first);
        linked.git().commit("second", Map.of("src/app.txt", "v2"));
        poll();
        String second = awaitExecutions(linked.pipeline(), 2).get(0).pipelineExecutionId();
        await().atMost(RUN_LIMIT).until(() -> stageState(linked.pipeline(), "Hold").inboundExecutions().size() == 1);
        linked.git().commit("third", Map.of("src/app.txt", "v3"));
        poll();
        String third = awaitExecutions(linked.pipeline(), 3).get(0).pipelineExecutionId();
        await().atMost(RUN_LIMIT).until(() -> stageState(linked.pipeline(), "Hold").inboundExecutions().size() == 2);

        assertThat(stageState(linked.pipeline(), "Hold").inboundExecutions())
                .extracting(e -> e.pipelineExecutionId()).containsExactly(second, third);
        approve(linked.pipeline(), firstToken);
        approve(linked.pipeline(), awaitToken(linked.pipeline(), second));
        approve(linked.pipeline(), awaitToken(linked.pipeline(), third));
        assertThat(List.of(first, second, third)).allSatisfy(id ->
                assertThat(awaitEnd(codePipeline, linked.pipeline(), id).status())
                        .isEqualTo(PipelineExecutionStatus.SUCCEEDED));
    }

    private static PipelineTriggerDeclaration pushTrigger(String... excludedPaths) {
        return PipelineTriggerDeclaration.builder().providerType("CodeStarSourceConnection")
                .gitConfiguration(g -> g.sourceActionName("Source").push(p -> p
                        .branches(b -> b.includes("main"))
                        .filePaths(f -> f.excludes(excludedPaths))))
                .build();
    }

    @Test
    void aCommitChangingOnlyExcludedFilesStartsNothingAndTheNextCodeCommitDoes() {
        Linked linked = linkedRepository();
        createHeldPipeline(linked, ExecutionMode.PARALLEL, List.of(pushTrigger("README.md", "**/README.md")));
        awaitExecutions(linked.pipeline(), 1);

        linked.git().commit("docs", Map.of("README.md", "# svc, documented\n", "docs/README.md", "more"));
        poll();
        poll();
        assertThat(executions(codePipeline, linked.pipeline())).hasSize(1);

        String code = linked.git().commit("code", Map.of("src/app.txt", "v2"));
        poll();
        PipelineExecutionSummary started = awaitExecutions(linked.pipeline(), 2).get(0);
        await().atMost(RUN_LIMIT).until(() -> revisionOf(linked.pipeline(), started.pipelineExecutionId()),
                code::equals);
        assertThat(started.trigger().triggerTypeAsString()).isEqualTo("WebhookV2");
    }

    @Test
    void aPushToABranchTheTriggerDoesNotIncludeStartsNothing() {
        Linked linked = linkedRepository();
        createHeldPipeline(linked, ExecutionMode.PARALLEL, List.of(pushTrigger("LICENSE")));
        awaitExecutions(linked.pipeline(), 1);
        String head = linked.git().commit("on main", Map.of("src/app.txt", "v2"));

        HttpResponse<String> response = webhook(linked, pushEvent(linked, "feature", head, List.of("src/app.txt")),
                SECRET);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"pipelineExecutionIds\":[]");
        assertThat(executions(codePipeline, linked.pipeline())).hasSize(1);
    }

    private static String pushEvent(Linked linked, String branch, String after, List<String> modified) {
        return "{\"ref\":\"refs/heads/" + branch + "\",\"before\":\"0000000000000000000000000000000000000000\","
                + "\"after\":\"" + after + "\",\"repository\":{\"full_name\":\"" + linked.repositoryId() + "\"},"
                + "\"commits\":[{\"id\":\"" + after + "\",\"modified\":[" + String.join(",",
                        modified.stream().map(m -> "\"" + m + "\"").toList()) + "]}]}";
    }

    private static HttpResponse<String> webhook(Linked linked, String body, String secret) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emulator.endpoint()
                + "/_emulator/codepipeline/webhooks/" + linked.pipeline()))
                .header("X-GitHub-Event", "push")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (secret != null) {
            request.header("X-Hub-Signature-256", "sha256=" + hmac(secret, body));
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hmac(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aSignedPushWebhookStartsAnExecutionOfThePushedCommit() {
        Linked linked = linkedRepository();
        createHeldPipeline(linked, ExecutionMode.PARALLEL, List.of(pushTrigger("README.md")));
        awaitExecutions(linked.pipeline(), 1);
        String head = linked.git().commit("pushed", Map.of("src/app.txt", "v2"));

        HttpResponse<String> response = webhook(linked, pushEvent(linked, "main", head, List.of("src/app.txt")),
                SECRET);

        assertThat(response.statusCode()).isEqualTo(200);
        PipelineExecutionSummary started = awaitExecutions(linked.pipeline(), 2).get(0);
        assertThat(response.body()).contains(started.pipelineExecutionId());
        await().atMost(RUN_LIMIT).until(() -> revisionOf(linked.pipeline(), started.pipelineExecutionId()),
                head::equals);
        poll();
        assertThat(executions(codePipeline, linked.pipeline())).hasSize(2);
    }

    @Test
    void aWebhookWithAWrongSignatureIsRefusedAndStartsNothing() {
        Linked linked = linkedRepository();
        createHeldPipeline(linked, ExecutionMode.PARALLEL, List.of(pushTrigger("README.md")));
        awaitExecutions(linked.pipeline(), 1);
        String head = linked.git().commit("pushed", Map.of("src/app.txt", "v2"));

        HttpResponse<String> response = webhook(linked, pushEvent(linked, "main", head, List.of("src/app.txt")),
                "not-the-secret");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(executions(codePipeline, linked.pipeline())).hasSize(1);
    }

    @Test
    void aWebhookWithoutASignatureIsRefusedAndStartsNothing() {
        Linked linked = linkedRepository();
        createHeldPipeline(linked, ExecutionMode.PARALLEL, List.of(pushTrigger("README.md")));
        awaitExecutions(linked.pipeline(), 1);
        String head = linked.git().commit("pushed", Map.of("src/app.txt", "v2"));

        HttpResponse<String> response = webhook(linked, pushEvent(linked, "main", head, List.of("src/app.txt")),
                null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(executions(codePipeline, linked.pipeline())).hasSize(1);
    }

    @Test
    void aWebhookPushListingOnlyExcludedFilesStartsNothing() {
        Linked linked = linkedRepository();
        createHeldPipeline(linked, ExecutionMode.PARALLEL, List.of(pushTrigger("README.md", "**/README.md")));
        awaitExecutions(linked.pipeline(), 1);
        String head = linked.git().commit("docs", Map.of("README.md", "# new docs\n"));

        HttpResponse<String> response = webhook(linked, pushEvent(linked, "main", head, List.of("README.md")),
                SECRET);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(executions(codePipeline, linked.pipeline())).hasSize(1);
    }

    @Test
    void stoppingAnExecutionAbandonsItsActionsAndEndsItStopped() {
        Linked linked = linkedRepository();
        createHeldPipeline(linked, ExecutionMode.SUPERSEDED, List.of());
        String id = awaitExecutions(linked.pipeline(), 1).get(0).pipelineExecutionId();
        awaitToken(linked.pipeline(), id);

        codePipeline.stopPipelineExecution(r -> r.pipelineName(linked.pipeline()).pipelineExecutionId(id)
                .abandon(true).reason("not today"));
        PipelineExecution stopped = awaitEnd(codePipeline, linked.pipeline(), id);

        assertThat(stopped.status()).isEqualTo(PipelineExecutionStatus.STOPPED);
        assertThat(executions(codePipeline, linked.pipeline()).get(0).stopTrigger().reason()).isEqualTo("not today");
        assertThat(PipelineFixtures.action(codePipeline, linked.pipeline(), id, "Approve").statusAsString())
                .isEqualTo("Abandoned");
        assertThat(stageState(linked.pipeline(), "Hold").latestExecution().statusAsString()).isEqualTo("Stopped");
    }

    @Test
    void stoppingWithoutAbandonLetsTheActionInProgressFinishAndRunsNothingAfterIt() {
        Linked linked = linkedRepository();
        codePipeline.createPipeline(r -> r.pipeline(p -> p.name(linked.pipeline())
                .roleArn("arn:aws:iam::000000000000:role/pipeline")
                .artifactStore(a -> a.type("S3").location(BUCKET)).pipelineType("V2")
                .stages(stage("Source", source(connectionArn, linked.repositoryId(), "main")),
                        stage("Hold", approval("Approve")), stage("After", approval("Later")))));
        String id = awaitExecutions(linked.pipeline(), 1).get(0).pipelineExecutionId();
        String token = awaitToken(linked.pipeline(), id);

        codePipeline.stopPipelineExecution(r -> r.pipelineName(linked.pipeline()).pipelineExecutionId(id)
                .abandon(false));
        assertThat(PipelineFixtures.execution(codePipeline, linked.pipeline(), id).status())
                .isEqualTo(PipelineExecutionStatus.STOPPING);
        approve(linked.pipeline(), token);
        PipelineExecution stopped = awaitEnd(codePipeline, linked.pipeline(), id);

        assertThat(stopped.status()).isEqualTo(PipelineExecutionStatus.STOPPED);
        assertThat(PipelineFixtures.action(codePipeline, linked.pipeline(), id, "Approve").statusAsString())
                .isEqualTo("Succeeded");
        assertThat(PipelineFixtures.actions(codePipeline, linked.pipeline(), id))
                .noneMatch(a -> a.actionName().equals("Later"));
    }
}
