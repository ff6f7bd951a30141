package dev.stepsolver.emulator.apigateway;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a method reaches its backend. The data plane executes {@code AWS_PROXY} integrations to
 * Lambda; the others are kept as configured.
 *
 * @param httpMethod the integration's method ({@code POST} for Lambda); {@code null} for MOCK
 * @param uri {@code null} for MOCK; may hold {@code ${stageVariables.name}}
 * @param credentials {@code null} for none
 * @param contentHandling {@code null} for none
 */
public record IntegrationRecord(String type, String httpMethod, String uri, String credentials,
        Map<String, String> requestParameters, Map<String, String> requestTemplates, String passthroughBehavior,
        String contentHandling, int timeoutInMillis, String cacheNamespace, List<String> cacheKeyParameters,
        String connectionType, Map<String, IntegrationResponseRecord> integrationResponses) {

    public IntegrationRecord {
        requestParameters = Map.copyOf(requestParameters);
        requestTemplates = Map.copyOf(requestTemplates);
        cacheKeyParameters = List.copyOf(cacheKeyParameters);
        integrationResponses = Map.copyOf(integrationResponses);
    }

    public Optional<String> uriIfAny() {
        return Optional.ofNullable(uri);
    }

    IntegrationRecord withIntegrationResponses(Map<String, IntegrationResponseRecord> responses) {
        return new IntegrationRecord(type, httpMethod, uri, credentials, requestParameters, requestTemplates,
                passthroughBehavior, contentHandling, timeoutInMillis, cacheNamespace, cacheKeyParameters,
                connectionType, responses);
    }

    /**
     * An integration response (used by non-proxy integrations; kept so templates round-trip).
     *
     * @param selectionPattern {@code null} for the default response
     * @param contentHandling {@code null} for none
     */
    public record IntegrationResponseRecord(String statusCode, String selectionPattern,
            Map<String, String> responseParameters, Map<String, String> responseTemplates, String contentHandling) {

        public IntegrationResponseRecord {
            responseParameters = Map.copyOf(responseParameters);
            responseTemplates = Map.copyOf(responseTemplates);
        }
    }
}
