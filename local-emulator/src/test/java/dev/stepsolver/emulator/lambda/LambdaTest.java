package dev.stepsolver.emulator.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepsolver.emulator.Clients;
import dev.stepsolver.emulator.LocalEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.State;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;
import software.amazon.awssdk.services.lambda.waiters.LambdaWaiter;

/**
 * Container-image functions through the SDK v2 Lambda client: a test handler image pushed with Jib,
 * run as real processes by the Runtime Interface Client. One emulator for the class (pushing the
 * image takes a while); each test makes its own function.
 */
class LambdaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger NAMES = new AtomicInteger();

    private static LocalEmulator emulator;
    private static EcrClient ecr;
    private static LambdaClient lambda;
    private static HandlerImage.Pushed image;

    @TempDir
    static Path scratch;

    @BeforeAll
    static void start() throws Exception {
        emulator = LocalEmulator.builder().port(0).replaceModule(new LambdaModule(LambdaSettings.defaults()
                .withRoutingSeed(7))).build().start();
        ecr = Clients.ecr(emulator.endpoint());
        lambda = Clients.lambda(emulator.endpoint());
        ecr.createRepository(r -> r.repositoryName("handler"));
        image = HandlerImage.push(ecr, "handler", "v1", Map.of("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1"),
                List.of(), scratch);
    }

    @AfterAll
    static void stop() {
        lambda.close();
        ecr.close();
        emulator.close();
    }

    private static String newFunction(int timeoutSeconds, Map<String, String> variables) {
        String name = "fn-" + NAMES.incrementAndGet();
        lambda.createFunction(r -> r.functionName(name).packageType("Image").code(c -> c.imageUri(image.uri()))
                .role("arn:aws:iam::000000000000:role/lambda").timeout(timeoutSeconds).memorySize(256)
                .environment(e -> e.variables(variables)));
        try (LambdaWaiter waiter = LambdaWaiter.builder().client(lambda).build()) {
            waiter.waitUntilFunctionActiveV2(r -> r.functionName(name));
        }
        return name;
    }

    private static InvokeResponse invoke(String function, String qualifier, String payload) {
        return lambda.invoke(r -> r.functionName(function).qualifier(qualifier).payload(SdkBytes.fromUtf8String(payload)));
    }

    private static JsonNode json(InvokeResponse response) throws Exception {
        return JSON.readTree(response.payload().asByteArray());
    }

    @Test
    void createFunctionStartsPendingAndBecomesActiveWithTheImagePinnedToItsDigest() {
        String name = "created-" + NAMES.incrementAndGet();
        CreateFunctionResponse created = lambda.createFunction(r -> r.functionName(name).packageType("Image")
                .code(c -> c.imageUri(image.uri())).role("arn:aws:iam::000000000000:role/lambda"));

        assertThat(created.state()).isEqualTo(State.PENDING);
        try (LambdaWaiter waiter = LambdaWaiter.builder().client(lambda).build()) {
            waiter.waitUntilFunctionActiveV2(r -> r.functionName(name));
        }
        GetFunctionResponse function = lambda.getFunction(r -> r.functionName(name));
        assertThat(function.configuration().state()).isEqualTo(State.ACTIVE);
        assertThat(function.code().resolvedImageUri()).endsWith("/handler@" + image.digest());
        assertThat(function.configuration().codeSha256()).isEqualTo(image.digest().substring("sha256:".length()));
    }

    @Test
    void invokeRunsTheHandlerInAProcessWithTheLambdaEnvironment() throws Exception {
        String name = newFunction(30, Map.of("MARKER", "from-function"));

        InvokeResponse response = invoke(name, null, "{\"action\":\"echo\",\"n\":1}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.functionError()).isNull();
        assertThat(response.executedVersion()).isEqualTo("$LATEST");
        JsonNode out = json(response);
        assertThat(out.path("function").asText()).isEqualTo(name);
        assertThat(out.path("version").asText()).isEqualTo("$LATEST");
        assertThat(out.path("greeting").asText()).isEqualTo("hello from lib");
        assertThat(out.path("marker").asText()).isEqualTo("from-function");
        assertThat(out.path("javaToolOptions").asText()).isEqualTo("-XX:TieredStopAtLevel=1");
        assertThat(out.path("handler").asText()).isEqualTo(HandlerImage.HANDLER);
        assertThat(out.path("memory").asInt()).isEqualTo(256);
        assertThat(out.path("input").path("n").asInt()).isEqualTo(1);
        assertThat(out.path("pid").asLong()).isNotEqualTo(ProcessHandle.current().pid());
    }

    @Test
    void aWarmInstanceServesTheNextInvocation() throws Exception {
        String name = newFunction(30, Map.of());

        long first = json(invoke(name, null, "{}")).path("pid").asLong();
        long second = json(invoke(name, null, "{}")).path("pid").asLong();
        long third = json(invoke(name, null, "{}")).path("pid").asLong();

        // the image's first process retires after its first invocation to write its class-data archive;
        // the one after it stays warm
        assertThat(third).isEqualTo(second);
        assertThat(first).isPositive();
    }

    @Test
    void aHandlerExceptionIsAFunctionErrorWithTheErrorDocument() throws Exception {
        String name = newFunction(30, Map.of());

        InvokeResponse response = invoke(name, null, "{\"action\":\"fail\",\"message\":\"bad input\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.functionError()).isEqualTo("Unhandled");
        assertThat(json(response).path("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(json(response).path("errorMessage").asText()).isEqualTo("boom: bad input");
    }

    @Test
    void anInvocationOverItsTimeoutEndsWithTheTimeoutErrorAndItsProcessTreeIsKilled() throws Exception {
        String name = newFunction(1, Map.of());
        Path pidFile = scratch.resolve(name + ".pid");

        InvokeResponse response = invoke(name, null, "{\"action\":\"hang\",\"childPidFile\":\"" + pidFile + "\"}");

        assertThat(response.functionError()).isEqualTo("Unhandled");
        assertThat(json(response).path("errorMessage").asText()).endsWith("Task timed out after 1.00 seconds");
        long child = Long.parseLong(Files.readString(pidFile));
        await().atMost(Duration.ofSeconds(20)).until(() -> ProcessHandle.of(child).map(p -> !p.isAlive()).orElse(true));
    }

    @Test
    void anInstanceThatCrashesIsReplacedOnTheNextInvocation() throws Exception {
        String name = newFunction(30, Map.of());
        long before = json(invoke(name, null, "{}")).path("pid").asLong();

        InvokeResponse crashed = invoke(name, null, "{\"action\":\"exit\"}");
        InvokeResponse after = invoke(name, null, "{}");

        assertThat(crashed.functionError()).isEqualTo("Unhandled");
        assertThat(json(crashed).path("errorType").asText()).isEqualTo("Runtime.ExitError");
        assertThat(json(crashed).path("errorMessage").asText()).contains("exit status 3");
        assertThat(after.functionError()).isNull();
        assertThat(json(after).path("pid").asLong()).isNotEqualTo(before);
    }

    @Test
    void anAliasSplitsInvocationsByItsRoutingWeights() throws Exception {
        String name = newFunction(30, Map.of("MARKER", "one"));
        String v1 = lambda.publishVersion(r -> r.functionName(name)).version();
        lambda.updateFunctionConfiguration(r -> r.functionName(name).environment(e -> e.variables(Map.of("MARKER",
                "two"))));
        try (LambdaWaiter waiter = LambdaWaiter.builder().client(lambda).build()) {
            waiter.waitUntilFunctionUpdatedV2(r -> r.functionName(name));
        }
        String v2 = lambda.publishVersion(r -> r.functionName(name)).version();
        lambda.createAlias(r -> r.functionName(name).name("prod").functionVersion(v1)
                .routingConfig(c -> c.additionalVersionWeights(Map.of(v2, 0.25))));

        int toSecond = 0;
        for (int i = 0; i < 400; i++) {
            InvokeResponse response = invoke(name, "prod", "{}");
            JsonNode out = json(response);
            assertThat(out.path("version").asText()).isEqualTo(response.executedVersion());
            assertThat(out.path("marker").asText()).isEqualTo(response.executedVersion().equals(v2) ? "two" : "one");
            toSecond += response.executedVersion().equals(v2) ? 1 : 0;
        }

        // 400 draws at 25 %: mean 100, standard deviation 8.66; 4 standard deviations either side
        assertThat(toSecond).isBetween(66, 134);
    }

    @Test
    void invocationsOverTheReservedConcurrencyAreThrottled() throws Exception {
        String name = newFunction(30, Map.of());
        lambda.putFunctionConcurrency(r -> r.functionName(name).reservedConcurrentExecutions(1));
        Path started = scratch.resolve(name + ".started");
        Path release = scratch.resolve(name + ".release");
        CompletableFuture<InvokeResponse> holding = CompletableFuture.supplyAsync(() -> invoke(name, null,
                "{\"action\":\"hold\",\"startedFile\":\"" + started + "\",\"releaseFile\":\"" + release + "\"}"));
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(started));

        assertThatThrownBy(() -> invoke(name, null, "{}"))
                .isInstanceOfSatisfying(TooManyRequestsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.reasonAsString()).isEqualTo("ReservedFunctionConcurrentInvocationLimitExceeded");
                });
        Files.writeString(release, "go");
        assertThat(holding.get().functionError()).isNull();
    }

    @Test
    void invocationMetricsReachCloudWatchPerFunctionAliasAndExecutedVersion() throws Exception {
        String name = newFunction(30, Map.of());
        String v1 = lambda.publishVersion(r -> r.functionName(name)).version();
        lambda.createAlias(r -> r.functionName(name).name("live").functionVersion(v1));
        invoke(name, "live", "{}");
        invoke(name, "live", "{}");
        invoke(name, "live", "{\"action\":\"fail\"}");
        invoke(name, "live", "{}");

        try (CloudWatchClient cloudWatch = Clients.cloudWatch(emulator.endpoint())) {
            Instant now = Instant.now();
            List<MetricDataResult> results = cloudWatch.getMetricData(r -> r.startTime(now.minusSeconds(600))
                    .endTime(now.plusSeconds(120)).metricDataQueries(
                            query("invocations", "Invocations", name, Map.of("Resource", name + ":live")),
                            query("errors", "Errors", name, Map.of("Resource", name + ":live")),
                            query("executed", "Invocations", name, Map.of("Resource", name + ":live",
                                    "ExecutedVersion", v1)),
                            MetricDataQuery.builder().id("rate").expression("100 * errors / invocations").build()))
                    .metricDataResults();

            Map<String, Double> sums = new java.util.HashMap<>();
            results.forEach(result -> sums.put(result.id(), result.values().stream().mapToDouble(Double::doubleValue)
                    .sum()));
            assertThat(sums).containsEntry("invocations", 4.0).containsEntry("errors", 1.0)
                    .containsEntry("executed", 4.0);
            assertThat(results.stream().filter(r -> r.id().equals("rate")).findFirst().orElseThrow().values())
                    .allSatisfy(value -> assertThat(value).isBetween(0.0, 100.0));
        }
    }

    private static MetricDataQuery query(String id, String metric, String function, Map<String, String> extra) {
        return MetricDataQuery.builder().id(id).returnData(true).metricStat(s -> s.period(60).stat("Sum")
                .metric(m -> {
                    List<software.amazon.awssdk.services.cloudwatch.model.Dimension> dimensions = new java.util.ArrayList<>();
                    dimensions.add(software.amazon.awssdk.services.cloudwatch.model.Dimension.builder()
                            .name("FunctionName").value(function).build());
                    extra.forEach((k, v) -> dimensions.add(software.amazon.awssdk.services.cloudwatch.model.Dimension
                            .builder().name(k).value(v).build()));
                    m.namespace("AWS/Lambda").metricName(metric).dimensions(dimensions);
                })).build();
    }

    @Test
    void anUnknownFunctionIsNotFoundWithItsArn() {
        assertThatThrownBy(() -> lambda.getFunction(r -> r.functionName("nope")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope");
    }

    @Test
    void anImageThatIsNotInTheRegistryIsRefused() {
        String missing = image.uri().substring(0, image.uri().lastIndexOf(':')) + ":missing";

        assertThatThrownBy(() -> lambda.createFunction(r -> r.functionName("no-image").packageType("Image")
                .code(c -> c.imageUri(missing)).role("arn:aws:iam::000000000000:role/lambda")))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("Source image " + missing + " does not exist");
    }

    @Test
    void creatingAFunctionTwiceIsAConflict() {
        String name = newFunction(3, Map.of());

        assertThatThrownBy(() -> lambda.createFunction(r -> r.functionName(name).packageType("Image")
                .code(c -> c.imageUri(image.uri())).role("arn:aws:iam::000000000000:role/lambda")))
                .isInstanceOf(ResourceConflictException.class)
                .hasMessageContaining("Function already exist: " + name);
    }

    @Test
    void reservedEnvironmentVariablesAreRefused() {
        assertThatThrownBy(() -> lambda.createFunction(r -> r.functionName("reserved").packageType("Image")
                .code(c -> c.imageUri(image.uri())).role("arn:aws:iam::000000000000:role/lambda")
                .environment(e -> e.variables(Map.of("AWS_REGION", "eu-west-1")))))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("Reserved keys used in this request: AWS_REGION");
    }

    @Test
    void aHandlerClassThatCannotBeLoadedFailsTheInvocationWithTheInitError() throws Exception {
        String name = "broken-" + NAMES.incrementAndGet();
        lambda.createFunction(r -> r.functionName(name).packageType("Image").code(c -> c.imageUri(image.uri()))
                .role("arn:aws:iam::000000000000:role/lambda")
                .imageConfig(c -> c.command("no.such.Handler::handleRequest")));
        try (LambdaWaiter waiter = LambdaWaiter.builder().client(lambda).build()) {
            waiter.waitUntilFunctionActiveV2(r -> r.functionName(name));
        }

        InvokeResponse response = invoke(name, null, "{}");

        assertThat(response.functionError()).isEqualTo("Unhandled");
        assertThat(response.payload().asUtf8String()).contains("no.such.Handler");
    }

    @Test
    void anEventInvocationIsAcceptedAndRunsInTheBackground() throws Exception {
        String name = newFunction(30, Map.of());
        Path started = scratch.resolve(name + ".started");
        Path release = Files.writeString(scratch.resolve(name + ".release"), "already");

        InvokeResponse response = lambda.invoke(r -> r.functionName(name).invocationType("Event")
                .payload(SdkBytes.fromUtf8String("{\"action\":\"hold\",\"startedFile\":\"" + started
                        + "\",\"releaseFile\":\"" + release + "\"}")));

        assertThat(response.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(started));
    }

    @Test
    void anUnknownAliasIsNotFound() {
        String name = newFunction(3, Map.of());

        assertThatThrownBy(() -> invoke(name, "nope", "{}"))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("Cannot find alias arn: arn:aws:lambda:us-east-1:000000000000:function:" + name
                        + ":nope");
    }

    @Test
    void anAliasCannotSplitTrafficWithLatest() {
        String name = newFunction(3, Map.of());
        String v1 = lambda.publishVersion(r -> r.functionName(name)).version();

        assertThatThrownBy(() -> lambda.createAlias(r -> r.functionName(name).name("bad").functionVersion("$LATEST")
                .routingConfig(c -> c.additionalVersionWeights(Map.of(v1, 0.5)))))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("$LATEST is not supported for an alias pointing to more than 1 version");
    }

    @Test
    void publishingWithAStaleCodeSha256IsRefused() {
        String name = newFunction(3, Map.of());

        assertThatThrownBy(() -> lambda.publishVersion(r -> r.functionName(name).codeSha256("0".repeat(64))))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("is different from current CodeSHA256 in $LATEST");
    }

    @Test
    void publishingAnUnchangedFunctionReturnsTheLastVersion() {
        String name = newFunction(3, Map.of());

        String first = lambda.publishVersion(r -> r.functionName(name)).version();
        String again = lambda.publishVersion(r -> r.functionName(name)).version();

        assertThat(again).isEqualTo(first).isEqualTo("1");
        assertThat(lambda.listVersionsByFunction(r -> r.functionName(name)).versions())
                .extracting(v -> v.version()).containsExactly("$LATEST", "1");
    }

    @Test
    void aPayloadOverSixMegabytesIsRefused() {
        String name = newFunction(3, Map.of());
        String big = "{\"pad\":\"" + "x".repeat(6 * 1024 * 1024) + "\"}";

        assertThatThrownBy(() -> invoke(name, null, big))
                .isInstanceOfSatisfying(software.amazon.awssdk.services.lambda.model.RequestTooLargeException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(413));
    }

    @Test
    void aDeletedFunctionIsGone() {
        String name = newFunction(3, Map.of());

        lambda.deleteFunction(r -> r.functionName(name));

        assertThatThrownBy(() -> lambda.getFunction(r -> r.functionName(name)))
                .isInstanceOf(ResourceNotFoundException.class);
    }
}
