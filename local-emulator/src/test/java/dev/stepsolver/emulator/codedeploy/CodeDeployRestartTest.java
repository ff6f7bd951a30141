package dev.stepsolver.emulator.codedeploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stepsolver.emulator.Clients;
import dev.stepsolver.emulator.LocalEmulator;
import dev.stepsolver.emulator.lambda.HandlerImage;
import dev.stepsolver.emulator.state.FileStateStore;
import dev.stepsolver.emulator.state.PersistentCollection;
import dev.stepsolver.emulator.time.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.AutoRollbackEvent;
import software.amazon.awssdk.services.codedeploy.model.ComputePlatform;
import software.amazon.awssdk.services.codedeploy.model.DeploymentInfo;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStatus;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetAliasResponse;
import software.amazon.awssdk.services.lambda.waiters.LambdaWaiter;

/**
 * A deployment in flight never survives the emulator: it ends Failed (and rolled back where its
 * group says so) whether the emulator stops cleanly or was killed and finds it in progress at start.
 */
class CodeDeployRestartTest {

    private static final String ROLE = "arn:aws:iam::000000000000:role/codedeploy";
    private static final AtomicInteger NAMES = new AtomicInteger();

    @TempDir
    static Path state;
    @TempDir
    static Path scratch;
    private static Instant now = Instant.parse("2026-04-01T08:00:00Z");

    @BeforeAll
    static void pushImage() throws Exception {
        try (LocalEmulator emulator = start(); EcrClient ecr = Clients.ecr(emulator.endpoint())) {
            ecr.createRepository(r -> r.repositoryName("handler"));
            HandlerImage.push(ecr, "handler", "v1", Map.of("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1"),
                    List.of(), scratch);
        }
    }

    /** Starts an emulator on the shared state directory, its clock a little later than the last one's. */
    private static LocalEmulator start() {
        now = now.plus(Duration.ofHours(1));
        return LocalEmulator.builder().port(0).clock(new ManualClock(now)).stateDirectory(state).build().start();
    }

    private static void with(Consumer<LocalEmulator> session) {
        try (LocalEmulator emulator = start()) {
            session.accept(emulator);
        }
    }

    /** A function with versions 1 and 2 and alias {@code live} on 1, a canary group that rolls back on failure. */
    private record Setup(String function, String application, String group) {
    }

    private static Setup setUp(LocalEmulator emulator) {
        String function = "fn-" + NAMES.incrementAndGet();
        String imageUri;
        try (EcrClient ecr = Clients.ecr(emulator.endpoint())) {
            // the registry's address changes with the port of each start
            imageUri = ecr.describeRepositories(r -> r.repositoryNames("handler")).repositories().get(0)
                    .repositoryUri() + ":v1";
        }
        try (LambdaClient lambda = Clients.lambda(emulator.endpoint());
                CodeDeployClient codeDeploy = Clients.codeDeploy(emulator.endpoint());
                LambdaWaiter waiter = LambdaWaiter.builder().client(lambda).build()) {
            lambda.createFunction(r -> r.functionName(function).packageType("Image").code(c -> c.imageUri(imageUri))
                    .role("arn:aws:iam::000000000000:role/lambda"));
            waiter.waitUntilFunctionActiveV2(r -> r.functionName(function));
            lambda.publishVersion(r -> r.functionName(function));
            lambda.updateFunctionConfiguration(r -> r.functionName(function)
                    .environment(e -> e.variables(Map.of("MARKER", "two"))));
            waiter.waitUntilFunctionUpdatedV2(r -> r.functionName(function));
            lambda.publishVersion(r -> r.functionName(function));
            lambda.createAlias(r -> r.functionName(function).name("live").functionVersion("1"));
            String application = "app-" + function;
            codeDeploy.createApplication(r -> r.applicationName(application).computePlatform(ComputePlatform.LAMBDA));
            codeDeploy.createDeploymentGroup(r -> r.applicationName(application).deploymentGroupName("prod")
                    .deploymentConfigName("CodeDeployDefault.LambdaCanary10Percent5Minutes").serviceRoleArn(ROLE)
                    .autoRollbackConfiguration(a -> a.enabled(true).events(AutoRollbackEvent.DEPLOYMENT_FAILURE)));
            return new Setup(function, application, "prod");
        }
    }

    private static String appSpec(String function) {
        return "version: 0.0\nResources:\n  - fn:\n      Type: AWS::Lambda::Function\n      Properties: {Name: "
                + function + ", Alias: live, CurrentVersion: '1', TargetVersion: '2'}\n";
    }

    private static GetAliasResponse alias(LocalEmulator emulator, String function) {
        try (LambdaClient lambda = Clients.lambda(emulator.endpoint())) {
            return lambda.getAlias(r -> r.functionName(function).name("live"));
        }
    }

