package dev.stepsolver.pipeline.deploy;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The API key's value lives in SSM as a SecureString, never in the template: CloudFormation
 * cannot create SecureStrings, so API Gateway generates the key and this copies its value.
 */
public final class ApiKeys {

    private ApiKeys() {
    }

    /** Copies the generated value of {@code apiKeyId} into the SecureString {@code parameterName}. */
    public static void copyToSsm(ApiGatewayClient apiGateway, SsmClient ssm, String apiKeyId, String parameterName)
            throws ApiKeyException {
        String value;
        try {
            value = apiGateway.getApiKey(r -> r.apiKey(apiKeyId).includeValue(true)).value();
        } catch (SdkException e) {
            throw new ApiKeyException("API Gateway GetApiKey " + apiKeyId + " failed: " + e.getMessage());
        }
        if (value == null || value.isBlank()) {
            throw new ApiKeyException("API Gateway returned no value for API key " + apiKeyId);
        }
        try {
            ssm.putParameter(r -> r.name(parameterName).type(ParameterType.SECURE_STRING).value(value).overwrite(true)
                    .description("API key of the stepsolver API (copied from API Gateway key " + apiKeyId + ")"));
        } catch (SdkException e) {
            throw new ApiKeyException("SSM PutParameter " + parameterName + " failed: " + e.getMessage());
        }
    }

    /** The decrypted value of the SecureString {@code parameterName}. */
    public static String read(SsmClient ssm, String parameterName) throws ApiKeyException {
        try {
            String value = ssm.getParameter(r -> r.name(parameterName).withDecryption(true)).parameter().value();
            if (value == null || value.isBlank()) {
                throw new ApiKeyException("SSM parameter " + parameterName + " is empty");
            }
            return value;
        } catch (SdkException e) {
            throw new ApiKeyException("SSM GetParameter " + parameterName + " failed: " + e.getMessage());
        }
    }

    /** The key could not be copied or read. */
    public static final class ApiKeyException extends Exception {
        public ApiKeyException(String message) {
            super(message);
        }
    }
}
