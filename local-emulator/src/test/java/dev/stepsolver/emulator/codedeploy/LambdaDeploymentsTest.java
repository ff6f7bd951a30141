package dev.stepsolver.emulator.codedeploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepsolver.emulator.Clients;
import dev.stepsolver.emulator.LocalEmulator;
import dev.stepsolver.emulator.lambda.HandlerImage;
import dev.stepsolver.emulator.lambda.LambdaModule;
import dev.stepsolver.emulator.lambda.LambdaSettings;
import dev.stepsolver.emulator.time.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.AutoRollbackEvent;
import software.amazon.awssdk.services.codedeploy.model.ComputePlatform;
import software.amazon.awssdk.services.codedeploy.model.DeploymentInfo;
import software.amazon.awssdk.services.codedeploy.model.DeploymentLimitExceededException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStatus;
import software.amazon.awssdk.services.codedeploy.model.LambdaTarget;
import software.amazon.awssdk.services.codedeploy.model.TrafficRoutingType;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetAliasResponse;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.waiters.LambdaWaiter;

/**
 * Lambda deployments end to end through the SDK v2 clients: real function processes from the test
 * image, alias weights moved on a manual clock, hooks that call back through the SDK, alarms that
 * stop a canary. One emulator for the class (pushing the image takes a while); each test makes its
 * own application, group and function.
 */
class LambdaDeploymentsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE = "arn:aws:iam::000000000000:role/codedeploy";
    private static final String CANARY = "canary-25-percent-10-minutes";
    private static final AtomicInteger NAMES = new AtomicInteger();

    private static ManualClock clock;
    private static LocalEmulator emulator;
    private static CodeDeployClient codeDeploy;
    private static LambdaClient lambda;
    private static CloudWatchClient cloudWatch;
    private static HandlerImage.Pushed image;

    @TempDir
    static Path scratch;

    private final List<String> functions = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        clock = new ManualClock(Instant.parse("2026-03-01T12:00:00Z"));
        emulator = LocalEmulator.builder().port(0).clock(clock).replaceModule(new LambdaModule(
                LambdaSettings.defaults().withRoutingSeed(11).withConcurrencyLimit(16))).build().start();
        codeDeploy = Clients.codeDeploy(emulator.endpoint());
        lambda = Clients.lambda(emulator.endpoint());
        cloudWatch = Clients.cloudWatch(emulator.endpoint());
        try (EcrClient ecr = Clients.ecr(emulator.endpoint())) {
            ecr.createRepository(r -> r.repositoryName("handler"));
            image = HandlerImage.push(ecr, "handler", "v1", Map.of("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1"),
                    HandlerImage.codeDeploySdkJars(), scratch);
        }
        codeDeploy.createDeploymentConfig(r -> r.deploymentConfigName(CANARY).computePlatform(ComputePlatform.LAMBDA)
                .trafficRoutingConfig(t -> t.type(TrafficRoutingType.TIME_BASED_CANARY)
                        .timeBasedCanary(c -> c.canaryPercentage(25).canaryInterval(10))));
    }

    @AfterAll
    static void stop() {
        codeDeploy.close();
        lambda.close();
        cloudWatch.close();
        emulator.close();
    }

    @AfterEach
    void deleteFunctions() {
        functions.forEach(name -> lambda.deleteFunction(r -> r.functionName(name)));
    }

    // ------------------------------------------------------------------ fixtures

    /** A function with versions 1 and 2 (2 differs by its environment) and alias {@code live} on 1. */
    private record Function(String name) {
    }

    private Function newFunction(Map<String, String> version2Environment) {
        String name = "fn-" + NAMES.incrementAndGet();
        lambda.createFunction(r -> r.functionName(name).packageType("Image").code(c -> c.imageUri(image.uri()))
                .role("arn:aws:iam::000000000000:role/lambda").timeout(30).memorySize(256)
                .environment(e -> e.variables(Map.of("MARKER", "one"))));
        functions.add(name);
        try (LambdaWaiter waiter = LambdaWaiter.builder().client(lambda).build()) {
            waiter.waitUntilFunctionActiveV2(r -> r.functionName(name));
            lambda.publishVersion(r -> r.functionName(name));
            java.util.Map<String, String> second = new java.util.HashMap<>(version2Environment);
            second.put("MARKER", "two");
            lambda.updateFunctionConfiguration(r -> r.functionName(name).environment(e -> e.variables(second)));
            waiter.waitUntilFunctionUpdatedV2(r -> r.functionName(name));
            lambda.publishVersion(r -> r.functionName(name));
        }
        lambda.createAlias(r -> r.functionName(name).name("live").functionVersion("1"));
        return new Function(name);
    }

    /** A hook function: reports {@code status} back to CodeDeploy through the SDK. */
    private String newHook(String status) {
        String name = "hook-" + NAMES.incrementAndGet();
        lambda.createFunction(r -> r.functionName(name).packageType("Image").code(c -> c.imageUri(image.uri()))
                .role("arn:aws:iam::000000000000:role/lambda").timeout(60).memorySize(256)
                .imageConfig(i -> i.command(HandlerImage.HOOK_HANDLER))
                .environment(e -> e.variables(Map.of("HOOK_STATUS", status))));
        functions.add(name);
        try (LambdaWaiter waiter = LambdaWaiter.builder().client(lambda).build()) {
            waiter.waitUntilFunctionActiveV2(r -> r.functionName(name));
        }
        return name;
    }

    private static String newApplication() {
        String name = "app-" + NAMES.incrementAndGet();
        codeDeploy.createApplication(r -> r.applicationName(name).computePlatform(ComputePlatform.LAMBDA));
        return name;
    }

    private static String newGroup(String application, String config, List<String> alarms,
            List<AutoRollbackEvent> rollbackOn) {
        String name = "group-" + NAMES.incrementAndGet();
        codeDeploy.createDeploymentGroup(r -> r.applicationName(application).deploymentGroupName(name)
                .deploymentConfigName(config).serviceRoleArn(ROLE)
                .alarmConfiguration(a -> a.enabled(!alarms.isEmpty()).alarms(alarms.stream()
                        .map(n -> software.amazon.awssdk.services.codedeploy.model.Alarm.builder().name(n).build())
                        .toList()))
                .autoRollbackConfiguration(a -> a.enabled(!rollbackOn.isEmpty()).events(rollbackOn)));
        return name;
    }

    private static String appSpec(Function function, String current, String target, String hooks) {
        return "version: 0.0\nResources:\n  - solver:\n      Type: AWS::Lambda::Function\n      Properties:\n"
                + "        Name: \"" + function.name() + "\"\n        Alias: \"live\"\n"
                + "        CurrentVersion: \"" + current + "\"\n        TargetVersion: \"" + target + "\"\n" + hooks;
    }

    private static String deploy(String application, String group, String appSpec) {
        return codeDeploy.createDeployment(r -> r.applicationName(application).deploymentGroupName(group)
                .revision(v -> v.revisionType("AppSpecContent").appSpecContent(c -> c.content(appSpec))))
                .deploymentId();
    }

    private static DeploymentInfo deployment(String id) {
        return codeDeploy.getDeployment(r -> r.deploymentId(id)).deploymentInfo();
    }

    private static DeploymentInfo awaitStatus(String id, DeploymentStatus status) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> deployment(id), d -> d.status() == status);
    }

    private static LambdaTarget target(String id) {
        String targetId = codeDeploy.listDeploymentTargets(r -> r.deploymentId(id)).targetIds().get(0);
        return codeDeploy.getDeploymentTarget(r -> r.deploymentId(id).targetId(targetId)).deploymentTarget()
                .lambdaTarget();
    }

    private static Map<String, String> events(String id) {
        Map<String, String> events = new java.util.LinkedHashMap<>();
        target(id).lifecycleEvents().forEach(e -> events.put(e.lifecycleEventName(), e.statusAsString()));
        return events;
    }

    private static GetAliasResponse alias(Function function) {
        return lambda.getAlias(r -> r.functionName(function.name()).name("live"));
    }

    private static void awaitTargetWeight(Function function, double weight) {
        await().atMost(Duration.ofSeconds(60)).until(() -> alias(function), a -> a.routingConfig() != null
                && Double.valueOf(weight).equals(a.routingConfig().additionalVersionWeights().get("2")));
    }

    /** Which versions ran {@code count} invocations of the alias. */
    private static List<String> invokeAlias(Function function, int count) throws Exception {
        List<String> versions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            InvokeResponse response = lambda.invoke(r -> r.functionName(function.name()).qualifier("live")
                    .payload(SdkBytes.fromUtf8String("{}")));
            versions.add(response.executedVersion());
            if (response.functionError() == null) {
                assertThat(JSON.readTree(response.payload().asByteArray()).path("version").asText())
                        .isEqualTo(response.executedVersion());
            }
        }
        return versions;
    }

    // ------------------------------------------------------------------ traffic shifting

    @Test
    void aCanaryGivesTheTargetAQuarterOfTheTrafficForTenMinutesThenAll() throws Exception {
        Function function = newFunction(Map.of());
        String application = newApplication();
        String group = newGroup(application, CANARY, List.of(), List.of());

        String id = deploy(application, group, appSpec(function, "1", "2", ""));

        awaitTargetWeight(function, 0.25);
        GetAliasResponse during = alias(function);
        assertThat(during.functionVersion()).isEqualTo("1");
        assertThat(deployment(id).status()).isEqualTo(DeploymentStatus.IN_PROGRESS);
        assertThat(events(id)).containsEntry("BeforeAllowTraffic", "Succeeded").containsEntry("AllowTraffic",
                "InProgress").containsEntry("AfterAllowTraffic", "Pending");
        assertThat(target(id).lambdaFunctionInfo().targetVersionWeight()).isEqualTo(0.25);
        List<String> canaryRuns = invokeAlias(function, 40);
        assertThat(canaryRuns).contains("1", "2");
        assertThat(canaryRuns.stream().filter("2"::equals).count()).isBetween(3L, 20L);

        clock.advance(Duration.ofMinutes(9).plusSeconds(59));
        assertThat(alias(function).routingConfig().additionalVersionWeights()).containsEntry("2", 0.25);
        assertThat(deployment(id).status()).isEqualTo(DeploymentStatus.IN_PROGRESS);

        clock.advance(Duration.ofSeconds(1));
        DeploymentInfo done = awaitStatus(id, DeploymentStatus.SUCCEEDED);
        GetAliasResponse after = alias(function);
        assertThat(after.functionVersion()).isEqualTo("2");
        assertThat(after.routingConfig() == null || after.routingConfig().additionalVersionWeights().isEmpty())
                .isTrue();
        assertThat(invokeAlias(function, 5)).containsOnly("2");
        assertThat(events(id)).containsExactly(Map.entry("BeforeAllowTraffic", "Succeeded"),
                Map.entry("AllowTraffic", "Succeeded"), Map.entry("AfterAllowTraffic", "Succeeded"));
        assertThat(Duration.between(done.startTime(), done.completeTime())).isEqualTo(Duration.ofMinutes(10));
        assertThat(done.deploymentOverview().succeeded()).isEqualTo(1L);
        assertThat(target(id).lambdaFunctionInfo().targetVersionWeight()).isEqualTo(1.0);
    }

    @Test
    void aLinearDeploymentAddsTenPercentEveryMinute() {
        Function function = newFunction(Map.of());
        String application = newApplication();
        String group = newGroup(application, "CodeDeployDefault.LambdaLinear10PercentEvery1Minute", List.of(),
                List.of());

        String id = deploy(application, group, appSpec(function, "1", "2", ""));

        for (int step = 1; step <= 9; step++) {
            awaitTargetWeight(function, step / 10.0);
            assertThat(deployment(id).status()).isEqualTo(DeploymentStatus.IN_PROGRESS);
            clock.advance(Duration.ofMinutes(1));
        }
        awaitStatus(id, DeploymentStatus.SUCCEEDED);
        assertThat(alias(function).functionVersion()).isEqualTo("2");
    }

    @Test
    void allAtOnceMovesTheAliasAtOnce() throws Exception {
        Function function = newFunction(Map.of());
        String application = newApplication();
        String group = newGroup(application, "CodeDeployDefault.LambdaAllAtOnce", List.of(), List.of());

        String id = deploy(application, group, appSpec(function, "1", "2", ""));

        DeploymentInfo done = awaitStatus(id, DeploymentStatus.SUCCEEDED);
        assertThat(done.creatorAsString()).isEqualTo("user");
        assertThat(done.computePlatformAsString()).isEqualTo("Lambda");
        assertThat(alias(function).functionVersion()).isEqualTo("2");
        assertThat(invokeAlias(function, 3)).containsOnly("2");
        assertThat(codeDeploy.getDeploymentGroup(r -> r.applicationName(application).deploymentGroupName(group))
                .deploymentGroupInfo().lastSuccessfulDeployment().deploymentId()).isEqualTo(id);
    }

    @Test
    void theSameVersionAllAtOnceSucceedsWithoutMovingAnything() {
        Function function = newFunction(Map.of());
        String application = newApplication();
        String group = newGroup(application, "CodeDeployDefault.LambdaAllAtOnce", List.of(), List.of());

        String id = deploy(application, group, appSpec(function, "1", "1", ""));

        awaitStatus(id, DeploymentStatus.SUCCEEDED);
        assertThat(alias(function).functionVersion()).isEqualTo("1");
    }

    @Test
    void theSameVersionByCanaryFailsAsAnInvalidLambdaConfiguration() {
        Function function = newFunction(Map.of());
        String application = newApplication();
        String group = newGroup(application, CANARY, List.of(), List.of());

        String id = deploy(application, group, appSpec(function, "1", "1", ""));

        DeploymentInfo failed = awaitStatus(id, DeploymentStatus.FAILED);
        assertThat(failed.errorInformation().codeAsString()).isEqualTo("INVALID_LAMBDA_CONFIGURATION");
        assertThat(failed.errorInformation().message()).isEqualTo("The deployment failed because the AppSpec file"
                + " that specifies the AWS Lambda deployment configuration is missing or has an invalid configuration.");
    }

    @Test
    void aGroupRunsOneDeploymentAtATime() {
        Function function = newFunction(Map.of());
        String application = newApplication();
        String group = newGroup(application, CANARY, List.of(), List.of());
        String first = deploy(application, group, appSpec(function, "1", "2", ""));
        awaitTargetWeight(function, 0.25);

        assertThatThrownBy(() -> deploy(application, group, appSpec(function, "1", "2", "")))
                .isInstanceOf(DeploymentLimitExceededException.class)
                .hasMessageStartingWith("The Deployment Group '" + group + "' already has an active Deployment '"
                        + first + "'");

        codeDeploy.stopDeployment(r -> r.deploymentId(first).autoRollbackEnabled(true));
        String second = deploy(application, group, appSpec(function, "1", "2", ""));
        awaitTargetWeight(function, 0.25);
        codeDeploy.stopDeployment(r -> r.deploymentId(second).autoRollbackEnabled(true));
    }

    // ------------------------------------------------------------------ alarms and rollback

    @Test
    void anAlarmDuringTheCanaryStopsItAndTheAliasReturnsToTheOriginalVersion() {
        Function function = newFunction(Map.of());
        String application = newApplication();
        String alarm = "errors-" + function.name();
        cloudWatch.putMetricAlarm(r -> r.alarmName(alarm).namespace("AWS/Lambda").metricName("Errors")
                .dimensions(Dimension.builder().name("FunctionName").value(function.name()).build(),
                        Dimension.builder().name("Resource").value(function.name() + ":live").build())
                .statistic("Sum").period(60).evaluationPeriods(1).threshold(1.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData("notBreaching"));
        String group = newGroup(application, CANARY, List.of(alarm), List.of(AutoRollbackEvent.DEPLOYMENT_FAILURE,
                AutoRollbackEvent.DEPLOYMENT_STOP_ON_ALARM));
        String id = deploy(application, group, appSpec(function, "1", "2", ""));
        awaitTargetWeight(function, 0.25);

        cloudWatch.setAlarmState(r -> r.alarmName(alarm).stateValue("ALARM").stateReason("forced by the test"));

        DeploymentInfo stopped = awaitStatus(id, DeploymentStatus.STOPPED);
        assertThat(stopped.errorInformation().codeAsString()).isEqualTo("ALARM_ACTIVE");
        assertThat(stopped.errorInformation().message()).isEqualTo("One or more alarms have been activated according"
                + " to the Amazon CloudWatch metrics you selected, and the affected deployments have been stopped."
                + " Activated alarms: <" + alarm + ">");
        GetAliasResponse after = alias(function);
        assertThat(after.functionVersion()).isEqualTo("1");
        assertThat(after.routingConfig() == null || after.routingConfig().additionalVersionWeights().isEmpty())
                .isTrue();
        assertThat(events(id)).containsExactly(Map.entry("BeforeAllowTraffic", "Succeeded"),
                Map.entry("AllowTraffic", "Failed"), Map.entry("AfterAllowTraffic", "Skipped"));
        String rollbackId = stopped.rollbackInfo().rollbackDeploymentId();
        assertThat(stopped.rollbackInfo().rollbackMessage()).isEqualTo("Deployment " + id + " terminated. Automatic"
                + " rollback is triggered with a DeploymentId " + rollbackId + ".");
        DeploymentInfo rollback = deployment(rollbackId);
        assertThat(rollback.status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(rollback.creatorAsString()).isEqualTo("codeDeployRollback");
        assertThat(rollback.rollbackInfo().rollbackTriggeringDeploymentId()).isEqualTo(id);
        assertThat(rollback.rollbackInfo().rollbackMessage()).isEqualTo("Deployment " + rollbackId
                + " is triggered to roll back deployment " + id + ".");
        assertThat(target(rollbackId).lambdaFunctionInfo().targetVersion()).isEqualTo("1");
        clock.advance(Duration.ofMinutes(11));
        assertThat(alias(function).functionVersion()).isEqualTo("1");
    }

    @Test
    void errorsOfTheNewVersionRaiseTheErrorRateAlarmAndRollTheCanaryBack() throws Exception {
        Function function = newFunction(Map.of("FAIL_EVERY_INVOCATION", "true"));
        String application = newApplication();
        String alarm = "error-rate-" + function.name();
        List<Dimension> dimensions = List.of(Dimension.builder().name("FunctionName").value(function.name()).build(),
                Dimension.builder().name("Resource").value(function.name() + ":live").build());
        cloudWatch.putMetricAlarm(r -> r.alarmName(alarm).comparisonOperator(
                ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD).threshold(1.0).evaluationPeriods(1)
                .datapointsToAlarm(1).treatMissingData("notBreaching").metrics(
                        MetricDataQuery.builder().id("errors").returnData(false).metricStat(s -> s.period(60)
                                .stat("Sum").metric(m -> m.namespace("AWS/Lambda").metricName("Errors")
                                        .dimensions(dimensions))).build(),
                        MetricDataQuery.builder().id("invocations").returnData(false).metricStat(s -> s.period(60)
                                .stat("Sum").metric(m -> m.namespace("AWS/Lambda").metricName("Invocations")
                                        .dimensions(dimensions))).build(),
                        MetricDataQuery.builder().id("errorRate").expression("100 * errors / invocations")
                                .returnData(true).build()));
        String group = newGroup(application, CANARY, List.of(alarm), List.of(AutoRollbackEvent.DEPLOYMENT_FAILURE,
                AutoRollbackEvent.DEPLOYMENT_STOP_ON_ALARM, AutoRollbackEvent.DEPLOYMENT_STOP_ON_REQUEST));
        String id = deploy(application, group, appSpec(function, "1", "2", ""));
        awaitTargetWeight(function, 0.25);

        List<String> runs = invokeAlias(function, 30);
        assertThat(runs).contains("2");
        clock.advance(Duration.ofSeconds(70));

        DeploymentInfo stopped = awaitStatus(id, DeploymentStatus.STOPPED);
        assertThat(stopped.errorInformation().message()).endsWith("Activated alarms: <" + alarm + ">");
        assertThat(alias(function).functionVersion()).isEqualTo("1");
        assertThat(invokeAlias(function, 5)).containsOnly("1");
    }

    @Test
    void stopDeploymentWithRollbackReturnsTheAlias() {
        Function function = newFunction(Map.of());
        String application = newApplication();
        String group = newGroup(application, CANARY, List.of(), List.of());
        String id = deploy(application, group, appSpec(function, "1", "2", ""));
        awaitTargetWeight(function, 0.25);

        codeDeploy.stopDeployment(r -> r.deploymentId(id).autoRollbackEnabled(true));

        DeploymentInfo stopped = deployment(id);
        assertThat(stopped.status()).isEqualTo(DeploymentStatus.STOPPED);
        assertThat(stopped.errorInformation().codeAsString()).isEqualTo("MANUAL_STOP");
        assertThat(stopped.rollbackInfo().rollbackDeploymentId()).isNotNull();
        assertThat(alias(function).functionVersion()).isEqualTo("1");
        assertThat(alias(function).routingConfig() == null
                || alias(function).routingConfig().additionalVersionWeights().isEmpty()).isTrue();
    }

    @Test
    void stopDeploymentWithoutRollbackLeavesTheTrafficWhereItIs() {
        Function function = newFunction(Map.of());
        String application = newApplication();
        String group = newGroup(application, CANARY, List.of(), List.of(AutoRollbackEvent.DEPLOYMENT_FAILURE));
        String id = deploy(application, group, appSpec(function, "1", "2", ""));
        awaitTargetWeight(function, 0.25);

        codeDeploy.stopDeployment(r -> r.deploymentId(id));

        DeploymentInfo stopped = deployment(id);
        assertThat(stopped.status()).isEqualTo(DeploymentStatus.STOPPED);
        assertThat(stopped.rollbackInfo()).isNull();
        clock.advance(Duration.ofMinutes(11));
        GetAliasResponse after = alias(function);
        assertThat(after.functionVersion()).isEqualTo("1");
        assertThat(after.routingConfig().additionalVersionWeights()).containsEntry("2", 0.25);
    }

    // ------------------------------------------------------------------ hooks

    @Test
    void hooksThatReportSuccessLetTheDeploymentThrough() {
        Function function = newFunction(Map.of());
        String before = newHook("Succeeded");
        String after = newHook("Succeeded");
        String application = newApplication();
        String group = newGroup(application, "CodeDeployDefault.LambdaAllAtOnce", List.of(), List.of());

        String id = deploy(application, group, appSpec(function, "1", "2", "Hooks:\n  - BeforeAllowTraffic: \""
                + before + "\"\n  - AfterAllowTraffic: \"" + after + "\"\n"));

        await().atMost(Duration.ofSeconds(120)).until(() -> deployment(id).status(),
                s -> s == DeploymentStatus.SUCCEEDED);
        assertThat(events(id)).containsExactly(Map.entry("BeforeAllowTraffic", "Succeeded"),
                Map.entry("AllowTraffic", "Succeeded"), Map.entry("AfterAllowTraffic", "Succeeded"));
        assertThat(alias(function).functionVersion()).isEqualTo("2");
    }

    @Test
    void aHookThatReportsFailureFailsTheDeploymentBeforeAnyTrafficMoves() {
        Function function = newFunction(Map.of());
        String before = newHook("Failed");
        String application = newApplication();
        String group = newGroup(application, CANARY, List.of(), List.of(AutoRollbackEvent.DEPLOYMENT_FAILURE));

        String id = deploy(application, group, appSpec(function, "1", "2", "Hooks:\n  - BeforeAllowTraffic: "
                + before + "\n"));

        DeploymentInfo failed = await().atMost(Duration.ofSeconds(120)).until(() -> deployment(id),
                d -> d.status() == DeploymentStatus.FAILED);
        assertThat(failed.errorInformation().codeAsString()).isEqualTo("HOOK_EXECUTION_FAILURE");
        assertThat(failed.errorInformation().message()).contains("BeforeAllowTraffic", before)
                .endsWith("reported that it Failed.");
        assertThat(events(id)).containsExactly(Map.entry("BeforeAllowTraffic", "Failed"),
                Map.entry("AllowTraffic", "Skipped"), Map.entry("AfterAllowTraffic", "Skipped"));
        assertThat(alias(function).functionVersion()).isEqualTo("1");
        assertThat(alias(function).routingConfig() == null
                || alias(function).routingConfig().additionalVersionWeights().isEmpty()).isTrue();
        assertThat(deployment(failed.rollbackInfo().rollbackDeploymentId()).status())
                .isEqualTo(DeploymentStatus.SUCCEEDED);
    }

    @Test
    void aHookThatNeverReportsFailsTheDeploymentAfterAnHour() {
        Function function = newFunction(Map.of());
        String application = newApplication();
        String group = newGroup(application, "CodeDeployDefault.LambdaAllAtOnce", List.of(), List.of());
        // the echoing test handler never calls back
        String id = deploy(application, group, appSpec(function, "1", "2", "Hooks:\n  - BeforeAllowTraffic: "
                + function.name() + ":1\n"));
        await().atMost(Duration.ofSeconds(60)).until(() -> events(id).get("BeforeAllowTraffic"),
                "InProgress"::equals);

        clock.advance(Duration.ofMinutes(59));
        assertThat(deployment(id).status()).isEqualTo(DeploymentStatus.IN_PROGRESS);
        clock.advance(Duration.ofMinutes(1));

        DeploymentInfo failed = awaitStatus(id, DeploymentStatus.FAILED);
        assertThat(failed.errorInformation().codeAsString()).isEqualTo("HOOK_EXECUTION_FAILURE");
        assertThat(failed.errorInformation().message()).contains("within 60 minutes");
        assertThat(alias(function).functionVersion()).isEqualTo("1");
    }

    @Test
    void aStatusForAnUnknownHookExecutionIsRefused() {
        Function function = newFunction(Map.of());
        String application = newApplication();
        String group = newGroup(application, "CodeDeployDefault.LambdaAllAtOnce", List.of(), List.of());
        String id = deploy(application, group, appSpec(function, "1", "2", "Hooks:\n  - BeforeAllowTraffic: "
                + function.name() + ":1\n"));
        await().atMost(Duration.ofSeconds(60)).until(() -> events(id).get("BeforeAllowTraffic"),
                "InProgress"::equals);
        codeDeploy.stopDeployment(r -> r.deploymentId(id));

        assertThatThrownBy(() -> codeDeploy.putLifecycleEventHookExecutionStatus(r -> r.deploymentId(id)
                .lifecycleEventHookExecutionId("unknown").status("Succeeded")))
                .isInstanceOf(software.amazon.awssdk.services.codedeploy.model
                        .InvalidLifecycleEventHookExecutionIdException.class);
    }

    // ------------------------------------------------------------------ in-process API

    @Test
    void theInProcessApiReportsEachWeightAndTheOutcome() throws Exception {
        Function function = newFunction(Map.of());
        String application = newApplication();
        String group = newGroup(application, CANARY, List.of(), List.of());
        CodeDeployBackend backend = emulator.context().backend(CodeDeployBackend.class);
        List<Double> weights = new CopyOnWriteArrayList<>();
        Set<String> ids = java.util.Collections.synchronizedSet(new HashSet<>());

        Deployment created;
        try (CodeDeployBackend.Registration registration = backend.addListener(d -> {
            if (ids.contains(d.id())) {
                d.traffic().ifPresent(t -> {
                    if (weights.isEmpty() || weights.get(weights.size() - 1) != t.targetWeight()) {
                        weights.add(t.targetWeight());
                    }
                });
            }
        })) {
            synchronized (ids) {
                created = backend.createDeployment(DeploymentRequest.of(application, group,
                        appSpec(function, "1", "2", "")));
                ids.add(created.id());
            }
            CompletableFuture<Deployment> completion = backend.completion(created.id());
            await().atMost(Duration.ofSeconds(60)).until(() -> backend.deployment(created.id()).orElseThrow()
                    .traffic().map(TrafficSplit::targetWeight).orElse(0.0) == 0.25);
            assertThat(completion).isNotDone();

            clock.advance(Duration.ofMinutes(10));

            Deployment done = completion.get(60, TimeUnit.SECONDS);
            assertThat(done.status()).isEqualTo(dev.stepsolver.emulator.codedeploy.DeploymentStatus.SUCCEEDED);
            await().atMost(Duration.ofSeconds(10)).until(() -> weights.contains(1.0));
        }
        assertThat(weights).containsSubsequence(0.25, 1.0);
    }
}
