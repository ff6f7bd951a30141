package dev.stepsolver.emulator.apigateway;

import dev.stepsolver.emulator.apigateway.ApiGatewayBackend.ApiKeySpec;
import dev.stepsolver.emulator.apigateway.ApiGatewayBackend.DeploymentSpec;
import dev.stepsolver.emulator.apigateway.ApiGatewayBackend.IntegrationSpec;
import dev.stepsolver.emulator.apigateway.ApiGatewayBackend.MethodSpec;
import dev.stepsolver.emulator.apigateway.ApiGatewayBackend.Patch;
import dev.stepsolver.emulator.apigateway.ApiGatewayBackend.RestApiSpec;
import dev.stepsolver.emulator.apigateway.ApiGatewayBackend.StageSpec;
import dev.stepsolver.emulator.apigateway.ApiGatewayBackend.UsagePlanKeyView;
import dev.stepsolver.emulator.apigateway.ApiGatewayBackend.UsagePlanSpec;
import dev.stepsolver.emulator.apigateway.IntegrationRecord.IntegrationResponseRecord;
import dev.stepsolver.emulator.apigateway.MethodRecord.MethodResponseRecord;
import dev.stepsolver.emulator.apigateway.UsagePlanRecord.ApiStageRef;
import dev.stepsolver.emulator.apigateway.UsagePlanRecord.Quota;
import dev.stepsolver.emulator.apigateway.UsagePlanRecord.Throttle;
import dev.stepsolver.emulator.protocol.AwsCall;
import dev.stepsolver.emulator.protocol.ModelJson;
import dev.stepsolver.emulator.protocol.RestJsonEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.apigateway.model.ApiKey;
import software.amazon.awssdk.services.apigateway.model.ApiStage;
import software.amazon.awssdk.services.apigateway.model.CreateApiKeyRequest;
import software.amazon.awssdk.services.apigateway.model.CreateApiKeyResponse;
import software.amazon.awssdk.services.apigateway.model.CreateDeploymentRequest;
import software.amazon.awssdk.services.apigateway.model.CreateDeploymentResponse;
import software.amazon.awssdk.services.apigateway.model.CreateResourceRequest;
import software.amazon.awssdk.services.apigateway.model.CreateResourceResponse;
import software.amazon.awssdk.services.apigateway.model.CreateRestApiRequest;
import software.amazon.awssdk.services.apigateway.model.CreateRestApiResponse;
import software.amazon.awssdk.services.apigateway.model.CreateStageRequest;
import software.amazon.awssdk.services.apigateway.model.CreateStageResponse;
import software.amazon.awssdk.services.apigateway.model.CreateUsagePlanKeyRequest;
import software.amazon.awssdk.services.apigateway.model.CreateUsagePlanKeyResponse;
import software.amazon.awssdk.services.apigateway.model.CreateUsagePlanRequest;
import software.amazon.awssdk.services.apigateway.model.CreateUsagePlanResponse;
import software.amazon.awssdk.services.apigateway.model.DeleteApiKeyRequest;
import software.amazon.awssdk.services.apigateway.model.DeleteApiKeyResponse;
import software.amazon.awssdk.services.apigateway.model.DeleteDeploymentRequest;
import software.amazon.awssdk.services.apigateway.model.DeleteDeploymentResponse;
import software.amazon.awssdk.services.apigateway.model.DeleteIntegrationRequest;
import software.amazon.awssdk.services.apigateway.model.DeleteIntegrationResponse;
import software.amazon.awssdk.services.apigateway.model.DeleteIntegrationResponseRequest;
import software.amazon.awssdk.services.apigateway.model.DeleteIntegrationResponseResponse;
import software.amazon.awssdk.services.apigateway.model.DeleteMethodRequest;
import software.amazon.awssdk.services.apigateway.model.DeleteMethodResponse;
import software.amazon.awssdk.services.apigateway.model.DeleteMethodResponseRequest;
import software.amazon.awssdk.services.apigateway.model.DeleteMethodResponseResponse;
import software.amazon.awssdk.services.apigateway.model.DeleteResourceRequest;
import software.amazon.awssdk.services.apigateway.model.DeleteResourceResponse;
import software.amazon.awssdk.services.apigateway.model.DeleteRestApiRequest;
import software.amazon.awssdk.services.apigateway.model.DeleteRestApiResponse;
import software.amazon.awssdk.services.apigateway.model.DeleteStageRequest;
import software.amazon.awssdk.services.apigateway.model.DeleteStageResponse;
import software.amazon.awssdk.services.apigateway.model.DeleteUsagePlanKeyRequest;
import software.amazon.awssdk.services.apigateway.model.DeleteUsagePlanKeyResponse;
import software.amazon.awssdk.services.apigateway.model.DeleteUsagePlanRequest;
import software.amazon.awssdk.services.apigateway.model.DeleteUsagePlanResponse;
import software.amazon.awssdk.services.apigateway.model.Deployment;
import software.amazon.awssdk.services.apigateway.model.GetApiKeyRequest;
import software.amazon.awssdk.services.apigateway.model.GetApiKeyResponse;
import software.amazon.awssdk.services.apigateway.model.GetApiKeysRequest;
import software.amazon.awssdk.services.apigateway.model.GetApiKeysResponse;
import software.amazon.awssdk.services.apigateway.model.GetDeploymentRequest;
import software.amazon.awssdk.services.apigateway.model.GetDeploymentResponse;
import software.amazon.awssdk.services.apigateway.model.GetDeploymentsRequest;
import software.amazon.awssdk.services.apigateway.model.GetDeploymentsResponse;
import software.amazon.awssdk.services.apigateway.model.GetIntegrationRequest;
import software.amazon.awssdk.services.apigateway.model.GetIntegrationResponse;
import software.amazon.awssdk.services.apigateway.model.GetIntegrationResponseRequest;
import software.amazon.awssdk.services.apigateway.model.GetIntegrationResponseResponse;
import software.amazon.awssdk.services.apigateway.model.GetMethodRequest;
import software.amazon.awssdk.services.apigateway.model.GetMethodResponse;
import software.amazon.awssdk.services.apigateway.model.GetMethodResponseRequest;
import software.amazon.awssdk.services.apigateway.model.GetMethodResponseResponse;
import software.amazon.awssdk.services.apigateway.model.GetResourceRequest;
import software.amazon.awssdk.services.apigateway.model.GetResourceResponse;
import software.amazon.awssdk.services.apigateway.model.GetResourcesRequest;
import software.amazon.awssdk.services.apigateway.model.GetResourcesResponse;
import software.amazon.awssdk.services.apigateway.model.GetRestApiRequest;
import software.amazon.awssdk.services.apigateway.model.GetRestApiResponse;
import software.amazon.awssdk.services.apigateway.model.GetRestApisRequest;
import software.amazon.awssdk.services.apigateway.model.GetRestApisResponse;
import software.amazon.awssdk.services.apigateway.model.GetStageRequest;
import software.amazon.awssdk.services.apigateway.model.GetStageResponse;
import software.amazon.awssdk.services.apigateway.model.GetStagesRequest;
import software.amazon.awssdk.services.apigateway.model.GetStagesResponse;
import software.amazon.awssdk.services.apigateway.model.GetUsagePlanKeyRequest;
import software.amazon.awssdk.services.apigateway.model.GetUsagePlanKeyResponse;
import software.amazon.awssdk.services.apigateway.model.GetUsagePlanKeysRequest;
import software.amazon.awssdk.services.apigateway.model.GetUsagePlanKeysResponse;
import software.amazon.awssdk.services.apigateway.model.GetUsagePlanRequest;
import software.amazon.awssdk.services.apigateway.model.GetUsagePlanResponse;
import software.amazon.awssdk.services.apigateway.model.GetUsagePlansRequest;
import software.amazon.awssdk.services.apigateway.model.GetUsagePlansResponse;
import software.amazon.awssdk.services.apigateway.model.Integration;
import software.amazon.awssdk.services.apigateway.model.IntegrationResponse;
import software.amazon.awssdk.services.apigateway.model.Method;
import software.amazon.awssdk.services.apigateway.model.MethodResponse;
import software.amazon.awssdk.services.apigateway.model.MethodSetting;
import software.amazon.awssdk.services.apigateway.model.MethodSnapshot;
import software.amazon.awssdk.services.apigateway.model.PatchOperation;
import software.amazon.awssdk.services.apigateway.model.PutIntegrationRequest;
import software.amazon.awssdk.services.apigateway.model.PutIntegrationResponse;
import software.amazon.awssdk.services.apigateway.model.PutIntegrationResponseRequest;
import software.amazon.awssdk.services.apigateway.model.PutIntegrationResponseResponse;
import software.amazon.awssdk.services.apigateway.model.PutMethodRequest;
import software.amazon.awssdk.services.apigateway.model.PutMethodResponse;
import software.amazon.awssdk.services.apigateway.model.PutMethodResponseRequest;
import software.amazon.awssdk.services.apigateway.model.PutMethodResponseResponse;
import software.amazon.awssdk.services.apigateway.model.QuotaSettings;
import software.amazon.awssdk.services.apigateway.model.Resource;
import software.amazon.awssdk.services.apigateway.model.RestApi;
import software.amazon.awssdk.services.apigateway.model.Stage;
import software.amazon.awssdk.services.apigateway.model.ThrottleSettings;
import software.amazon.awssdk.services.apigateway.model.UpdateApiKeyRequest;
import software.amazon.awssdk.services.apigateway.model.UpdateApiKeyResponse;
import software.amazon.awssdk.services.apigateway.model.UpdateMethodRequest;
import software.amazon.awssdk.services.apigateway.model.UpdateMethodResponse;
import software.amazon.awssdk.services.apigateway.model.UpdateRestApiRequest;
import software.amazon.awssdk.services.apigateway.model.UpdateRestApiResponse;
import software.amazon.awssdk.services.apigateway.model.UpdateDeploymentRequest;
import software.amazon.awssdk.services.apigateway.model.UpdateDeploymentResponse;
import software.amazon.awssdk.services.apigateway.model.UpdateStageRequest;
import software.amazon.awssdk.services.apigateway.model.UpdateStageResponse;
import software.amazon.awssdk.services.apigateway.model.UpdateUsagePlanRequest;
import software.amazon.awssdk.services.apigateway.model.UpdateUsagePlanResponse;
import software.amazon.awssdk.services.apigateway.model.UsagePlan;
import software.amazon.awssdk.services.apigateway.model.UsagePlanKey;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * The API Gateway control plane over REST-JSON: each AWS operation bound to the SDK's request model,
 * passed to {@link ApiGatewayBackend}, and the stored records rendered as the SDK's response model.
 */
