package dev.stepsolver.emulator.codepipeline;

import static dev.stepsolver.emulator.codepipeline.PipelineFixtures.BUCKET;
import static dev.stepsolver.emulator.codepipeline.PipelineFixtures.RUN_LIMIT;
import static dev.stepsolver.emulator.codepipeline.PipelineFixtures.awaitEnd;
import static dev.stepsolver.emulator.codepipeline.PipelineFixtures.source;
import static dev.stepsolver.emulator.codepipeline.PipelineFixtures.stage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stepsolver.emulator.Clients;
import dev.stepsolver.emulator.LocalEmulator;
import dev.stepsolver.emulator.codeconnections.GitFixture;
import dev.stepsolver.emulator.lambda.HandlerImage;
import dev.stepsolver.emulator.time.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.ActionDeclaration;
import software.amazon.awssdk.services.codepipeline.model.ActionExecutionDetail;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecution;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecutionStatus;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetAliasResponse;
import software.amazon.awssdk.services.lambda.waiters.LambdaWaiter;

/**
 * The native Lambda deploy action moving an alias by its DeployStrategy on the emulator clock, and
 * returning it when a watched alarm goes to ALARM. The function's image is the Lambda tests' handler.
 */
class LambdaDeployActionTest {

    private static final String FUNCTION = "deployed";
    private static ManualClock clock;
    private static LocalEmulator emulator;
    private static CodePipelineClient codePipeline;
    private static LambdaClient lambda;
    private static CloudWatchClient cloudWatch;

    @TempDir
    static Path temp;

    @BeforeAll
    static void start() throws Exception {
        clock = new ManualClock(Instant.parse("2026-01-05T10:00:00Z"));
        emulator = LocalEmulator.builder().port(0).clock(clock)
                .replaceModule(new CodePipelineModule(CodePipelineSettings.defaults().withStartOnCreate(false)))
                .build().start();
        codePipeline = PipelineFixtures.codePipeline(emulator.endpoint());
        lambda = Clients.lambda(emulator.endpoint());
        cloudWatch = Clients.cloudWatch(emulator.endpoint());
        try (EcrClient ecr = Clients.ecr(emulator.endpoint())) {
            ecr.createRepository(r -> r.repositoryName("deployed"));
            HandlerImage.Pushed image = HandlerImage.push(ecr, "deployed", "v1", Map.of(), List.of(), temp);
            lambda.createFunction(r -> r.functionName(FUNCTION).packageType("Image").code(c -> c.imageUri(image.uri()))
                    .role("arn:aws:iam::000000000000:role/lambda"));
        }
        try (LambdaWaiter waiter = LambdaWaiter.builder().client(lambda).build()) {
            waiter.waitUntilFunctionActiveV2(r -> r.functionName(FUNCTION));
            lambda.publishVersion(r -> r.functionName(FUNCTION));
            lambda.updateFunctionConfiguration(r -> r.functionName(FUNCTION).environment(e -> e.variables(Map.of(
                    "RELEASE", "2"))));
            waiter.waitUntilFunctionUpdatedV2(r -> r.functionName(FUNCTION));
            lambda.publishVersion(r -> r.functionName(FUNCTION));
        }
        lambda.createAlias(r -> r.functionName(FUNCTION).name("live").functionVersion("1"));
        cloudWatch.putMetricAlarm(r -> r.alarmName("deployed-errors").namespace("AWS/Lambda").metricName("Errors")
                .statistic("Sum").period(60).evaluationPeriods(1).threshold(1.0)
                .comparisonOperator("GreaterThanOrEqualToThreshold").treatMissingData("notBreaching"));
        GitFixture git = GitFixture.init(temp.resolve("repo"));
        git.commit("initial", Map.of("app.txt", "v1"));
        emulator.context().backend(dev.stepsolver.emulator.codeconnections.ConnectionsBackend.class)
                .linkRepository("acme/fn", git.directory().toString());
        String connection;
        try (var s3 = Clients.s3(emulator.endpoint()); var connections = PipelineFixtures.connections(
                emulator.endpoint())) {
            s3.createBucket(r -> r.bucket(BUCKET));
            connection = connections.createConnection(r -> r.connectionName("gh").providerType("GitHub"))
                    .connectionArn();
        }
        ActionDeclaration deploy = ActionDeclaration.builder().name("DeployLambda")
                .actionTypeId(t -> t.category("Deploy").owner("AWS").provider("Lambda").version("1"))
                .configuration(Map.of("FunctionName", FUNCTION, "FunctionAlias", "live",
                        "PublishedTargetVersion", "#{variables.target}", "DeployStrategy", "Canary10Percent5Minutes",
                        "Alarms", "deployed-errors"))
                .namespace("DeployVariables")
                .build();
        codePipeline.createPipeline(r -> r.pipeline(p -> p.name("lambda-deploy")
                .roleArn("arn:aws:iam::000000000000:role/pipeline")
                .artifactStore(a -> a.type("S3").location(BUCKET)).pipelineType("V2")
                .variables(v -> v.name("target").defaultValue("2"))
                .stages(stage("Source", source(connection, "acme/fn", "main")), stage("Prod", deploy))));
    }

