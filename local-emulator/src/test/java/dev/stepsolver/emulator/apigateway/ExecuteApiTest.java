package dev.stepsolver.emulator.apigateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepsolver.emulator.Clients;
import dev.stepsolver.emulator.LocalEmulator;
import dev.stepsolver.emulator.lambda.HandlerImage;
import dev.stepsolver.emulator.lambda.LambdaModule;
import dev.stepsolver.emulator.lambda.LambdaSettings;
import dev.stepsolver.emulator.lambda.handler.ProxyHandler;
import dev.stepsolver.emulator.time.ManualClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.Op;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.waiters.LambdaWaiter;

/**
 * The execute-api data plane end to end: an API set up through the SDK, its stages picking Lambda
 * aliases by a stage variable, a real function process behind it, requests over java.net.http. One
 * emulator for the class on a manual clock (throttles and quotas move only when the test moves it).
 */
class ExecuteApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FUNCTION = "proxy";
    private static final String URI_WITH_ALIAS = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
            + "arn:aws:lambda:us-east-1:000000000000:function:" + FUNCTION + ":${stageVariables.lambdaAlias}/invocations";

    private static ManualClock clock;
    private static LocalEmulator emulator;
    private static EcrClient ecr;
    private static LambdaClient lambda;
    private static ApiGatewayClient apigw;
    private static CloudWatchClient cloudWatch;
    private static HttpClient http;
    private static String apiId;
    private static String mainKey;
    private static String tightKey;
    private static String quotaKey;
    private static String canaryOnlyKey;
    private static String disabledKey;

    @TempDir
    static Path scratch;

    @BeforeAll
    static void start() throws Exception {
        clock = new ManualClock(Instant.parse("2026-03-02T10:00:00Z"));
        emulator = LocalEmulator.builder().port(0).clock(clock)
                .replaceModule(new LambdaModule(LambdaSettings.defaults().withRoutingSeed(11))).build().start();
        ecr = Clients.ecr(emulator.endpoint());
        lambda = Clients.lambda(emulator.endpoint());
        apigw = Clients.apiGateway(emulator.endpoint());
        cloudWatch = Clients.cloudWatch(emulator.endpoint());
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .build();
        functionWithAliases();
        api();
    }

    @AfterAll
    static void stop() {
        http.close();
        cloudWatch.close();
        apigw.close();
        lambda.close();
        ecr.close();
        emulator.close();
    }

    /** Versions 1 and 2; beta → 2, prod → 1, canary → 1 with 10 % to 2, broken names no alias. */
    private static void functionWithAliases() throws Exception {
        ecr.createRepository(r -> r.repositoryName("proxy"));
        List<Path> jackson = List.of(jarOf(ObjectMapper.class), jarOf(com.fasterxml.jackson.core.JsonFactory.class),
                jarOf(com.fasterxml.jackson.annotation.JsonProperty.class));
        HandlerImage.Pushed image = HandlerImage.push(ecr, "proxy", "v1", Map.of("JAVA_TOOL_OPTIONS",
                "-XX:TieredStopAtLevel=1"), jackson, scratch, ProxyHandler.class);
        lambda.createFunction(r -> r.functionName(FUNCTION).packageType("Image").code(c -> c.imageUri(image.uri()))
                .role("arn:aws:iam::000000000000:role/lambda").timeout(5).memorySize(256));
        try (LambdaWaiter waiter = LambdaWaiter.builder().client(lambda).build()) {
            waiter.waitUntilFunctionActiveV2(r -> r.functionName(FUNCTION));
            lambda.publishVersion(r -> r.functionName(FUNCTION));
            lambda.updateFunctionConfiguration(r -> r.functionName(FUNCTION).environment(e -> e.variables(Map.of(
                    "ROUND", "2"))));
            waiter.waitUntilFunctionUpdatedV2(r -> r.functionName(FUNCTION));
            lambda.publishVersion(r -> r.functionName(FUNCTION));
        }
        lambda.createAlias(r -> r.functionName(FUNCTION).name("beta").functionVersion("2"));
        lambda.createAlias(r -> r.functionName(FUNCTION).name("prod").functionVersion("1"));
        lambda.createAlias(r -> r.functionName(FUNCTION).name("canary").functionVersion("1")
                .routingConfig(c -> c.additionalVersionWeights(Map.of("2", 0.1))));
    }

    private static Path jarOf(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /**
     * POST and GET / need an API key (as the solver's template has it); /items/{id} GET, /{proxy+} ANY
     * and /slow GET (500 ms integration timeout) do not.
     */
    private static void api() {
        var api = apigw.createRestApi(r -> r.name("proxy-api").binaryMediaTypes("application/octet-stream"));
        apiId = api.id();
        String root = api.rootResourceId();
        method(root, "POST", true, 29_000);
        method(root, "GET", true, 29_000);
        String items = apigw.createResource(r -> r.restApiId(apiId).parentId(root).pathPart("items")).id();
        String item = apigw.createResource(r -> r.restApiId(apiId).parentId(items).pathPart("{id}")).id();
        method(item, "GET", false, 29_000);
        String proxy = apigw.createResource(r -> r.restApiId(apiId).parentId(root).pathPart("{proxy+}")).id();
        method(proxy, "ANY", false, 29_000);
        String slow = apigw.createResource(r -> r.restApiId(apiId).parentId(root).pathPart("slow")).id();
        method(slow, "GET", false, 500);
        String deployment = apigw.createDeployment(r -> r.restApiId(apiId).description("v1")).id();
        for (String stage : List.of("beta", "prod", "canary", "limited", "metered")) {
            String alias = stage.equals("limited") || stage.equals("metered") ? "prod" : stage;
            apigw.createStage(r -> r.restApiId(apiId).stageName(stage).deploymentId(deployment)
                    .variables(Map.of("lambdaAlias", alias)));
        }
        apigw.createStage(r -> r.restApiId(apiId).stageName("broken").deploymentId(deployment)
                .variables(Map.of("lambdaAlias", "no-such-alias")));
        apigw.updateStage(r -> r.restApiId(apiId).stageName("limited").patchOperations(
                p -> p.op(Op.REPLACE).path("/*/*/throttling/rateLimit").value("1"),
                p -> p.op(Op.REPLACE).path("/*/*/throttling/burstLimit").value("1")));

        mainKey = keyInPlan("main", List.of("beta", "prod", "broken"), r -> r.throttle(t -> t.rateLimit(1000.0)
                .burstLimit(1000)));
        tightKey = keyInPlan("tight", List.of("prod"), r -> r.throttle(t -> t.rateLimit(1.0).burstLimit(2)));
        quotaKey = keyInPlan("quota", List.of("prod"), r -> r.quota(q -> q.limit(3).period("DAY")));
        canaryOnlyKey = keyInPlan("canary-only", List.of("canary"), r -> { });
        var disabled = apigw.createApiKey(r -> r.name("disabled").enabled(false));
        String mainPlan = apigw.getUsagePlans(r -> r.keyId(keyIdOf(mainKey))).items().get(0).id();
        apigw.createUsagePlanKey(r -> r.usagePlanId(mainPlan).keyId(disabled.id()).keyType("API_KEY"));
        disabledKey = disabled.value();
    }

    private static void method(String resourceId, String httpMethod, boolean keyed, int timeoutMillis) {
        apigw.putMethod(r -> r.restApiId(apiId).resourceId(resourceId).httpMethod(httpMethod).authorizationType("NONE")
                .apiKeyRequired(keyed));
        apigw.putIntegration(r -> r.restApiId(apiId).resourceId(resourceId).httpMethod(httpMethod).type("AWS_PROXY")
                .integrationHttpMethod("POST").uri(URI_WITH_ALIAS).timeoutInMillis(timeoutMillis));
    }

    /** A new enabled key in a new plan over {@code stages}; returns the key's value. */
    private static String keyInPlan(String name, List<String> stages,
            java.util.function.Consumer<software.amazon.awssdk.services.apigateway.model.CreateUsagePlanRequest.Builder>
                    limits) {
        var key = apigw.createApiKey(r -> r.name(name).enabled(true));
        String plan = apigw.createUsagePlan(r -> {
            r.name(name).apiStages(stages.stream().map(s -> software.amazon.awssdk.services.apigateway.model.ApiStage
                    .builder().apiId(apiId).stage(s).build()).toList());
            limits.accept(r);
        }).id();
        apigw.createUsagePlanKey(r -> r.usagePlanId(plan).keyId(key.id()).keyType("API_KEY"));
        return key.value();
    }

    private static String keyIdOf(String value) {
        return apigw.getApiKeys(r -> r.includeValues(true)).items().stream().filter(k -> value.equals(k.value()))
                .findFirst().orElseThrow().id();
    }

    // ------------------------------------------------------------------ requests

    private static HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static URI url(String stage, String pathAndQuery) {
        return URI.create(emulator.endpoint() + "/_aws/execute-api/" + apiId + "/" + stage + pathAndQuery);
    }

    private static HttpResponse<byte[]> get(String stage, String pathAndQuery, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(stage, pathAndQuery)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    private static HttpResponse<byte[]> post(String stage, String pathAndQuery, String body, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(stage, pathAndQuery))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    private static JsonNode json(HttpResponse<byte[]> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ stages, aliases, URL forms

    @Test
    void eachStageReachesTheAliasItsStageVariableNames() throws Exception {
        HttpResponse<byte[]> beta = post("beta", "/", "7x - 2 = 19", "x-api-key", mainKey);
        HttpResponse<byte[]> prod = post("prod", "/", "7x - 2 = 19", "x-api-key", mainKey);

        assertThat(beta.statusCode()).isEqualTo(201);
        assertThat(json(beta).path("version").asText()).isEqualTo("2");
        assertThat(json(prod).path("version").asText()).isEqualTo("1");
        assertThat(json(prod).path("event").path("stageVariables").path("lambdaAlias").asText()).isEqualTo("prod");
    }

    @Test
    void everyUrlFormReachesTheSameStage() throws Exception {
        String port = Integer.toString(emulator.endpoint().getPort());
        HttpResponse<byte[]> byPath = get("prod", "/items/1");
        HttpResponse<byte[]> byHost = send(HttpRequest.newBuilder(URI.create(emulator.endpoint() + "/prod/items/1"))
                .header("Host", apiId + ".execute-api.localhost:" + port).GET());
        HttpResponse<byte[]> byUserRequest = send(HttpRequest.newBuilder(URI.create(emulator.endpoint() + "/restapis/"
                + apiId + "/prod/_user_request_/items/1")).GET());

        for (HttpResponse<byte[]> response : List.of(byPath, byHost, byUserRequest)) {
            assertThat(response.statusCode()).isEqualTo(201);
            JsonNode event = json(response).path("event");
            assertThat(event.path("path").asText()).isEqualTo("/items/1");
            assertThat(event.path("resource").asText()).isEqualTo("/items/{id}");
            assertThat(event.path("requestContext").path("stage").asText()).isEqualTo("prod");
            assertThat(event.path("requestContext").path("apiId").asText()).isEqualTo(apiId);
        }
        assertThat(json(byHost).path("event").path("requestContext").path("domainName").asText())
                .isEqualTo(apiId + ".execute-api.localhost");
    }

    @Test
    void anAliasAtNinetyTenSendsAboutATenthToTheNewVersion() throws Exception {
        int requests = 200;
        int newVersion = 0;
        for (int i = 0; i < requests; i++) {
            HttpResponse<byte[]> response = get("canary", "/items/" + i);
            assertThat(response.statusCode()).isEqualTo(201);
            if (json(response).path("version").asText().equals("2")) {
                newVersion++;
            }
        }

        // binomial(200, 0.1): mean 20, standard deviation 4.2
        assertThat(newVersion).isBetween(6, 40);
    }

    // ------------------------------------------------------------------ the proxy event and response

    @Test
    void theProxyEventCarriesTheRequestAsAwsBuildsIt() throws Exception {
        HttpResponse<byte[]> response = get("prod", "/items/42?a=1&a=2&b=x%20y", "X-Custom", "first",
                "X-Custom", "second", "User-Agent", "event-test");

        JsonNode event = json(response).path("event");
        assertThat(event.path("resource").asText()).isEqualTo("/items/{id}");
        assertThat(event.path("path").asText()).isEqualTo("/items/42");
        assertThat(event.path("httpMethod").asText()).isEqualTo("GET");
        assertThat(event.path("headers").path("X-Custom").asText()).isEqualTo("second");
        assertThat(event.path("multiValueHeaders").path("X-Custom")).extracting(JsonNode::asText)
                .containsExactly("first", "second");
        assertThat(event.path("headers").path("X-Forwarded-For").asText()).isEqualTo("127.0.0.1");
        assertThat(event.path("queryStringParameters").path("a").asText()).isEqualTo("2");
        assertThat(event.path("queryStringParameters").path("b").asText()).isEqualTo("x y");
        assertThat(event.path("multiValueQueryStringParameters").path("a")).extracting(JsonNode::asText)
                .containsExactly("1", "2");
        assertThat(event.path("pathParameters").path("id").asText()).isEqualTo("42");
        assertThat(event.path("stageVariables").path("lambdaAlias").asText()).isEqualTo("prod");
        assertThat(event.path("body").isNull()).isTrue();
        assertThat(event.path("isBase64Encoded").asBoolean()).isFalse();
        JsonNode context = event.path("requestContext");
        assertThat(context.path("requestId").asText()).isEqualTo(response.headers().firstValue("x-amzn-RequestId")
                .orElseThrow());
        assertThat(context.path("resourcePath").asText()).isEqualTo("/items/{id}");
        assertThat(context.path("path").asText()).isEqualTo("/prod/items/42");
        assertThat(context.path("accountId").asText()).isEqualTo("000000000000");
        assertThat(context.path("requestTimeEpoch").asLong()).isEqualTo(clock.now().toEpochMilli());
        assertThat(context.path("identity").path("sourceIp").asText()).isEqualTo("127.0.0.1");
        assertThat(context.path("identity").path("userAgent").asText()).isEqualTo("event-test");
        assertThat(context.path("deploymentId").asText()).isEqualTo(apigw.getStage(r -> r.restApiId(apiId)
                .stageName("prod")).deploymentId());
    }

    @Test
    void aKeyedRequestCarriesItsBodyAndKeyToTheFunction() throws Exception {
        HttpResponse<byte[]> response = post("prod", "/", "x^2-1=0", "x-api-key", mainKey, "Content-Type",
                "text/plain");

        JsonNode event = json(response).path("event");
        assertThat(event.path("body").asText()).isEqualTo("x^2-1=0");
        assertThat(event.path("isBase64Encoded").asBoolean()).isFalse();
        assertThat(event.path("resource").asText()).isEqualTo("/");
        assertThat(event.path("requestContext").path("identity").path("apiKey").asText()).isEqualTo(mainKey);
        assertThat(event.path("requestContext").path("identity").path("apiKeyId").asText())
                .isEqualTo(keyIdOf(mainKey));
    }

    @Test
    void aBinaryRequestBodyReachesTheFunctionInBase64() throws Exception {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(url("prod", "/upload"))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {(byte) 0xff, 0, 1})));

        JsonNode event = json(response).path("event");
        assertThat(event.path("isBase64Encoded").asBoolean()).isTrue();
        assertThat(event.path("body").asText()).isEqualTo("/wAB");
    }

    @Test
    void aGreedyProxyResourceTakesTheRestOfThePath() throws Exception {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(url("prod", "/a/b%20c/d"))
                .method("PATCH", HttpRequest.BodyPublishers.noBody()));

        JsonNode event = json(response).path("event");
        assertThat(event.path("resource").asText()).isEqualTo("/{proxy+}");
        assertThat(event.path("pathParameters").path("proxy").asText()).isEqualTo("a/b c/d");
        assertThat(event.path("httpMethod").asText()).isEqualTo("PATCH");
    }

    @Test
    void theProxyResponseBecomesTheHttpResponse() throws Exception {
        HttpResponse<byte[]> response = get("prod", "/items/7");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().firstValue("X-Version")).hasValue("1");
        assertThat(response.headers().allValues("X-Multi")).containsExactly("one", "two");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(response.headers().firstValue("x-amz-apigw-id")).isPresent();
        assertThat(json(response).path("function").asText()).isEqualTo(FUNCTION);
    }

    @Test
    void aBase64ProxyBodyIsDecodedForAClientAcceptingABinaryType() throws Exception {
        HttpResponse<byte[]> response = get("prod", "/items/1?action=binary", "Accept", "application/octet-stream");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).containsExactly(0, 1, 2, 255);
    }

    // ------------------------------------------------------------------ refusals

    @Test
    void aRouteTheDeploymentDoesNotHaveIsMissingAuthenticationToken() throws Exception {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(url("prod", "/"))
                .method("PUT", HttpRequest.BodyPublishers.noBody()));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(text(response)).isEqualTo("{\"message\":\"Missing Authentication Token\"}");
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("MissingAuthenticationTokenException");
    }

    @Test
    void anUnknownStageIsMissingAuthenticationToken() throws Exception {
        HttpResponse<byte[]> response = get("gamma", "/items/1");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(text(response)).isEqualTo("{\"message\":\"Missing Authentication Token\"}");
    }

    @Test
    void aKeyProtectedMethodWithoutAKeyIsForbidden() throws Exception {
        HttpResponse<byte[]> response = post("prod", "/", "x = 1");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(text(response)).isEqualTo("{\"message\":\"Forbidden\"}");
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("ForbiddenException");
    }

    @Test
    void aWrongKeyIsForbidden() throws Exception {
        assertThat(post("prod", "/", "x = 1", "x-api-key", "not-a-key-of-this-account-at-all").statusCode())
                .isEqualTo(403);
    }

    @Test
    void aDisabledKeyIsForbidden() throws Exception {
        assertThat(post("prod", "/", "x = 1", "x-api-key", disabledKey).statusCode()).isEqualTo(403);
    }

    @Test
    void aKeyWhosePlanDoesNotCoverTheStageIsForbidden() throws Exception {
        assertThat(post("prod", "/", "x = 1", "x-api-key", canaryOnlyKey).statusCode()).isEqualTo(403);
        assertThat(post("canary", "/", "x = 1", "x-api-key", canaryOnlyKey).statusCode()).isEqualTo(201);
    }

    @Test
    void overThePlansRateAKeyIsThrottledUntilTheBucketRefills() throws Exception {
        List<Integer> burst = List.of(post("prod", "/", "1", "x-api-key", tightKey).statusCode(),
                post("prod", "/", "2", "x-api-key", tightKey).statusCode());
        HttpResponse<byte[]> third = post("prod", "/", "3", "x-api-key", tightKey);
        clock.advance(Duration.ofSeconds(1));
        HttpResponse<byte[]> afterASecond = post("prod", "/", "4", "x-api-key", tightKey);

        assertThat(burst).containsExactly(201, 201);
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(text(third)).isEqualTo("{\"message\":\"Too Many Requests\"}");
        assertThat(third.headers().firstValue("x-amzn-ErrorType")).hasValue("TooManyRequestsException");
        assertThat(afterASecond.statusCode()).isEqualTo(201);
    }

    @Test
    void overThePlansQuotaAKeyIsRefusedUntilTheNextPeriod() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(post("prod", "/", "q", "x-api-key", quotaKey).statusCode()).isEqualTo(201);
        }
        HttpResponse<byte[]> fourth = post("prod", "/", "q", "x-api-key", quotaKey);
        clock.advanceTo(clock.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1)));
        HttpResponse<byte[]> nextDay = post("prod", "/", "q", "x-api-key", quotaKey);

        assertThat(fourth.statusCode()).isEqualTo(429);
        assertThat(text(fourth)).isEqualTo("{\"message\":\"Limit Exceeded\"}");
        assertThat(fourth.headers().firstValue("x-amzn-ErrorType")).hasValue("LimitExceededException");
        assertThat(nextDay.statusCode()).isEqualTo(201);
    }

    @Test
    void aStageThrottleAppliesToEveryCaller() throws Exception {
        HttpResponse<byte[]> first = get("limited", "/items/1");
        HttpResponse<byte[]> second = get("limited", "/items/2");

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(second.statusCode()).isEqualTo(429);
    }

    // ------------------------------------------------------------------ integration failures

    @Test
    void aFunctionErrorIsBadGateway() throws Exception {
        HttpResponse<byte[]> response = get("prod", "/items/1?action=fail");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(text(response)).isEqualTo("{\"message\": \"Internal server error\"}");
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("InternalServerErrorException");
    }

    @Test
    void aMalformedProxyResponseIsBadGateway() throws Exception {
        HttpResponse<byte[]> response = get("prod", "/items/1?action=malformed");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(text(response)).isEqualTo("{\"message\": \"Internal server error\"}");
    }

    @Test
    void aFunctionSlowerThanTheIntegrationTimeoutIsGatewayTimeout() throws Exception {
        HttpResponse<byte[]> response = get("prod", "/slow?action=hang");

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(text(response)).isEqualTo("{\"message\": \"Endpoint request timed out\"}");
    }

    @Test
    void aStageVariableNamingNoAliasIsAnInternalError() throws Exception {
        HttpResponse<byte[]> response = get("broken", "/items/1");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(text(response)).isEqualTo("{\"message\": \"Internal server error\"}");
    }

    // ------------------------------------------------------------------ metrics

    @Test
    void everyRequestIsCountedInTheStagesMetrics() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(get("metered", "/items/" + i).statusCode()).isEqualTo(201);
        }
        assertThat(send(HttpRequest.newBuilder(url("metered", "/")).method("PUT", HttpRequest.BodyPublishers.noBody()))
                .statusCode()).isEqualTo(403);

        assertThat(sum("Count")).isEqualTo(4.0);
        assertThat(sum("4XXError")).isEqualTo(1.0);
        assertThat(sum("5XXError")).isEqualTo(0.0);
        assertThat(statistics("Latency").sampleCount()).isEqualTo(4.0);
        assertThat(statistics("IntegrationLatency").sampleCount()).isEqualTo(3.0);
    }

    private static double sum(String metric) {
        return statistics(metric).sum();
    }

    private static Datapoint statistics(String metric) {
        List<Datapoint> points = cloudWatch.getMetricStatistics(r -> r.namespace("AWS/ApiGateway").metricName(metric)
                .dimensions(d -> d.name("ApiName").value("proxy-api"), d -> d.name("Stage").value("metered"))
                .startTime(clock.now().minus(Duration.ofDays(2))).endTime(clock.now().plus(Duration.ofDays(2)))
                .period(4 * 86_400).statistics(Statistic.SUM, Statistic.SAMPLE_COUNT)).datapoints();
        assertThat(points).hasSize(1);
        return points.get(0);
    }
}
