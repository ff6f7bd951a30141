package dev.stepsolver.emulator.apigateway;

import java.util.Map;
import java.util.Optional;

/**
 * A method of a resource ({@code GET}, {@code POST}, ..., or {@code ANY}) with its integration.
 *
 * @param authorizerId {@code null} for none
 * @param operationName {@code null} for none
 * @param integration {@code null} until PutIntegration
 */
public record MethodRecord(String httpMethod, String authorizationType, boolean apiKeyRequired, String authorizerId,
        String operationName, Map<String, Boolean> requestParameters, Map<String, String> requestModels,
        Map<String, MethodResponseRecord> methodResponses, IntegrationRecord integration) {

    public MethodRecord {
        requestParameters = Map.copyOf(requestParameters);
        requestModels = Map.copyOf(requestModels);
        methodResponses = Map.copyOf(methodResponses);
    }

    public Optional<IntegrationRecord> integrationIfAny() {
        return Optional.ofNullable(integration);
    }

    MethodRecord withIntegration(IntegrationRecord newIntegration) {
        return new MethodRecord(httpMethod, authorizationType, apiKeyRequired, authorizerId, operationName,
                requestParameters, requestModels, methodResponses, newIntegration);
    }

    MethodRecord withMethodResponses(Map<String, MethodResponseRecord> responses) {
        return new MethodRecord(httpMethod, authorizationType, apiKeyRequired, authorizerId, operationName,
                requestParameters, requestModels, responses, integration);
    }

    /** A method response: the status code and the headers/models it declares. */
    public record MethodResponseRecord(String statusCode, Map<String, Boolean> responseParameters,
            Map<String, String> responseModels) {

        public MethodResponseRecord {
            responseParameters = Map.copyOf(responseParameters);
            responseModels = Map.copyOf(responseModels);
        }
    }
}