    @AfterAll
    static void stop() {
        codePipeline.close();
        lambda.close();
        cloudWatch.close();
        emulator.close();
    }

    @BeforeEach
    void aliasServesVersionOneAndTheAlarmIsOk() {
        lambda.updateAlias(r -> r.functionName(FUNCTION).name("live").functionVersion("1")
                .routingConfig(c -> c.additionalVersionWeights(Map.of())));
        cloudWatch.setAlarmState(r -> r.alarmName("deployed-errors").stateValue("OK").stateReason("reset"));
    }

    private static GetAliasResponse alias() {
        return lambda.getAlias(r -> r.functionName(FUNCTION).name("live"));
    }

    /** Waits for the canary's 10 %, failing at once if the execution ends before it. */
    private static void awaitCanary(String executionId) {
        await().atMost(RUN_LIMIT).until(() -> {
            PipelineExecution execution = PipelineFixtures.execution(codePipeline, "lambda-deploy", executionId);
            assertThat(execution.status()).as("%s", execution.statusSummary())
                    .isEqualTo(PipelineExecutionStatus.IN_PROGRESS);
            return alias().routingConfig() != null
                    && Double.valueOf(0.1).equals(alias().routingConfig().additionalVersionWeights().get("2"));
        });
    }

    @Test
    void aCanaryShiftsItsShareThenEverythingAfterItsInterval() {
        String id = codePipeline.startPipelineExecution(r -> r.name("lambda-deploy")).pipelineExecutionId();

        awaitCanary(id);
        assertThat(alias().functionVersion()).isEqualTo("1");
        clock.advance(Duration.ofMinutes(5));
        PipelineExecution done = awaitEnd(codePipeline, "lambda-deploy", id);

        assertThat(done.status()).isEqualTo(PipelineExecutionStatus.SUCCEEDED);
        assertThat(alias().functionVersion()).isEqualTo("2");
        assertThat(alias().routingConfig() == null || alias().routingConfig().additionalVersionWeights().isEmpty())
                .isTrue();
        ActionExecutionDetail action = PipelineFixtures.action(codePipeline, "lambda-deploy", id, "DeployLambda");
        assertThat(action.output().outputVariables()).containsEntry("FunctionVersion", "2");
        assertThat(action.input().resolvedConfiguration()).containsEntry("PublishedTargetVersion", "2");
    }

    @Test
    void anAlarmDuringTheCanaryFailsTheActionAndReturnsTheAliasToItsVersion() {
        String id = codePipeline.startPipelineExecution(r -> r.name("lambda-deploy")).pipelineExecutionId();
        awaitCanary(id);

        cloudWatch.setAlarmState(r -> r.alarmName("deployed-errors").stateValue("ALARM").stateReason("errors"));
        PipelineExecution failed = awaitEnd(codePipeline, "lambda-deploy", id);

        assertThat(failed.status()).isEqualTo(PipelineExecutionStatus.FAILED);
        assertThat(alias().functionVersion()).isEqualTo("1");
        assertThat(alias().routingConfig() == null || alias().routingConfig().additionalVersionWeights().isEmpty())
                .isTrue();
        assertThat(PipelineFixtures.action(codePipeline, "lambda-deploy", id, "DeployLambda").output()
                .executionResult().errorDetails().message())
                .contains("Alarm deployed-errors went to ALARM").contains("returned to version 1");
    }
}