final class ApiGatewayOperations {

    private static final String API = "/restapis/{restapi_id}";
    private static final String RESOURCE = API + "/resources/{resource_id}";
    private static final String METHOD = RESOURCE + "/methods/{http_method}";
    private static final String INTEGRATION = METHOD + "/integration";

    private ApiGatewayOperations() {
    }

    static List<RestJsonEndpoint.Route> routes(ApiGatewayBackend backend) {
        return List.of(
                // ------------------------------------------------------------ REST APIs
                RestJsonEndpoint.route("POST", "/restapis", "CreateRestApi", 201, CreateRestApiRequest::builder,
                        (CreateRestApiRequest in, AwsCall call) -> convert(restApi(backend.createRestApi(
                                new RestApiSpec(in.name(), Optional.ofNullable(in.description()),
                                        in.endpointConfiguration() == null ? List.of()
                                                : in.endpointConfiguration().typesAsStrings(),
                                        in.binaryMediaTypes(), Optional.ofNullable(in.apiKeySourceAsString()),
                                        Boolean.TRUE.equals(in.disableExecuteApiEndpoint()), in.tags()))),
                                CreateRestApiResponse::builder)),
                RestJsonEndpoint.route("GET", "/restapis", "GetRestApis", 200, GetRestApisRequest::builder,
                        (GetRestApisRequest in, AwsCall call) -> GetRestApisResponse.builder()
                                .items(backend.restApis().stream().map(ApiGatewayOperations::restApi).toList())
                                .build()),
                RestJsonEndpoint.route("GET", API, "GetRestApi", 200, GetRestApiRequest::builder,
                        (GetRestApiRequest in, AwsCall call) -> convert(restApi(backend.restApi(in.restApiId())),
                                GetRestApiResponse::builder)),
                RestJsonEndpoint.route("PATCH", API, "UpdateRestApi", 200, UpdateRestApiRequest::builder,
                        (UpdateRestApiRequest in, AwsCall call) -> convert(restApi(backend.updateRestApi(
                                in.restApiId(), patches(in.patchOperations()))), UpdateRestApiResponse::builder)),
                RestJsonEndpoint.route("DELETE", API, "DeleteRestApi", 202, DeleteRestApiRequest::builder,
                        (DeleteRestApiRequest in, AwsCall call) -> {
                            backend.deleteRestApi(in.restApiId());
                            return DeleteRestApiResponse.builder().build();
                        }),

                // ------------------------------------------------------------ resources
                RestJsonEndpoint.route("GET", API + "/resources", "GetResources", 200, GetResourcesRequest::builder,
                        (GetResourcesRequest in, AwsCall call) -> GetResourcesResponse.builder()
                                .items(backend.resources(in.restApiId()).stream()
                                        .map(ApiGatewayOperations::resource).toList()).build()),
                RestJsonEndpoint.route("GET", RESOURCE, "GetResource", 200, GetResourceRequest::builder,
                        (GetResourceRequest in, AwsCall call) -> convert(resource(backend.resource(in.restApiId(),
                                in.resourceId())), GetResourceResponse::builder)),
                RestJsonEndpoint.route("POST", API + "/resources/{parent_id}", "CreateResource", 201,
                        CreateResourceRequest::builder, (CreateResourceRequest in, AwsCall call) -> convert(
                                resource(backend.createResource(in.restApiId(), in.parentId(), in.pathPart())),
                                CreateResourceResponse::builder)),
                RestJsonEndpoint.route("DELETE", RESOURCE, "DeleteResource", 202, DeleteResourceRequest::builder,
                        (DeleteResourceRequest in, AwsCall call) -> {
                            backend.deleteResource(in.restApiId(), in.resourceId());
                            return DeleteResourceResponse.builder().build();
                        }),

                // ------------------------------------------------------------ methods
                RestJsonEndpoint.route("PUT", METHOD, "PutMethod", 201, PutMethodRequest::builder,
                        (PutMethodRequest in, AwsCall call) -> convert(method(backend.putMethod(in.restApiId(),
                                in.resourceId(), in.httpMethod(), new MethodSpec(in.authorizationType(),
                                        Boolean.TRUE.equals(in.apiKeyRequired()), Optional.ofNullable(in.authorizerId()),
                                        Optional.ofNullable(in.operationName()), in.requestParameters(),
                                        in.requestModels()))), PutMethodResponse::builder)),
                RestJsonEndpoint.route("GET", METHOD, "GetMethod", 200, GetMethodRequest::builder,
                        (GetMethodRequest in, AwsCall call) -> convert(method(backend.method(in.restApiId(),
                                in.resourceId(), in.httpMethod())), GetMethodResponse::builder)),
                RestJsonEndpoint.route("PATCH", METHOD, "UpdateMethod", 200, UpdateMethodRequest::builder,
                        (UpdateMethodRequest in, AwsCall call) -> convert(method(backend.updateMethod(in.restApiId(),
                                in.resourceId(), in.httpMethod(), patches(in.patchOperations()))),
                                UpdateMethodResponse::builder)),
                RestJsonEndpoint.route("DELETE", METHOD, "DeleteMethod", 204, DeleteMethodRequest::builder,
                        (DeleteMethodRequest in, AwsCall call) -> {
                            backend.deleteMethod(in.restApiId(), in.resourceId(), in.httpMethod());
                            return DeleteMethodResponse.builder().build();
                        }),
                RestJsonEndpoint.route("PUT", METHOD + "/responses/{status_code}", "PutMethodResponse", 201,
                        PutMethodResponseRequest::builder, (PutMethodResponseRequest in, AwsCall call) -> convert(
                                methodResponse(backend.putMethodResponse(in.restApiId(), in.resourceId(),
                                        in.httpMethod(), in.statusCode(), in.responseParameters(),
                                        in.responseModels())), PutMethodResponseResponse::builder)),
                RestJsonEndpoint.route("GET", METHOD + "/responses/{status_code}", "GetMethodResponse", 200,
                        GetMethodResponseRequest::builder, (GetMethodResponseRequest in, AwsCall call) -> convert(
                                methodResponse(backend.methodResponse(in.restApiId(), in.resourceId(),
                                        in.httpMethod(), in.statusCode())), GetMethodResponseResponse::builder)),
                RestJsonEndpoint.route("DELETE", METHOD + "/responses/{status_code}", "DeleteMethodResponse", 204,
                        DeleteMethodResponseRequest::builder, (DeleteMethodResponseRequest in, AwsCall call) -> {
                            backend.deleteMethodResponse(in.restApiId(), in.resourceId(), in.httpMethod(),
                                    in.statusCode());
                            return DeleteMethodResponseResponse.builder().build();
                        }),

                // ------------------------------------------------------------ integrations
                RestJsonEndpoint.route("PUT", INTEGRATION, "PutIntegration", 201, PutIntegrationRequest::builder,
                        (PutIntegrationRequest in, AwsCall call) -> convert(integration(backend.putIntegration(
                                in.restApiId(), in.resourceId(), in.httpMethod(), new IntegrationSpec(in.typeAsString(),
                                        Optional.ofNullable(in.integrationHttpMethod()), Optional.ofNullable(in.uri()),
                                        Optional.ofNullable(in.credentials()), in.requestParameters(),
                                        in.requestTemplates(), Optional.ofNullable(in.passthroughBehavior()),
                                        Optional.ofNullable(in.contentHandlingAsString()),
                                        Optional.ofNullable(in.timeoutInMillis()), Optional.ofNullable(in.cacheNamespace()),
                                        in.cacheKeyParameters(), Optional.ofNullable(in.connectionTypeAsString())))),
                                PutIntegrationResponse::builder)),
                RestJsonEndpoint.route("GET", INTEGRATION, "GetIntegration", 200, GetIntegrationRequest::builder,
                        (GetIntegrationRequest in, AwsCall call) -> convert(integration(backend.integration(
                                in.restApiId(), in.resourceId(), in.httpMethod())), GetIntegrationResponse::builder)),
                RestJsonEndpoint.route("DELETE", INTEGRATION, "DeleteIntegration", 204,
                        DeleteIntegrationRequest::builder, (DeleteIntegrationRequest in, AwsCall call) -> {
                            backend.deleteIntegration(in.restApiId(), in.resourceId(), in.httpMethod());
                            return DeleteIntegrationResponse.builder().build();
                        }),
                RestJsonEndpoint.route("PUT", INTEGRATION + "/responses/{status_code}", "PutIntegrationResponse", 201,
                        PutIntegrationResponseRequest::builder, (PutIntegrationResponseRequest in, AwsCall call) ->
                                convert(integrationResponse(backend.putIntegrationResponse(in.restApiId(),
                                        in.resourceId(), in.httpMethod(), in.statusCode(),
                                        Optional.ofNullable(in.selectionPattern()), in.responseParameters(),
                                        in.responseTemplates(), Optional.ofNullable(in.contentHandlingAsString()))),
                                        PutIntegrationResponseResponse::builder)),
                RestJsonEndpoint.route("GET", INTEGRATION + "/responses/{status_code}", "GetIntegrationResponse", 200,
                        GetIntegrationResponseRequest::builder, (GetIntegrationResponseRequest in, AwsCall call) ->
                                convert(integrationResponse(backend.integrationResponse(in.restApiId(),
                                        in.resourceId(), in.httpMethod(), in.statusCode())),
                                        GetIntegrationResponseResponse::builder)),
                RestJsonEndpoint.route("DELETE", INTEGRATION + "/responses/{status_code}", "DeleteIntegrationResponse",
                        204, DeleteIntegrationResponseRequest::builder,
                        (DeleteIntegrationResponseRequest in, AwsCall call) -> {
                            backend.deleteIntegrationResponse(in.restApiId(), in.resourceId(), in.httpMethod(),
                                    in.statusCode());
                            return DeleteIntegrationResponseResponse.builder().build();
                        }),

                // ------------------------------------------------------------ deployments
                RestJsonEndpoint.route("POST", API + "/deployments", "CreateDeployment", 201,
                        CreateDeploymentRequest::builder, (CreateDeploymentRequest in, AwsCall call) -> convert(
                                deployment(backend.createDeployment(in.restApiId(), new DeploymentSpec(
                                        Optional.ofNullable(in.description()), Optional.ofNullable(in.stageName()),
                                        Optional.ofNullable(in.stageDescription()), in.variables()))),
                                CreateDeploymentResponse::builder)),
                RestJsonEndpoint.route("GET", API + "/deployments", "GetDeployments", 200,
                        GetDeploymentsRequest::builder, (GetDeploymentsRequest in, AwsCall call) ->
                                GetDeploymentsResponse.builder().items(backend.deployments(in.restApiId()).stream()
                                        .map(ApiGatewayOperations::deployment).toList()).build()),
                RestJsonEndpoint.route("GET", API + "/deployments/{deployment_id}", "GetDeployment", 200,
                        GetDeploymentRequest::builder, (GetDeploymentRequest in, AwsCall call) -> convert(
                                deployment(backend.deployment(in.restApiId(), in.deploymentId())),
                                GetDeploymentResponse::builder)),
                RestJsonEndpoint.route("PATCH", API + "/deployments/{deployment_id}", "UpdateDeployment", 200,
                        UpdateDeploymentRequest::builder, (UpdateDeploymentRequest in, AwsCall call) -> convert(
                                deployment(backend.updateDeployment(in.restApiId(), in.deploymentId(),
                                        patches(in.patchOperations()))), UpdateDeploymentResponse::builder)),
                RestJsonEndpoint.route("DELETE", API + "/deployments/{deployment_id}", "DeleteDeployment", 202,
                        DeleteDeploymentRequest::builder, (DeleteDeploymentRequest in, AwsCall call) -> {
                            backend.deleteDeployment(in.restApiId(), in.deploymentId());
                            return DeleteDeploymentResponse.builder().build();
                        }),

                // ------------------------------------------------------------ stages
                RestJsonEndpoint.route("POST", API + "/stages", "CreateStage", 201, CreateStageRequest::builder,
                        (CreateStageRequest in, AwsCall call) -> convert(stage(backend.createStage(in.restApiId(),
                                new StageSpec(in.stageName(), in.deploymentId(), Optional.ofNullable(in.description()),
                                        in.variables(), Boolean.TRUE.equals(in.tracingEnabled()), in.tags()))),
                                CreateStageResponse::builder)),
                RestJsonEndpoint.route("GET", API + "/stages", "GetStages", 200, GetStagesRequest::builder,
                        (GetStagesRequest in, AwsCall call) -> GetStagesResponse.builder().item(backend.stages(
                                in.restApiId(), Optional.ofNullable(in.deploymentId())).stream()
                                .map(ApiGatewayOperations::stage).toList()).build()),
                RestJsonEndpoint.route("GET", API + "/stages/{stage_name}", "GetStage", 200, GetStageRequest::builder,
                        (GetStageRequest in, AwsCall call) -> convert(stage(backend.stage(in.restApiId(),
                                in.stageName())), GetStageResponse::builder)),
                RestJsonEndpoint.route("PATCH", API + "/stages/{stage_name}", "UpdateStage", 200,
                        UpdateStageRequest::builder, (UpdateStageRequest in, AwsCall call) -> convert(stage(
                                backend.updateStage(in.restApiId(), in.stageName(), patches(in.patchOperations()))),
                                UpdateStageResponse::builder)),
                RestJsonEndpoint.route("DELETE", API + "/stages/{stage_name}", "DeleteStage", 202,
                        DeleteStageRequest::builder, (DeleteStageRequest in, AwsCall call) -> {
                            backend.deleteStage(in.restApiId(), in.stageName());
                            return DeleteStageResponse.builder().build();
                        }),

                // ------------------------------------------------------------ API keys
                RestJsonEndpoint.route("POST", "/apikeys", "CreateApiKey", 201, CreateApiKeyRequest::builder,
                        (CreateApiKeyRequest in, AwsCall call) -> convert(apiKey(backend.createApiKey(new ApiKeySpec(
                                Optional.ofNullable(in.name()), Optional.ofNullable(in.description()),
                                Boolean.TRUE.equals(in.enabled()), Optional.ofNullable(in.value()),
                                Optional.ofNullable(in.customerId()), in.stageKeys().stream()
                                        .map(k -> k.restApiId() + "/" + k.stageName()).toList(), in.tags())), true),
                                CreateApiKeyResponse::builder)),
                RestJsonEndpoint.route("GET", "/apikeys", "GetApiKeys", 200, GetApiKeysRequest::builder,
                        (GetApiKeysRequest in, AwsCall call) -> GetApiKeysResponse.builder()
                                .items(backend.apiKeys(Optional.ofNullable(in.nameQuery()),
                                        Optional.ofNullable(in.customerId())).stream()
                                        .map(k -> apiKey(k, Boolean.TRUE.equals(in.includeValues()))).toList())
                                .build()),
                RestJsonEndpoint.route("GET", "/apikeys/{api_Key}", "GetApiKey", 200, GetApiKeyRequest::builder,
                        (GetApiKeyRequest in, AwsCall call) -> convert(apiKey(backend.apiKey(in.apiKey()),
                                Boolean.TRUE.equals(in.includeValue())), GetApiKeyResponse::builder)),
                RestJsonEndpoint.route("PATCH", "/apikeys/{api_Key}", "UpdateApiKey", 200, UpdateApiKeyRequest::builder,
                        (UpdateApiKeyRequest in, AwsCall call) -> convert(apiKey(backend.updateApiKey(in.apiKey(),
                                patches(in.patchOperations())), false), UpdateApiKeyResponse::builder)),
                RestJsonEndpoint.route("DELETE", "/apikeys/{api_Key}", "DeleteApiKey", 202,
                        DeleteApiKeyRequest::builder, (DeleteApiKeyRequest in, AwsCall call) -> {
                            backend.deleteApiKey(in.apiKey());
                            return DeleteApiKeyResponse.builder().build();
                        }),

                // ------------------------------------------------------------ usage plans
                RestJsonEndpoint.route("POST", "/usageplans", "CreateUsagePlan", 201, CreateUsagePlanRequest::builder,
                        (CreateUsagePlanRequest in, AwsCall call) -> convert(usagePlan(backend.createUsagePlan(
                                new UsagePlanSpec(in.name(), Optional.ofNullable(in.description()),
                                        in.apiStages().stream().map(ApiGatewayOperations::apiStageRef).toList(),
                                        Optional.ofNullable(in.throttle()).map(ApiGatewayOperations::throttle),
                                        Optional.ofNullable(in.quota()).map(ApiGatewayOperations::quota), in.tags()))),
                                CreateUsagePlanResponse::builder)),
                RestJsonEndpoint.route("GET", "/usageplans", "GetUsagePlans", 200, GetUsagePlansRequest::builder,
                        (GetUsagePlansRequest in, AwsCall call) -> GetUsagePlansResponse.builder()
                                .items(backend.usagePlans(Optional.ofNullable(in.keyId())).stream()
                                        .map(ApiGatewayOperations::usagePlan).toList()).build()),
                RestJsonEndpoint.route("GET", "/usageplans/{usageplanId}", "GetUsagePlan", 200,
                        GetUsagePlanRequest::builder, (GetUsagePlanRequest in, AwsCall call) -> convert(
                                usagePlan(backend.usagePlan(in.usagePlanId())), GetUsagePlanResponse::builder)),
                RestJsonEndpoint.route("PATCH", "/usageplans/{usageplanId}", "UpdateUsagePlan", 200,
                        UpdateUsagePlanRequest::builder, (UpdateUsagePlanRequest in, AwsCall call) -> convert(
                                usagePlan(backend.updateUsagePlan(in.usagePlanId(), patches(in.patchOperations()))),
                                UpdateUsagePlanResponse::builder)),
                RestJsonEndpoint.route("DELETE", "/usageplans/{usageplanId}", "DeleteUsagePlan", 202,
                        DeleteUsagePlanRequest::builder, (DeleteUsagePlanRequest in, AwsCall call) -> {
                            backend.deleteUsagePlan(in.usagePlanId());
                            return DeleteUsagePlanResponse.builder().build();
                        }),
                RestJsonEndpoint.route("POST", "/usageplans/{usageplanId}/keys", "CreateUsagePlanKey", 201,
                        CreateUsagePlanKeyRequest::builder, (CreateUsagePlanKeyRequest in, AwsCall call) -> convert(
                                usagePlanKey(backend.createUsagePlanKey(in.usagePlanId(), in.keyId(), in.keyType())),
                                CreateUsagePlanKeyResponse::builder)),
                RestJsonEndpoint.route("GET", "/usageplans/{usageplanId}/keys", "GetUsagePlanKeys", 200,
                        GetUsagePlanKeysRequest::builder, (GetUsagePlanKeysRequest in, AwsCall call) ->
                                GetUsagePlanKeysResponse.builder().items(backend.usagePlanKeys(in.usagePlanId(),
                                        Optional.ofNullable(in.nameQuery())).stream()
                                        .map(ApiGatewayOperations::usagePlanKey).toList()).build()),
                RestJsonEndpoint.route("GET", "/usageplans/{usageplanId}/keys/{keyId}", "GetUsagePlanKey", 200,
                        GetUsagePlanKeyRequest::builder, (GetUsagePlanKeyRequest in, AwsCall call) -> convert(
                                usagePlanKey(backend.usagePlanKey(in.usagePlanId(), in.keyId())),
                                GetUsagePlanKeyResponse::builder)),
                RestJsonEndpoint.route("DELETE", "/usageplans/{usageplanId}/keys/{keyId}", "DeleteUsagePlanKey", 202,
                        DeleteUsagePlanKeyRequest::builder, (DeleteUsagePlanKeyRequest in, AwsCall call) -> {
                            backend.deleteUsagePlanKey(in.usagePlanId(), in.keyId());
                            return DeleteUsagePlanKeyResponse.builder().build();
                        }));
    }