    private static DeploymentInfo deployment(LocalEmulator emulator, String id) {
        try (CodeDeployClient codeDeploy = Clients.codeDeploy(emulator.endpoint())) {
            return codeDeploy.getDeployment(r -> r.deploymentId(id)).deploymentInfo();
        }
    }

    @Test
    void aCanaryRunningWhenTheEmulatorStopsIsFailedAndRolledBackAfterTheRestart() {
        Setup[] setup = new Setup[1];
        String[] id = new String[1];
        with(emulator -> {
            setup[0] = setUp(emulator);
            try (CodeDeployClient codeDeploy = Clients.codeDeploy(emulator.endpoint())) {
                id[0] = codeDeploy.createDeployment(r -> r.applicationName(setup[0].application())
                        .deploymentGroupName(setup[0].group()).revision(v -> v.revisionType("AppSpecContent")
                                .appSpecContent(c -> c.content(appSpec(setup[0].function()))))).deploymentId();
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> alias(emulator, setup[0].function()).routingConfig(),
                    routing -> routing != null && routing.additionalVersionWeights().containsKey("2"));
        });

        with(emulator -> {
            DeploymentInfo after = deployment(emulator, id[0]);
            assertThat(after.status()).isEqualTo(DeploymentStatus.FAILED);
            assertThat(after.errorInformation().codeAsString()).isEqualTo("INTERNAL_ERROR");
            assertThat(deployment(emulator, after.rollbackInfo().rollbackDeploymentId()).status())
                    .isEqualTo(DeploymentStatus.SUCCEEDED);
            GetAliasResponse alias = alias(emulator, setup[0].function());
            assertThat(alias.functionVersion()).isEqualTo("1");
            assertThat(alias.routingConfig() == null || alias.routingConfig().additionalVersionWeights().isEmpty())
                    .isTrue();
        });
    }

    @Test
    void aDeploymentAKilledEmulatorLeftInProgressFailsWhenItStartsAgain() {
        Setup[] setup = new Setup[1];
        with(emulator -> {
            setup[0] = setUp(emulator);
            try (LambdaClient lambda = Clients.lambda(emulator.endpoint())) {
                lambda.updateAlias(r -> r.functionName(setup[0].function()).name("live").functionVersion("1")
                        .routingConfig(c -> c.additionalVersionWeights(Map.of("2", 0.1))));
            }
        });
        // what a SIGKILL during the canary leaves on disk: the deployment still in progress
        PersistentCollection<Deployment> stored = FileStateStore.open(state).collection("codedeploy.deployments",
                Deployment.class);
        List<LifecycleEvent> events = List.of(new LifecycleEvent("BeforeAllowTraffic", LifecycleEventStatus.SUCCEEDED,
                now, now, null), new LifecycleEvent("AllowTraffic", LifecycleEventStatus.IN_PROGRESS, now, null, null),
                LifecycleEvent.pending("AfterAllowTraffic"));
        stored.put("d-KILLED001", new Deployment("d-KILLED001", setup[0].application(), setup[0].group(),
                "CodeDeployDefault.LambdaCanary10Percent5Minutes", dev.stepsolver.emulator.codedeploy.DeploymentStatus
                        .IN_PROGRESS, "user", null, Revision.appSpecContent(appSpec(setup[0].function())),
                new AppSpec("fn", setup[0].function(), "live", "1", "2", Map.of()), now, now, null, events, null, null,
                new AutoRollbackConfiguration(true, List.of(RollbackEvent.DEPLOYMENT_FAILURE)),
                AlarmConfiguration.none(), TrafficRouting.canary(10, 5), 0.1));

        with(emulator -> {
            DeploymentInfo after = deployment(emulator, "d-KILLED001");
            assertThat(after.status()).isEqualTo(DeploymentStatus.FAILED);
            assertThat(after.errorInformation().message()).contains("cannot resume after a restart");
            assertThat(alias(emulator, setup[0].function()).functionVersion()).isEqualTo("1");
            assertThat(alias(emulator, setup[0].function()).routingConfig() == null || alias(emulator,
                    setup[0].function()).routingConfig().additionalVersionWeights().isEmpty()).isTrue();
            try (CodeDeployClient codeDeploy = Clients.codeDeploy(emulator.endpoint())) {
                String next = codeDeploy.createDeployment(r -> r.applicationName(setup[0].application())
                        .deploymentGroupName(setup[0].group()).revision(v -> v.revisionType("AppSpecContent")
                                .appSpecContent(c -> c.content(appSpec(setup[0].function()))))).deploymentId();
                assertThat(next).isNotEqualTo("d-KILLED001");
            }
        });
    }
}
