package dev.stepsolver.emulator.codepipeline;

import static dev.stepsolver.emulator.codepipeline.PipelineFixtures.BUCKET;
import static dev.stepsolver.emulator.codepipeline.PipelineFixtures.awaitEnd;
import static dev.stepsolver.emulator.codepipeline.PipelineFixtures.source;
import static dev.stepsolver.emulator.codepipeline.PipelineFixtures.stage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepsolver.emulator.Clients;
import dev.stepsolver.emulator.LocalEmulator;
import dev.stepsolver.emulator.codeconnections.ConnectionsBackend;
import dev.stepsolver.emulator.codeconnections.GitFixture;
import dev.stepsolver.emulator.codedeploy.CodeDeployBackend;
import dev.stepsolver.emulator.lambda.HandlerImage;
import dev.stepsolver.emulator.time.ManualClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.ComputePlatform;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStatus;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.ActionDeclaration;
import software.amazon.awssdk.services.codepipeline.model.ActionExecutionDetail;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecution;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecutionStatus;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.waiters.LambdaWaiter;

/**
 * The CodeDeploy deploy action: the input artifact's root AppSpec becomes a deployment to the
 * configured group, and the action lasts, succeeds or fails with it.
 */
class CodeDeployActionTest {

    private static final String FUNCTION = "coded";
    private static final String APPSPEC = """
            version: 0.0
            Resources:
              - coded:
                  Type: AWS::Lambda::Function
                  Properties:
                    Name: coded
                    Alias: live
                    CurrentVersion: "1"
                    TargetVersion: "2"
            """;

    private static LocalEmulator emulator;
    private static CodePipelineClient codePipeline;
    private static CodeDeployClient codeDeploy;
    private static LambdaClient lambda;

    @TempDir
    static Path temp;

