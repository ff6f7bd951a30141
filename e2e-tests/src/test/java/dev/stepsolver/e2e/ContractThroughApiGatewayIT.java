package dev.stepsolver.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepsolver.emulator.LocalEmulator;
import dev.stepsolver.emulator.ecr.EcrBackend;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.waiters.LambdaWaiter;

/**
 * The classic contract's five cases (contract/TestCases.json) sent as the original clients send
 * them, a POST of the equation with an API key to the {@code prod} stage, through the emulator's
 * API Gateway to the real solver image running as a Lambda function: each answer is 200 with the
 * contract's steps, byte for byte as the handler writes them, with the contract's headers. The API
 * is set up as the deployment template sets it up: POST/GET/OPTIONS on the root resource, a Lambda
 * proxy integration whose alias is the stage variable {@code lambdaAlias}, stages {@code beta} and
 * {@code prod}, a generated key in a usage plan over both stages.
 */
class ContractThroughApiGatewayIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FUNCTION = "stepsolver-solver";

    record Case(String description, String equation, List<String> solution) {
        @Override
        public String toString() {
            return description;
        }
    }

    private static LocalEmulator emulator;
    private static HttpClient http;
    private static String apiId;
    private static String apiKey;

    @BeforeAll
    static void deploy() throws Exception {
        emulator = LocalEmulator.builder().port(0).build().start();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .build();
        try (EcrClient ecr = client(EcrClient.builder());
                LambdaClient lambda = client(LambdaClient.builder());
                ApiGatewayClient apigw = client(ApiGatewayClient.builder())) {
            ecr.createRepository(r -> r.repositoryName("stepsolver"));
            ImageTarball.load(emulator.context().backend(EcrBackend.class),
                    Path.of(System.getProperty("solver.image.tarball")), "stepsolver", "e2e");
            String image = ecr.describeRepositories(r -> r.repositoryNames("stepsolver")).repositories().get(0)
                    .repositoryUri() + ":e2e";
            lambda.createFunction(r -> r.functionName(FUNCTION).packageType("Image").code(c -> c.imageUri(image))
                    .role("arn:aws:iam::000000000000:role/stepsolver-function").memorySize(1024).timeout(30));
            try (LambdaWaiter waiter = LambdaWaiter.builder().client(lambda).build()) {
                waiter.waitUntilFunctionActiveV2(r -> r.functionName(FUNCTION));
            }
            String version = lambda.publishVersion(r -> r.functionName(FUNCTION)).version();
            lambda.createAlias(r -> r.functionName(FUNCTION).name("beta").functionVersion(version));
            lambda.createAlias(r -> r.functionName(FUNCTION).name("prod").functionVersion(version));

            var api = apigw.createRestApi(r -> r.name("stepsolver-api").endpointConfiguration(e -> e.typesWithStrings(
                    "REGIONAL")));
            apiId = api.id();
            String uri = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:"
                    + "000000000000:function:" + FUNCTION + ":${stageVariables.lambdaAlias}/invocations";
            for (String method : List.of("POST", "GET", "OPTIONS")) {
                apigw.putMethod(r -> r.restApiId(apiId).resourceId(api.rootResourceId()).httpMethod(method)
                        .authorizationType("NONE").apiKeyRequired(!method.equals("OPTIONS")));
                apigw.putIntegration(r -> r.restApiId(apiId).resourceId(api.rootResourceId()).httpMethod(method)
                        .type("AWS_PROXY").integrationHttpMethod("POST").uri(uri));
            }
            String deployment = apigw.createDeployment(r -> r.restApiId(apiId).description("API definition")).id();
            for (String stage : List.of("beta", "prod")) {
                apigw.createStage(r -> r.restApiId(apiId).stageName(stage).deploymentId(deployment)
                        .variables(Map.of("lambdaAlias", stage)));
            }
            var key = apigw.createApiKey(r -> r.name("stepsolver-clients").enabled(true));
            String plan = apigw.createUsagePlan(r -> r.name("stepsolver-usage-plan")
                    .apiStages(s -> s.apiId(apiId).stage("beta"), s -> s.apiId(apiId).stage("prod"))
                    .throttle(t -> t.rateLimit(50.0).burstLimit(100))).id();
            apigw.createUsagePlanKey(r -> r.usagePlanId(plan).keyId(key.id()).keyType("API_KEY"));
            apiKey = apigw.getApiKey(r -> r.apiKey(key.id()).includeValue(true)).value();
        }
    }

    @AfterAll
    static void stop() {
        if (http != null) {
            http.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    private static <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> C client(B builder) {
        return builder.endpointOverride(emulator.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(ApacheHttpClient.builder().socketTimeout(Duration.ofSeconds(60)).build()).build();
    }

    static Stream<Case> cases() throws Exception {
        try (InputStream in = ContractThroughApiGatewayIT.class.getResourceAsStream("/contract/TestCases.json")) {
            return JSON.readValue(in, new TypeReference<List<Case>>() {}).stream();
        }
    }

    private static HttpResponse<byte[]> post(String stage, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emulator.endpoint() + "/_aws/execute-api/"
                + apiId + "/" + stage + "/")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void theProdStageAnswersEachContractCaseByteForByte(Case c) throws Exception {
        HttpResponse<byte[]> response = post("prod", c.equation(), "x-api-key", apiKey);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo(JSON.writeValueAsString(c.solution()));
        assertThat(JSON.readValue(response.body(), new TypeReference<List<String>>() {}))
                .containsExactlyElementsOf(c.solution());
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
    }

    @Test
    void theBetaStageServesTheSameContract() throws Exception {
        Case first = cases().findFirst().orElseThrow();

        HttpResponse<byte[]> response = post("beta", first.equation(), "x-api-key", apiKey);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo(JSON.writeValueAsString(first.solution()));
    }

    @Test
    void withoutTheKeyTheStageIsForbidden() throws Exception {
        HttpResponse<byte[]> response = post("prod", "7x - 2 = 19");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"message\":\"Forbidden\"}");
    }

    @Test
    void anEquationTheSolverRefusesIsItsClassic400() throws Exception {
        HttpResponse<byte[]> response = post("prod", "x = = 1", "x-api-key", apiKey);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo("Equation: x = = 1\n\nProblem not correctly formatted");
    }
}