    // ------------------------------------------------------------------ requests to records

    private static List<Patch> patches(List<PatchOperation> operations) {
        return operations.stream().map(p -> new Patch(p.opAsString() == null ? "" : p.opAsString(),
                p.path() == null ? "" : p.path(), Optional.ofNullable(p.value()), Optional.ofNullable(p.from())))
                .toList();
    }

    private static ApiStageRef apiStageRef(ApiStage stage) {
        Map<String, Throttle> methods = new HashMap<>();
        stage.throttle().forEach((key, value) -> methods.put(key, throttle(value)));
        return new ApiStageRef(stage.apiId(), stage.stage(), methods);
    }

    private static Throttle throttle(ThrottleSettings settings) {
        return new Throttle(settings.rateLimit() == null ? 0 : settings.rateLimit(),
                settings.burstLimit() == null ? 0 : settings.burstLimit());
    }

    private static Quota quota(QuotaSettings settings) {
        return new Quota(settings.limit() == null ? 0 : settings.limit(),
                settings.offset() == null ? 0 : settings.offset(), settings.periodAsString());
    }

    // ------------------------------------------------------------------ records to the SDK's shapes

    static RestApi restApi(RestApiRecord api) {
        return RestApi.builder()
                .id(api.id())
                .name(api.name())
                .description(api.description())
                .createdDate(api.createdDate())
                .apiKeySource(api.apiKeySource())
                .endpointConfiguration(e -> e.typesWithStrings(api.endpointTypes())
                        .ipAddressType("ipv4"))
                .binaryMediaTypes(api.binaryMediaTypes().isEmpty() ? null : api.binaryMediaTypes())
                .disableExecuteApiEndpoint(api.disableExecuteApiEndpoint())
                .rootResourceId(api.rootResourceId())
                .tags(api.tags().isEmpty() ? null : api.tags())
                .build();
    }

