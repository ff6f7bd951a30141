package dev.stepsolver.emulator.apigateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepsolver.emulator.Clients;
import dev.stepsolver.emulator.LocalEmulator;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.ApiKey;
import software.amazon.awssdk.services.apigateway.model.BadRequestException;
import software.amazon.awssdk.services.apigateway.model.ConflictException;
import software.amazon.awssdk.services.apigateway.model.CreateRestApiResponse;
import software.amazon.awssdk.services.apigateway.model.CreateUsagePlanResponse;
import software.amazon.awssdk.services.apigateway.model.GetStageResponse;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.Op;
import software.amazon.awssdk.services.apigateway.model.Resource;
import software.amazon.awssdk.services.apigateway.model.UpdateStageResponse;
import software.amazon.awssdk.services.apigateway.model.UsagePlanKey;

/** The API Gateway control plane through the SDK v2 ApiGatewayClient: resources, stages, keys and plans. */
class ApiGatewayControlPlaneTest {

    private static final String LAMBDA_URI = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
            + "arn:aws:lambda:us-east-1:000000000000:function:solver:${stageVariables.lambdaAlias}/invocations";

    private static LocalEmulator emulator;
    private static ApiGatewayClient apigw;

    @BeforeAll
    static void start() {
        emulator = LocalEmulator.builder().port(0).build().start();
        apigw = Clients.apiGateway(emulator.endpoint());
    }

    @AfterAll
    static void stop() {
        apigw.close();
        emulator.close();
    }

    /** An API with POST on its root resource, integrated with Lambda, deployed; returns its id. */
    private static String deployedApi(String name) {
        CreateRestApiResponse api = apigw.createRestApi(r -> r.name(name));
        apigw.putMethod(r -> r.restApiId(api.id()).resourceId(api.rootResourceId()).httpMethod("POST")
                .authorizationType("NONE").apiKeyRequired(true));
        apigw.putIntegration(r -> r.restApiId(api.id()).resourceId(api.rootResourceId()).httpMethod("POST")
                .type("AWS_PROXY").integrationHttpMethod("POST").uri(LAMBDA_URI));
        String deployment = apigw.createDeployment(r -> r.restApiId(api.id()).description("first")).id();
        apigw.createStage(r -> r.restApiId(api.id()).stageName("beta").deploymentId(deployment)
                .variables(Map.of("lambdaAlias", "beta")));
        return api.id();
    }

    @Test
    void aNewRestApiHasItsRootResource() {
        CreateRestApiResponse api = apigw.createRestApi(r -> r.name("root-api").description("d")
                .endpointConfiguration(e -> e.typesWithStrings("REGIONAL")));

        List<Resource> resources = apigw.getResources(r -> r.restApiId(api.id())).items();

        assertThat(api.id()).matches("[a-z0-9]{10}");
        assertThat(api.endpointConfiguration().typesAsStrings()).containsExactly("REGIONAL");
        assertThat(api.apiKeySourceAsString()).isEqualTo("HEADER");
        assertThat(resources).singleElement().satisfies(root -> {
            assertThat(root.id()).isEqualTo(api.rootResourceId());
            assertThat(root.path()).isEqualTo("/");
        });
        assertThat(apigw.getRestApi(r -> r.restApiId(api.id())).name()).isEqualTo("root-api");
        assertThat(apigw.getRestApis().items()).extracting(a -> a.id()).contains(api.id());
    }

