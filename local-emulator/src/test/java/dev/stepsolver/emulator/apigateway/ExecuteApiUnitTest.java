package dev.stepsolver.emulator.apigateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepsolver.emulator.apigateway.ApiGatewayBackend.IntegrationSpec;
import dev.stepsolver.emulator.apigateway.ApiGatewayBackend.MethodSpec;
import dev.stepsolver.emulator.apigateway.ApiGatewayBackend.RestApiSpec;
import dev.stepsolver.emulator.apigateway.ApiGatewayBackend.StageSpec;
import dev.stepsolver.emulator.lambda.InvocationResult;
import dev.stepsolver.emulator.protocol.AwsException;
import dev.stepsolver.emulator.protocol.HttpHeaders;
import dev.stepsolver.emulator.state.StateStore;
import dev.stepsolver.emulator.time.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The data plane's decisions with a stand-in for Lambda: no process, no HTTP. */
class ExecuteApiUnitTest {

    private static final String URI = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
            + "arn:aws:lambda:us-east-1:000000000000:function:fn:${stageVariables.alias}/invocations";

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T12:00:00Z"));
    private final ApiGatewayBackend backend = new ApiGatewayBackend(clock, StateStore.inMemory(), "000000000000");
    private final List<String> invokedArns = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private ExecuteApi.LambdaInvoker lambda = (arn, payload) -> {
        invokedArns.add(arn);
        return new InvocationResult(200, "{\"statusCode\":200,\"body\":\"ok\"}".getBytes(StandardCharsets.UTF_8),
                Optional.empty(), "1", "");
    };
    private ExecuteApi executeApi;

    @AfterEach
    void stop() {
        release.countDown();
        if (executeApi != null) {
            executeApi.close();
        }
        backend.close();
        clock.close();
    }

    /** An API with GET / to Lambda (the given timeout), deployed to stage {@code live} with alias {@code blue}. */
    private String api(int timeoutMillis) {
        RestApiRecord api = backend.createRestApi(RestApiSpec.named("unit"));
        backend.putMethod(api.id(), api.rootResourceId(), "GET", MethodSpec.of("NONE", false));
        backend.putIntegration(api.id(), api.rootResourceId(), "GET",
                IntegrationSpec.awsProxy(URI).withTimeoutInMillis(timeoutMillis));
        String deployment = backend.createDeployment(api.id(), ApiGatewayBackend.DeploymentSpec.describedAs("d")).id();
        backend.createStage(api.id(), StageSpec.of("live", deployment, Map.of("alias", "blue")));
        executeApi = new ExecuteApi(backend, (arn, payload) -> lambda.invoke(arn, payload), Optional.empty());
        return api.id();
    }

    private ExecuteApi.ApiResponse get(String apiId, Optional<byte[]> body) {
        return executeApi.execute(new ExecuteApi.ApiRequest(apiId, "live", "GET", "/", "",
                HttpHeaders.builder().set("Host", "localhost:4566").build(), body, "127.0.0.1", "HTTP/1.1"));
    }

    @Test
    void theStageVariableNamesTheAliasInvoked() {
        String apiId = api(29_000);

        ExecuteApi.ApiResponse response = get(apiId, Optional.of(new byte[0]));

        assertThat(response.status()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("ok");
        assertThat(invokedArns).containsExactly("arn:aws:lambda:us-east-1:000000000000:function:fn:blue");
    }

    @Test
    void anIntegrationThatDoesNotAnswerInTimeIsGatewayTimeout() {
        lambda = (arn, payload) -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("released");
        };
        String apiId = api(50);

        ExecuteApi.ApiResponse response = get(apiId, Optional.of(new byte[0]));

        assertThat(response.status()).isEqualTo(504);
        assertThat(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"message\": \"Endpoint request timed out\"}");
    }

    @Test
    void aLambdaRefusalIsAnInternalServerError() {
        lambda = (arn, payload) -> {
            throw new AwsException("TooManyRequestsException", "Rate Exceeded.", 429);
        };
        String apiId = api(29_000);

        assertThat(get(apiId, Optional.of(new byte[0])).status()).isEqualTo(500);
    }

    @Test
    void aBodyOverTheLimitIsRequestTooLong() {
        String apiId = api(29_000);

        ExecuteApi.ApiResponse response = get(apiId, Optional.empty());

        assertThat(response.status()).isEqualTo(413);
        assertThat(invokedArns).isEmpty();
    }

    @Test
    void anUnknownApiIsNotFound() {
        api(29_000);

        assertThat(get("nosuchapi0", Optional.of(new byte[0])).status()).isEqualTo(404);
    }

    @Test
    void stageVariablesResolveInTheUriAndMissingOnesAreEmpty() {
        assertThat(ExecuteApi.resolveStageVariables("f:${stageVariables.a}/x/${stageVariables.b}", Map.of("a", "1")))
                .isEqualTo("f:1/x/");
    }
}