    static Resource resource(ResourceRecord resource) {
        Map<String, Method> methods = new LinkedHashMap<>();
        resource.methods().values().stream().sorted(java.util.Comparator.comparing(MethodRecord::httpMethod))
                .forEach(m -> methods.put(m.httpMethod(), method(m)));
        return Resource.builder()
                .id(resource.id())
                .parentId(resource.parentId())
                .pathPart(resource.pathPart())
                .path(resource.path())
                .resourceMethods(methods.isEmpty() ? null : methods)
                .build();
    }

    static Method method(MethodRecord method) {
        Map<String, MethodResponse> responses = new LinkedHashMap<>();
        method.methodResponses().forEach((code, r) -> responses.put(code, methodResponse(r)));
        return Method.builder()
                .httpMethod(method.httpMethod())
                .authorizationType(method.authorizationType())
                .authorizerId(method.authorizerId())
                .apiKeyRequired(method.apiKeyRequired())
                .operationName(method.operationName())
                .requestParameters(method.requestParameters().isEmpty() ? null : method.requestParameters())
                .requestModels(method.requestModels().isEmpty() ? null : method.requestModels())
                .methodResponses(responses.isEmpty() ? null : responses)
                .methodIntegration(method.integrationIfAny().map(ApiGatewayOperations::integration).orElse(null))
                .build();
    }