    @Test
    void anUnknownApiIsNotFoundWithAwsMessage() {
        assertThatThrownBy(() -> apigw.getRestApi(r -> r.restApiId("abc")))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Invalid API identifier specified 000000000000:abc");
                });
    }

    @Test
    void resourcesNestUnderTheirParentWithFullPaths() {
        CreateRestApiResponse api = apigw.createRestApi(r -> r.name("tree"));
        String users = apigw.createResource(r -> r.restApiId(api.id()).parentId(api.rootResourceId())
                .pathPart("users")).id();
        String user = apigw.createResource(r -> r.restApiId(api.id()).parentId(users).pathPart("{id}")).id();
        var proxy = apigw.createResource(r -> r.restApiId(api.id()).parentId(user).pathPart("{proxy+}"));

        assertThat(proxy.path()).isEqualTo("/users/{id}/{proxy+}");
        assertThat(apigw.getResource(r -> r.restApiId(api.id()).resourceId(user)).path()).isEqualTo("/users/{id}");
        assertThat(apigw.getResources(r -> r.restApiId(api.id())).items()).extracting(Resource::path)
                .containsExactly("/", "/users", "/users/{id}", "/users/{id}/{proxy+}");
    }

    @Test
    void aSiblingWithTheSamePathPartIsAConflict() {
        CreateRestApiResponse api = apigw.createRestApi(r -> r.name("dupes"));
        apigw.createResource(r -> r.restApiId(api.id()).parentId(api.rootResourceId()).pathPart("a"));

        assertThatThrownBy(() -> apigw.createResource(r -> r.restApiId(api.id()).parentId(api.rootResourceId())
                .pathPart("a"))).isInstanceOfSatisfying(ConflictException.class, e -> assertThat(
                        e.awsErrorDetails().errorMessage())
                        .isEqualTo("Another resource with the same parent already has this name: a"));
    }

    @Test
    void anInvalidPathPartIsABadRequest() {
        CreateRestApiResponse api = apigw.createRestApi(r -> r.name("bad-part"));

        assertThatThrownBy(() -> apigw.createResource(r -> r.restApiId(api.id()).parentId(api.rootResourceId())
                .pathPart("a b"))).isInstanceOf(BadRequestException.class);
    }

    @Test
    void aMethodCarriesItsLambdaProxyIntegration() {
        CreateRestApiResponse api = apigw.createRestApi(r -> r.name("method"));
        apigw.putMethod(r -> r.restApiId(api.id()).resourceId(api.rootResourceId()).httpMethod("GET")
                .authorizationType("NONE").apiKeyRequired(true));
        apigw.putIntegration(r -> r.restApiId(api.id()).resourceId(api.rootResourceId()).httpMethod("GET")
                .type("AWS_PROXY").integrationHttpMethod("POST").uri(LAMBDA_URI));
        apigw.putMethodResponse(r -> r.restApiId(api.id()).resourceId(api.rootResourceId()).httpMethod("GET")
                .statusCode("200"));

        var method = apigw.getMethod(r -> r.restApiId(api.id()).resourceId(api.rootResourceId()).httpMethod("GET"));
        var integration = apigw.getIntegration(r -> r.restApiId(api.id()).resourceId(api.rootResourceId())
                .httpMethod("GET"));

        assertThat(method.apiKeyRequired()).isTrue();
        assertThat(method.methodResponses()).containsKey("200");
        assertThat(method.methodIntegration().uri()).isEqualTo(LAMBDA_URI);
        assertThat(integration.typeAsString()).isEqualTo("AWS_PROXY");
        assertThat(integration.uri()).isEqualTo(LAMBDA_URI);
        assertThat(integration.timeoutInMillis()).isEqualTo(29_000);
    }

    @Test
    void aMethodWithoutIntegrationHasNoIntegrationToGet() {
        CreateRestApiResponse api = apigw.createRestApi(r -> r.name("no-integration"));
        apigw.putMethod(r -> r.restApiId(api.id()).resourceId(api.rootResourceId()).httpMethod("GET")
                .authorizationType("NONE"));

        assertThatThrownBy(() -> apigw.getIntegration(r -> r.restApiId(api.id()).resourceId(api.rootResourceId())
                .httpMethod("GET"))).isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(
                        e.awsErrorDetails().errorMessage()).isEqualTo("No integration defined for method"));
    }

    @Test
    void aProxyIntegrationMustInvokeALambdaFunction() {
        CreateRestApiResponse api = apigw.createRestApi(r -> r.name("not-lambda"));
        apigw.putMethod(r -> r.restApiId(api.id()).resourceId(api.rootResourceId()).httpMethod("GET")
                .authorizationType("NONE"));

        assertThatThrownBy(() -> apigw.putIntegration(r -> r.restApiId(api.id()).resourceId(api.rootResourceId())
                .httpMethod("GET").type("AWS_PROXY").integrationHttpMethod("POST")
                .uri("arn:aws:apigateway:us-east-1:s3:path/bucket/key"))).isInstanceOf(BadRequestException.class);
    }

    @Test
    void anApiWithoutMethodsCannotBeDeployed() {
        CreateRestApiResponse api = apigw.createRestApi(r -> r.name("empty"));

        assertThatThrownBy(() -> apigw.createDeployment(r -> r.restApiId(api.id())))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.awsErrorDetails()
                        .errorMessage()).isEqualTo("The REST API doesn't contain any methods"));
    }

    @Test
    void aStageNameIsTakenOnce() {
        String api = deployedApi("stage-twice");
        String deployment = apigw.getStage(r -> r.restApiId(api).stageName("beta")).deploymentId();

        assertThatThrownBy(() -> apigw.createStage(r -> r.restApiId(api).stageName("beta").deploymentId(deployment)))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void updateStageSetsAndRemovesVariablesAndMovesTheDeployment() {
        String api = deployedApi("patch-stage");
        String second = apigw.createDeployment(r -> r.restApiId(api).description("second")).id();

        UpdateStageResponse updated = apigw.updateStage(r -> r.restApiId(api).stageName("beta").patchOperations(
                p -> p.op(Op.REPLACE).path("/variables/lambdaAlias").value("prod"),
                p -> p.op(Op.ADD).path("/variables/extra").value("x"),
                p -> p.op(Op.REPLACE).path("/deploymentId").value(second),
                p -> p.op(Op.REPLACE).path("/*/*/throttling/rateLimit").value("5")));
        apigw.updateStage(r -> r.restApiId(api).stageName("beta").patchOperations(
                p -> p.op(Op.REMOVE).path("/variables/extra")));
        GetStageResponse removed = apigw.getStage(r -> r.restApiId(api).stageName("beta"));

        assertThat(updated.variables()).containsEntry("lambdaAlias", "prod").containsEntry("extra", "x");
        assertThat(updated.deploymentId()).isEqualTo(second);
        assertThat(updated.methodSettings().get("*/*").throttlingRateLimit()).isEqualTo(5.0);
        assertThat(removed.variables()).containsOnlyKeys("lambdaAlias");
    }

    @Test
    void aDeploymentAStageServesCannotBeDeleted() {
        String api = deployedApi("keep-deployment");
        String deployment = apigw.getStage(r -> r.restApiId(api).stageName("beta")).deploymentId();

        assertThatThrownBy(() -> apigw.deleteDeployment(r -> r.restApiId(api).deploymentId(deployment)))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.awsErrorDetails()
                        .errorMessage()).isEqualTo("Active stages pointing to this deployment must be moved or deleted"));
    }

    @Test
    void createDeploymentWithAStageNameCreatesTheStage() {
        String api = deployedApi("deploy-to-stage");

        String deployment = apigw.createDeployment(r -> r.restApiId(api).stageName("prod")
                .variables(Map.of("lambdaAlias", "prod"))).id();

        GetStageResponse prod = apigw.getStage(r -> r.restApiId(api).stageName("prod"));
        assertThat(prod.deploymentId()).isEqualTo(deployment);
        assertThat(prod.variables()).containsEntry("lambdaAlias", "prod");
        assertThat(apigw.getStages(r -> r.restApiId(api)).item()).extracting(s -> s.stageName())
                .containsExactly("beta", "prod");
        assertThat(apigw.getDeployment(r -> r.restApiId(api).deploymentId(deployment)).apiSummary())
                .containsKey("/");
    }

    @Test
    void aStageNamedLikeTheDataPlaneMarkerIsStillServedByTheControlPlane() {
        String api = deployedApi("marker-stage");
        String deployment = apigw.getStage(r -> r.restApiId(api).stageName("beta")).deploymentId();

        apigw.createStage(r -> r.restApiId(api).stageName("_user_request_").deploymentId(deployment));

        // GET /restapis/{id}/stages/_user_request_ has the data plane's marker where its path has it
        assertThat(apigw.getStage(r -> r.restApiId(api).stageName("_user_request_")).deploymentId())
                .isEqualTo(deployment);
    }

    @Test
    void aDeletedStageIsNotFound() {
        String api = deployedApi("delete-stage");

        apigw.deleteStage(r -> r.restApiId(api).stageName("beta"));

        assertThatThrownBy(() -> apigw.getStage(r -> r.restApiId(api).stageName("beta")))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("Invalid Stage identifier specified"));
    }

    @Test
    void apiGatewayGeneratesAKeyValueShownOnlyWhenAskedFor() {
        var created = apigw.createApiKey(r -> r.name("generated").enabled(true));

        var without = apigw.getApiKey(r -> r.apiKey(created.id()));
        var with = apigw.getApiKey(r -> r.apiKey(created.id()).includeValue(true));
        List<ApiKey> listed = apigw.getApiKeys(r -> r.nameQuery("generated").includeValues(true)).items();

        assertThat(created.value()).matches("[A-Za-z0-9]{40}");
        assertThat(without.value()).isNull();
        assertThat(with.value()).isEqualTo(created.value());
        assertThat(listed).extracting(ApiKey::value).contains(created.value());
    }

    @Test
    void aKeyIsDisabledUnlessEnabled() {
        assertThat(apigw.createApiKey(r -> r.name("disabled-by-default")).enabled()).isFalse();
    }

    @Test
    void aGivenKeyValueMustBeLongEnough() {
        assertThatThrownBy(() -> apigw.createApiKey(r -> r.name("short").value("too-short")))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("API Key value should be at least 20 characters"));
    }

    @Test
    void aDeletedKeyIsNotFound() {
        String id = apigw.createApiKey(r -> r.name("to-delete")).id();

        apigw.deleteApiKey(r -> r.apiKey(id));

        assertThatThrownBy(() -> apigw.getApiKey(r -> r.apiKey(id))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aUsagePlanHoldsStagesThrottleQuotaAndKeys() {
        String api = deployedApi("planned");
        String key = apigw.createApiKey(r -> r.name("planned-key").enabled(true)).id();

        CreateUsagePlanResponse plan = apigw.createUsagePlan(r -> r.name("plan").apiStages(s -> s.apiId(api)
                .stage("beta")).throttle(t -> t.rateLimit(50.0).burstLimit(100))
                .quota(q -> q.limit(1000).period("DAY")));
        var planKey = apigw.createUsagePlanKey(r -> r.usagePlanId(plan.id()).keyId(key).keyType("API_KEY"));

        assertThat(plan.throttle().burstLimit()).isEqualTo(100);
        assertThat(plan.quota().periodAsString()).isEqualTo("DAY");
        assertThat(planKey.type()).isEqualTo("API_KEY");
        assertThat(apigw.getUsagePlanKeys(r -> r.usagePlanId(plan.id())).items()).extracting(UsagePlanKey::id)
                .containsExactly(key);
        assertThat(apigw.getUsagePlans(r -> r.keyId(key)).items()).extracting(p -> p.id()).containsExactly(plan.id());
        assertThat(apigw.getUsagePlan(r -> r.usagePlanId(plan.id())).apiStages()).singleElement()
                .satisfies(s -> assertThat(s.stage()).isEqualTo("beta"));
    }

    @Test
    void aUsagePlanNeedsStagesThatExist() {
        String api = deployedApi("no-such-stage");

        assertThatThrownBy(() -> apigw.createUsagePlan(r -> r.name("plan").apiStages(s -> s.apiId(api)
                .stage("nope")))).isInstanceOf(BadRequestException.class);
    }

    @Test
    void aKeyCannotReachOneStageThroughTwoPlans() {
        String api = deployedApi("two-plans");
        String key = apigw.createApiKey(r -> r.name("two-plans-key").enabled(true)).id();
        String first = apigw.createUsagePlan(r -> r.name("first").apiStages(s -> s.apiId(api).stage("beta"))).id();
        String second = apigw.createUsagePlan(r -> r.name("second").apiStages(s -> s.apiId(api).stage("beta"))).id();
        apigw.createUsagePlanKey(r -> r.usagePlanId(first).keyId(key).keyType("API_KEY"));

        assertThatThrownBy(() -> apigw.createUsagePlanKey(r -> r.usagePlanId(second).keyId(key).keyType("API_KEY")))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void updateUsagePlanChangesThrottleAndQuota() {
        String api = deployedApi("plan-patch");
        String plan = apigw.createUsagePlan(r -> r.name("patched").apiStages(s -> s.apiId(api).stage("beta"))).id();

        var updated = apigw.updateUsagePlan(r -> r.usagePlanId(plan).patchOperations(
                p -> p.op(Op.REPLACE).path("/throttle/rateLimit").value("10"),
                p -> p.op(Op.REPLACE).path("/throttle/burstLimit").value("20"),
                p -> p.op(Op.REPLACE).path("/quota/limit").value("500"),
                p -> p.op(Op.REPLACE).path("/quota/period").value("WEEK")));

        assertThat(updated.throttle().rateLimit()).isEqualTo(10.0);
        assertThat(updated.throttle().burstLimit()).isEqualTo(20);
        assertThat(updated.quota().limit()).isEqualTo(500);
        assertThat(updated.quota().periodAsString()).isEqualTo("WEEK");
    }

    @Test
    void aDeletedUsagePlanKeyLeavesThePlan() {
        String api = deployedApi("key-leaves");
        String key = apigw.createApiKey(r -> r.name("leaving").enabled(true)).id();
        String plan = apigw.createUsagePlan(r -> r.name("left").apiStages(s -> s.apiId(api).stage("beta"))).id();
        apigw.createUsagePlanKey(r -> r.usagePlanId(plan).keyId(key).keyType("API_KEY"));

        apigw.deleteUsagePlanKey(r -> r.usagePlanId(plan).keyId(key));

        assertThat(apigw.getUsagePlanKeys(r -> r.usagePlanId(plan)).items()).isEmpty();
        assertThatThrownBy(() -> apigw.getUsagePlanKey(r -> r.usagePlanId(plan).keyId(key)))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aDeletedApiIsGone() {
        String api = deployedApi("deleted");

        apigw.deleteRestApi(r -> r.restApiId(api));

        assertThatThrownBy(() -> apigw.getRestApi(r -> r.restApiId(api))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void everythingSurvivesARestartWithAStateDirectory(@TempDir Path state) {
        String apiId;
        String keyId;
        String keyValue;
        String planId;
        try (LocalEmulator first = LocalEmulator.builder().port(0).stateDirectory(state).build().start();
                ApiGatewayClient client = Clients.apiGateway(first.endpoint())) {
            CreateRestApiResponse api = client.createRestApi(r -> r.name("durable"));
            client.putMethod(r -> r.restApiId(api.id()).resourceId(api.rootResourceId()).httpMethod("POST")
                    .authorizationType("NONE").apiKeyRequired(true));
            client.putIntegration(r -> r.restApiId(api.id()).resourceId(api.rootResourceId()).httpMethod("POST")
                    .type("AWS_PROXY").integrationHttpMethod("POST").uri(LAMBDA_URI));
            client.createDeployment(r -> r.restApiId(api.id()).stageName("prod")
                    .variables(Map.of("lambdaAlias", "prod")));
            var key = client.createApiKey(r -> r.name("durable-key").enabled(true));
            planId = client.createUsagePlan(r -> r.name("durable-plan").apiStages(s -> s.apiId(api.id()).stage("prod"))
                    .throttle(t -> t.rateLimit(50.0).burstLimit(100))).id();
            String plan = planId;
            client.createUsagePlanKey(r -> r.usagePlanId(plan).keyId(key.id()).keyType("API_KEY"));
            apiId = api.id();
            keyId = key.id();
            keyValue = key.value();
        }

        try (LocalEmulator second = LocalEmulator.builder().port(0).stateDirectory(state).build().start();
                ApiGatewayClient client = Clients.apiGateway(second.endpoint())) {
            String plan = planId;
            assertThat(client.getStage(r -> r.restApiId(apiId).stageName("prod")).variables())
                    .containsEntry("lambdaAlias", "prod");
            assertThat(client.getIntegration(r -> r.restApiId(apiId)
                    .resourceId(client.getRestApi(a -> a.restApiId(apiId)).rootResourceId()).httpMethod("POST")).uri())
                    .isEqualTo(LAMBDA_URI);
            assertThat(client.getApiKey(r -> r.apiKey(keyId).includeValue(true)).value()).isEqualTo(keyValue);
            assertThat(client.getUsagePlanKeys(r -> r.usagePlanId(plan)).items()).extracting(UsagePlanKey::id)
                    .containsExactly(keyId);
            assertThat(second.context().backend(ApiGatewayBackend.class).grant(apiId, "prod", keyValue)).isPresent();
        }
    }
}
