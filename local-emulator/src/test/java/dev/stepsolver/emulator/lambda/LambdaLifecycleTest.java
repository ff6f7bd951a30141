package dev.stepsolver.emulator.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepsolver.emulator.Clients;
import dev.stepsolver.emulator.LocalEmulator;
import dev.stepsolver.emulator.time.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LastUpdateStatus;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;
import software.amazon.awssdk.services.lambda.waiters.LambdaWaiter;

/** Instances over time: reaping on the emulator clock, the emulator-wide limit, code updates, stopping. */
class LambdaLifecycleTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T12:00:00Z"));
    private LocalEmulator emulator;
    private EcrClient ecr;
    private LambdaClient lambda;

    @TempDir
    Path scratch;

    private HandlerImage.Pushed start(LambdaSettings settings, Map<String, String> imageEnvironment) throws Exception {
        restart(settings, java.util.Optional.empty());
        ecr.createRepository(r -> r.repositoryName("handler"));
        return HandlerImage.push(ecr, "handler", "v1", imageEnvironment, List.of(), scratch);
    }

    private void restart(LambdaSettings settings, java.util.Optional<Path> stateDirectory) {
        LocalEmulator.Builder builder = LocalEmulator.builder().port(0).clock(clock)
                .replaceModule(new LambdaModule(settings));
        stateDirectory.ifPresent(builder::stateDirectory);
        emulator = builder.build().start();
        ecr = Clients.ecr(emulator.endpoint());
        lambda = Clients.lambda(emulator.endpoint());
    }

    @AfterEach
    void stop() {
        if (emulator != null) {
            lambda.close();
            ecr.close();
            emulator.close();
        }
    }

    private void create(String name, String imageUri) {
        lambda.createFunction(r -> r.functionName(name).packageType("Image").code(c -> c.imageUri(imageUri))
                .role("arn:aws:iam::000000000000:role/lambda").timeout(30));
        try (LambdaWaiter waiter = LambdaWaiter.builder().client(lambda).build()) {
            waiter.waitUntilFunctionActiveV2(r -> r.functionName(name));
        }
    }

    private InvokeResponse invoke(String name, String payload) {
        return lambda.invoke(r -> r.functionName(name).payload(SdkBytes.fromUtf8String(payload)));
    }

    private long pid(InvokeResponse response) throws Exception {
        return JSON.readTree(response.payload().asByteArray()).path("pid").asLong();
    }

    private List<ProcessHandle> processes() {
        return emulator.context().backend(LambdaBackend.class).processes();
    }

    @Test
    void anIdleInstanceIsReapedOnTheEmulatorClock() throws Exception {
        HandlerImage.Pushed image = start(LambdaSettings.defaults().withIdleTimeout(Duration.ofMinutes(10)), Map.of());
        create("reaped", image.uri());
        invoke("reaped", "{}");
        long warm = pid(invoke("reaped", "{}"));

        clock.advance(Duration.ofMinutes(11));

        await().atMost(Duration.ofSeconds(20)).until(() -> ProcessHandle.of(warm).map(p -> !p.isAlive()).orElse(true));
        assertThat(pid(invoke("reaped", "{}"))).isNotEqualTo(warm);
    }

    @Test
    void invocationsOverTheEmulatorWideLimitAreThrottled() throws Exception {
        HandlerImage.Pushed image = start(LambdaSettings.defaults().withConcurrencyLimit(1), Map.of());
        create("first", image.uri());
        create("second", image.uri());
        Path started = scratch.resolve("started");
        Path release = scratch.resolve("release");
        CompletableFuture<InvokeResponse> holding = CompletableFuture.supplyAsync(() -> invoke("first",
                "{\"action\":\"hold\",\"startedFile\":\"" + started + "\",\"releaseFile\":\"" + release + "\"}"));
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(started));

        assertThatThrownBy(() -> invoke("second", "{}"))
                .isInstanceOfSatisfying(TooManyRequestsException.class, e ->
                        assertThat(e.reasonAsString()).isEqualTo("ConcurrentInvocationLimitExceeded"));
        Files.writeString(release, "go");
        assertThat(holding.get().functionError()).isNull();
    }

    @Test
    void updateFunctionCodeRunsTheNewImageOnceTheUpdateIsSuccessful() throws Exception {
        HandlerImage.Pushed first = start(LambdaSettings.defaults(), Map.of("MARKER", "image-one"));
        create("updated", first.uri());
        assertThat(JSON.readTree(invoke("updated", "{}").payload().asByteArray()).path("marker").asText())
                .isEqualTo("image-one");
        HandlerImage.Pushed second = HandlerImage.push(ecr, "handler", "v2", Map.of("MARKER", "image-two"), List.of(),
                scratch);

        LastUpdateStatus status = lambda.updateFunctionCode(r -> r.functionName("updated").imageUri(second.uri()))
                .lastUpdateStatus();
        try (LambdaWaiter waiter = LambdaWaiter.builder().client(lambda).build()) {
            waiter.waitUntilFunctionUpdatedV2(r -> r.functionName("updated"));
        }

        assertThat(status).isEqualTo(LastUpdateStatus.IN_PROGRESS);
        assertThat(JSON.readTree(invoke("updated", "{}").payload().asByteArray()).path("marker").asText())
                .isEqualTo("image-two");
    }

    @Test
    void everyFunctionProcessStopsWithTheEmulator() throws Exception {
        HandlerImage.Pushed image = start(LambdaSettings.defaults(), Map.of());
        create("one", image.uri());
        create("two", image.uri());
        invoke("one", "{}");
        invoke("two", "{}");
        invoke("one", "{}");
        List<ProcessHandle> running = processes();
        assertThat(running).isNotEmpty();

        emulator.close();
        emulator = null;
        lambda.close();
        ecr.close();

        await().atMost(Duration.ofSeconds(20)).until(() -> running.stream().noneMatch(ProcessHandle::isAlive));
        assertThat(ProcessHandle.current().descendants().filter(p -> p.info().command().orElse("").endsWith("java"))
                .filter(ProcessHandle::isAlive).toList()).isEmpty();
    }

    @Test
    void functionsVersionsAndAliasesSurviveARestartWithAStateDirectory() throws Exception {
        Path state = scratch.resolve("state");
        restart(LambdaSettings.defaults(), java.util.Optional.of(state));
        ecr.createRepository(r -> r.repositoryName("handler"));
        HandlerImage.Pushed image = HandlerImage.push(ecr, "handler", "v1", Map.of(), List.of(), scratch);
        create("kept", image.uri());
        String v1 = lambda.publishVersion(r -> r.functionName("kept")).version();
        lambda.createAlias(r -> r.functionName("kept").name("prod").functionVersion(v1));
        stop();

        restart(LambdaSettings.defaults(), java.util.Optional.of(state));
        InvokeResponse response = lambda.invoke(r -> r.functionName("kept").qualifier("prod")
                .payload(SdkBytes.fromUtf8String("{}")));

        assertThat(response.functionError()).isNull();
        assertThat(response.executedVersion()).isEqualTo(v1);
    }

    @Test
    void anErrorRateAlarmOnAnAliasGoesToAlarmFromLambdaMetrics() throws Exception {
        HandlerImage.Pushed image = start(LambdaSettings.defaults(), Map.of());
        create("watched", image.uri());
        String v1 = lambda.publishVersion(r -> r.functionName("watched")).version();
        lambda.createAlias(r -> r.functionName("watched").name("prod").functionVersion(v1));
        try (var cloudWatch = Clients.cloudWatch(emulator.endpoint())) {
            cloudWatch.putMetricAlarm(r -> r.alarmName("watched-errors").comparisonOperator("GreaterThanThreshold")
                    .threshold(20.0).evaluationPeriods(1).datapointsToAlarm(1).treatMissingData("notBreaching")
                    .metrics(metric("errors", "Errors"), metric("invocations", "Invocations"),
                            software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery.builder().id("rate")
                                    .expression("100 * errors / invocations").returnData(true).build()));
            for (String payload : List.of("{}", "{\"action\":\"fail\"}", "{}", "{\"action\":\"fail\"}")) {
                lambda.invoke(r -> r.functionName("watched").qualifier("prod").payload(SdkBytes.fromUtf8String(payload)));
            }

            // past the end of the minute the invocations fell in: that period is evaluated
            clock.advance(Duration.ofSeconds(70));

            assertThat(cloudWatch.describeAlarms(r -> r.alarmNames("watched-errors")).metricAlarms().get(0)
                    .stateValueAsString()).isEqualTo("ALARM");
        }
    }

    private static software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery metric(String id, String name) {
        return software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery.builder().id(id).returnData(false)
                .metricStat(s -> s.period(60).stat("Sum").metric(m -> m.namespace("AWS/Lambda").metricName(name)
                        .dimensions(d -> d.name("FunctionName").value("watched"),
                                d -> d.name("Resource").value("watched:prod"))))
                .build();
    }
}