    static MethodResponse methodResponse(MethodResponseRecord response) {
        return MethodResponse.builder()
                .statusCode(response.statusCode())
                .responseParameters(response.responseParameters().isEmpty() ? null : response.responseParameters())
                .responseModels(response.responseModels().isEmpty() ? null : response.responseModels())
                .build();
    }

    static Integration integration(IntegrationRecord integration) {
        Map<String, IntegrationResponse> responses = new LinkedHashMap<>();
        integration.integrationResponses().forEach((code, r) -> responses.put(code, integrationResponse(r)));
        return Integration.builder()
                .type(integration.type())
                .httpMethod(integration.httpMethod())
                .uri(integration.uri())
                .credentials(integration.credentials())
                .connectionType(integration.connectionType())
                .requestParameters(integration.requestParameters().isEmpty() ? null : integration.requestParameters())
                .requestTemplates(integration.requestTemplates().isEmpty() ? null : integration.requestTemplates())
                .passthroughBehavior(integration.passthroughBehavior())
                .contentHandling(integration.contentHandling())
                .timeoutInMillis(integration.timeoutInMillis())
                .cacheNamespace(integration.cacheNamespace())
                .cacheKeyParameters(integration.cacheKeyParameters())
                .integrationResponses(responses.isEmpty() ? null : responses)
                .build();
    }