    @BeforeAll
    static void start() throws Exception {
        emulator = LocalEmulator.builder().port(0).clock(new ManualClock(Instant.parse("2026-02-01T08:00:00Z")))
                .replaceModule(new CodePipelineModule(CodePipelineSettings.defaults().withStartOnCreate(false)))
                .build().start();
        codePipeline = PipelineFixtures.codePipeline(emulator.endpoint());
        codeDeploy = Clients.codeDeploy(emulator.endpoint());
        lambda = Clients.lambda(emulator.endpoint());
        try (EcrClient ecr = Clients.ecr(emulator.endpoint())) {
            ecr.createRepository(r -> r.repositoryName(FUNCTION));
            HandlerImage.Pushed image = HandlerImage.push(ecr, FUNCTION, "v1", Map.of(), List.of(), temp);
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
        codeDeploy.createApplication(r -> r.applicationName("app").computePlatform(ComputePlatform.LAMBDA));
        codeDeploy.createDeploymentGroup(r -> r.applicationName("app").deploymentGroupName("live")
                .serviceRoleArn("arn:aws:iam::000000000000:role/codedeploy")
                .deploymentConfigName("CodeDeployDefault.LambdaAllAtOnce")
                .deploymentStyle(s -> s.deploymentType("BLUE_GREEN").deploymentOption("WITH_TRAFFIC_CONTROL")));

        ConnectionsBackend connections = emulator.context().backend(ConnectionsBackend.class);
        GitFixture withAppSpec = GitFixture.init(temp.resolve("with"));
        withAppSpec.commit("release 2", Map.of("appspec.yaml", APPSPEC));
        connections.linkRepository("acme/with-appspec", withAppSpec.directory().toString());
        GitFixture withoutAppSpec = GitFixture.init(temp.resolve("without"));
        withoutAppSpec.commit("no appspec", Map.of("README.md", "nothing to deploy"));
        connections.linkRepository("acme/without-appspec", withoutAppSpec.directory().toString());
        String connection;
        try (var s3 = Clients.s3(emulator.endpoint());
             var connectionsClient = PipelineFixtures.connections(emulator.endpoint())) {
            s3.createBucket(r -> r.bucket(BUCKET));
            connection = connectionsClient.createConnection(r -> r.connectionName("gh").providerType("GitHub"))
                    .connectionArn();
        }
        createPipeline("with-appspec", connection, "acme/with-appspec");
        createPipeline("without-appspec", connection, "acme/without-appspec");
    }

    private static void createPipeline(String name, String connection, String repository) {
        ActionDeclaration deploy = ActionDeclaration.builder().name("DeployLambda")
                .actionTypeId(t -> t.category("Deploy").owner("AWS").provider("CodeDeploy").version("1"))
                .configuration(Map.of("ApplicationName", "app", "DeploymentGroupName", "live"))
                .inputArtifacts(a -> a.name("SourceOutput"))
                .build();
        codePipeline.createPipeline(r -> r.pipeline(p -> p.name(name)
                .roleArn("arn:aws:iam::000000000000:role/pipeline")
                .artifactStore(a -> a.type("S3").location(BUCKET)).pipelineType("V2")
                .stages(stage("Source", source(connection, repository, "main")), stage("Prod", deploy))));
    }

    /** Each deployment starts from the AppSpec's current version. */
    @BeforeEach
    void aliasOnVersionOne() {
        lambda.updateAlias(r -> r.functionName(FUNCTION).name("live").functionVersion("1"));
    }

    @AfterAll
    static void stop() {
        codePipeline.close();
        codeDeploy.close();
        lambda.close();
        emulator.close();
    }

    @Test
    void theAppSpecInTheArtifactIsDeployedAndTheActionSucceedsWithTheDeployment() {
        String id = codePipeline.startPipelineExecution(r -> r.name("with-appspec")).pipelineExecutionId();

        PipelineExecution done = awaitEnd(codePipeline, "with-appspec", id);

        assertThat(done.status()).as("%s", done.statusSummary()).isEqualTo(PipelineExecutionStatus.SUCCEEDED);
        assertThat(lambda.getAlias(r -> r.functionName(FUNCTION).name("live")).functionVersion()).isEqualTo("2");
        ActionExecutionDetail action = PipelineFixtures.action(codePipeline, "with-appspec", id, "DeployLambda");
        String deploymentId = action.output().executionResult().externalExecutionId();
        assertThat(codeDeploy.getDeployment(r -> r.deploymentId(deploymentId)).deploymentInfo().status())
                .isEqualTo(DeploymentStatus.SUCCEEDED);
    }

    /**
     * The deployment may shift traffic, and even finish, before the action has done anything after
     * creating it (here its "created" progress is held until the deployment is complete): the shifts
     * are still the action's progress.
     */
    @Test
    void trafficShiftsMadeWhileTheActionIsStillStartingAreReported() throws Exception {
        CountDownLatch deploymentDone = new CountDownLatch(1);
        List<String> summaries = new CopyOnWriteArrayList<>();
        CodeDeployBackend deployments = emulator.context().backend(CodeDeployBackend.class);
        CodePipelineBackend pipelines = emulator.context().backend(CodePipelineBackend.class);
        try (var done = deployments.addListener(d -> {
                    if (d.isComplete()) {
                        deploymentDone.countDown();
                    }
                });
                var held = pipelines.addListener(event -> {
                    if (event instanceof PipelineEvent.ActionChanged changed
                            && changed.action().actionName().equals("DeployLambda")) {
                        changed.action().summaryIfAny().ifPresent(summaries::add);
                        if (changed.action().summaryIfAny().filter(s -> s.endsWith(" created")).isPresent()) {
                            try {
                                deploymentDone.await(30, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                    }
                })) {
            String id = codePipeline.startPipelineExecution(r -> r.name("with-appspec")).pipelineExecutionId();

            PipelineExecution finished = awaitEnd(codePipeline, "with-appspec", id);

            assertThat(finished.status()).isEqualTo(PipelineExecutionStatus.SUCCEEDED);
            assertThat(summaries).contains("Alias live: 100% of traffic on version 2, 0% on version 1");
        }
    }

    @Test
    void anArtifactWithoutAnAppSpecFailsTheActionWithCodeDeploysReason() {
        String id = codePipeline.startPipelineExecution(r -> r.name("without-appspec")).pipelineExecutionId();

        PipelineExecution done = awaitEnd(codePipeline, "without-appspec", id);

        assertThat(done.status()).isEqualTo(PipelineExecutionStatus.FAILED);
        assertThat(PipelineFixtures.action(codePipeline, "without-appspec", id, "DeployLambda").output()
                .executionResult().errorDetails().message())
                .contains("An AppSpec file is required, but could not be found in the revision");
    }
}
