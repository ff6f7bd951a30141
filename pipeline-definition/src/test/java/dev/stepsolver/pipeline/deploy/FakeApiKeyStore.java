package dev.stepsolver.pipeline.deploy;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.GetApiKeyRequest;
import software.amazon.awssdk.services.apigateway.model.GetApiKeyResponse;
import software.amazon.awssdk.services.apigateway.model.GetStageRequest;
import software.amazon.awssdk.services.apigateway.model.GetStageResponse;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParameterRequest;
import software.amazon.awssdk.services.ssm.model.GetParameterResponse;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.PutParameterRequest;
import software.amazon.awssdk.services.ssm.model.PutParameterResponse;

/**
 * API Gateway's generated keys and stages and SSM Parameter Store, as far as the commands use
 * them: GetApiKey returns the value only with includeValue; GetParameter decrypts a SecureString
 * only withDecryption.
 */
public final class FakeApiKeyStore {

    public final Map<String, String> keys = new HashMap<>();
    public final Map<String, String> stageDeployments = new HashMap<>();
    public final Map<String, PutParameterRequest> parameters = new HashMap<>();

    public final ApiGatewayClient apiGateway = new ApiGatewayClient() {
        @Override
        public GetApiKeyResponse getApiKey(GetApiKeyRequest request) {
            String value = keys.get(request.apiKey());
            if (value == null) {
                throw software.amazon.awssdk.services.apigateway.model.NotFoundException.builder().statusCode(404)
                        .message("Invalid API Key identifier specified").build();
            }
            return GetApiKeyResponse.builder().id(request.apiKey())
                    .value(Boolean.TRUE.equals(request.includeValue()) ? value : null).build();
        }

        @Override
        public GetStageResponse getStage(GetStageRequest request) {
            String deployment = stageDeployments.get(request.restApiId() + "/" + request.stageName());
            if (deployment == null) {
                throw software.amazon.awssdk.services.apigateway.model.NotFoundException.builder().statusCode(404)
                        .message("Invalid stage identifier specified").build();
            }
            return GetStageResponse.builder().stageName(request.stageName()).deploymentId(deployment).build();
        }

        @Override
        public String serviceName() {
            return "apigateway";
        }

        @Override
        public void close() {
            // nothing to release
        }
    };

    public final SsmClient ssm = new SsmClient() {
        @Override
        public PutParameterResponse putParameter(PutParameterRequest request) {
            if (parameters.containsKey(request.name()) && !Boolean.TRUE.equals(request.overwrite())) {
                throw software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException.builder().statusCode(400)
                        .message("The parameter already exists.").build();
            }
            parameters.put(request.name(), request);
            return PutParameterResponse.builder().version(1L).build();
        }

        @Override
        public GetParameterResponse getParameter(GetParameterRequest request) {
            PutParameterRequest stored = parameters.get(request.name());
            if (stored == null) {
                throw (ParameterNotFoundException) ParameterNotFoundException.builder().statusCode(400)
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ParameterNotFound").build())
                        .message("ParameterNotFound").build();
            }
            boolean encrypted = stored.type() == ParameterType.SECURE_STRING && !Boolean.TRUE.equals(request.withDecryption());
            return GetParameterResponse.builder().parameter(p -> p.name(stored.name()).type(stored.type())
                    .value(encrypted ? "AQICAHencrypted==" : stored.value())).build();
        }

        @Override
        public String serviceName() {
            return "ssm";
        }

        @Override
        public void close() {
            // nothing to release
        }
    };
}