    static IntegrationResponse integrationResponse(IntegrationResponseRecord response) {
        return IntegrationResponse.builder()
                .statusCode(response.statusCode())
                .selectionPattern(response.selectionPattern())
                .responseParameters(response.responseParameters().isEmpty() ? null : response.responseParameters())
                .responseTemplates(response.responseTemplates().isEmpty() ? null : response.responseTemplates())
                .contentHandling(response.contentHandling())
                .build();
    }

    /** A deployment with its API summary: path → method → (authorization type, API key required). */
    static Deployment deployment(DeploymentRecord deployment) {
        Map<String, Map<String, MethodSnapshot>> summary = new java.util.TreeMap<>();
        for (ResourceRecord resource : deployment.resources().values()) {
            if (resource.methods().isEmpty()) {
                continue;
            }
            Map<String, MethodSnapshot> methods = new java.util.TreeMap<>();
            resource.methods().values().forEach(m -> methods.put(m.httpMethod(), MethodSnapshot.builder()
                    .authorizationType(m.authorizationType()).apiKeyRequired(m.apiKeyRequired()).build()));
            summary.put(resource.path(), methods);
        }
        return Deployment.builder()
                .id(deployment.id())
                .description(deployment.description())
                .createdDate(deployment.createdDate())
                .apiSummary(summary)
                .build();
    }

    static Stage stage(StageRecord stage) {
        Map<String, MethodSetting> settings = new LinkedHashMap<>();
        stage.methodSettings().forEach((key, values) -> settings.put(methodSettingKey(key), methodSetting(values)));
        return Stage.builder()
                .stageName(stage.stageName())
                .deploymentId(stage.deploymentId())
                .description(stage.description())
                .variables(stage.variables().isEmpty() ? null : stage.variables())
                .methodSettings(settings)
                .cacheClusterEnabled(false)
                .cacheClusterStatus("NOT_AVAILABLE")
                .tracingEnabled(stage.tracingEnabled())
                .tags(stage.tags().isEmpty() ? null : stage.tags())
                .createdDate(stage.createdDate())
                .lastUpdatedDate(stage.lastUpdatedDate())
                .build();
    }

    /** Keys as in the patch paths: the resource path with {@code ~1} for each {@code /}, then the method. */
    private static String methodSettingKey(String key) {
        if (key.equals("*/*")) {
            return key;
        }
        int slash = key.lastIndexOf('/');
        return key.substring(0, slash).replace("~", "~0").replace("/", "~1") + key.substring(slash);
    }

    private static MethodSetting methodSetting(Map<String, String> values) {
        MethodSetting.Builder setting = MethodSetting.builder();
        values.forEach((name, value) -> {
            switch (name) {
                case "throttling/rateLimit" -> setting.throttlingRateLimit(Double.parseDouble(value));
                case "throttling/burstLimit" -> setting.throttlingBurstLimit((int) Double.parseDouble(value));
                case "metrics/enabled" -> setting.metricsEnabled(Boolean.parseBoolean(value));
                case "logging/loglevel" -> setting.loggingLevel(value);
                case "logging/dataTrace" -> setting.dataTraceEnabled(Boolean.parseBoolean(value));
                case "caching/enabled" -> setting.cachingEnabled(Boolean.parseBoolean(value));
                case "caching/ttlInSeconds" -> setting.cacheTtlInSeconds((int) Double.parseDouble(value));
                case "caching/dataEncrypted" -> setting.cacheDataEncrypted(Boolean.parseBoolean(value));
                case "caching/requireAuthorizationForCacheControl" ->
                        setting.requireAuthorizationForCacheControl(Boolean.parseBoolean(value));
                case "caching/unauthorizedCacheControlHeaderStrategy" ->
                        setting.unauthorizedCacheControlHeaderStrategy(value);
                default -> {
                    // only the settings above are accepted by UpdateStage
                }
            }
        });
        return setting.build();
    }

    /** An API key; its value only when asked for (GetApiKey includeValue, GetApiKeys includeValues) or just created. */
    static ApiKey apiKey(ApiKeyRecord key, boolean includeValue) {
        return ApiKey.builder()
                .id(key.id())
                .value(includeValue ? key.value() : null)
                .name(key.name())
                .description(key.description())
                .enabled(key.enabled())
                .customerId(key.customerId())
                .stageKeys(key.stageKeys())
                .tags(key.tags().isEmpty() ? null : key.tags())
                .createdDate(key.createdDate())
                .lastUpdatedDate(key.lastUpdatedDate())
                .build();
    }

    static UsagePlan usagePlan(UsagePlanRecord plan) {
        return UsagePlan.builder()
                .id(plan.id())
                .name(plan.name())
                .description(plan.description())
                .apiStages(plan.apiStages().stream().map(s -> {
                    Map<String, ThrottleSettings> methods = new LinkedHashMap<>();
                    s.methodThrottles().forEach((key, t) -> methods.put(key, throttleSettings(t)));
                    return ApiStage.builder().apiId(s.apiId()).stage(s.stage())
                            .throttle(methods.isEmpty() ? null : methods).build();
                }).toList())
                .throttle(plan.throttleIfAny().map(ApiGatewayOperations::throttleSettings).orElse(null))
                .quota(plan.quotaIfAny().map(q -> QuotaSettings.builder().limit(q.limit()).offset(q.offset())
                        .period(q.period()).build()).orElse(null))
                .tags(plan.tags().isEmpty() ? null : plan.tags())
                .build();
    }

    private static ThrottleSettings throttleSettings(Throttle throttle) {
        return ThrottleSettings.builder().rateLimit(throttle.rateLimit()).burstLimit(throttle.burstLimit()).build();
    }

    static UsagePlanKey usagePlanKey(UsagePlanKeyView key) {
        return UsagePlanKey.builder().id(key.id()).type(key.type()).value(key.value()).name(key.name().orElse(null))
                .build();
    }

    /** The same members in another SDK shape (RestApi → CreateRestApiResponse...). */
    private static <T> T convert(SdkPojo source, Supplier<? extends SdkBuilder<?, T>> target) {
        try {
            return ModelJson.read(ModelJson.write(source), target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
