package dev.stepsolver.emulator.cloudformation.providers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepsolver.emulator.apigateway.ApiGatewayBackend;
import dev.stepsolver.emulator.apigateway.ApiGatewayBackend.IntegrationSpec;
import dev.stepsolver.emulator.apigateway.ApiGatewayBackend.MethodSpec;
import dev.stepsolver.emulator.cloudformation.ResourceProperties;
import dev.stepsolver.emulator.cloudformation.ResourceProvider;
import dev.stepsolver.emulator.cloudformation.ResourceRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code AWS::ApiGateway::Method} with its {@code Integration}: physical id and {@code Ref} are
 * {@code <apiId>-<resourceId>-<METHOD>}. An update puts the method and its integration again; the
 * API's deployments keep the definition they were made from, so stages change only when redeployed.
 */
final class ApiGatewayMethodProvider implements ResourceProvider {

    private static final Set<String> PROPERTIES = Set.of("RestApiId", "ResourceId", "HttpMethod",
            "AuthorizationType", "ApiKeyRequired", "AuthorizerId", "OperationName", "RequestParameters",
            "RequestModels", "Integration");
    private static final Set<String> INTEGRATION = Set.of("Type", "IntegrationHttpMethod", "Uri", "Credentials",
            "RequestParameters", "RequestTemplates", "PassthroughBehavior", "ContentHandling", "TimeoutInMillis",
            "CacheNamespace", "CacheKeyParameters", "ConnectionType");

    private final ApiGatewayBackend apiGateway;

    ApiGatewayMethodProvider(ApiGatewayBackend apiGateway) {
        this.apiGateway = apiGateway;
    }

    @Override
    public String type() {
        return "AWS::ApiGateway::Method";
    }

    @Override
    public Set<String> attributeNames() {
        return Set.of();
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("RestApiId", "ResourceId", "HttpMethod");
    }

    @Override
    public String create(ResourceRequest request) {
        ResourceProperties props = request.props();
        props.permitOnly(PROPERTIES);
        String apiId = props.requiredText("RestApiId");
        String resourceId = props.requiredText("ResourceId");
        String method = props.requiredText("HttpMethod").toUpperCase(Locale.ROOT);
        put(props, apiId, resourceId, method);
        return apiId + "-" + resourceId + "-" + method;
    }

    @Override
    public void update(ResourceRequest request, String id, JsonNode oldProperties) {
        ResourceProperties props = request.props();
        props.permitOnly(PROPERTIES);
        Key key = Key.parse(id);
        apiGateway.deleteMethod(key.apiId(), key.resourceId(), key.method());
        put(props, key.apiId(), key.resourceId(), key.method());
    }

    @Override
    public void delete(ResourceRequest request, String id) {
        Key key = Key.parse(id);
        apiGateway.deleteMethod(key.apiId(), key.resourceId(), key.method());
    }

    @Override
    public Map<String, JsonNode> attributes(ResourceRequest request, String id) {
        return Map.of();
    }

    private void put(ResourceProperties props, String apiId, String resourceId, String method) {
        String authorization = props.text("AuthorizationType").orElse("NONE");
        Map<String, Boolean> requestParameters = new LinkedHashMap<>();
        props.object("RequestParameters").ifPresent(p -> p.node().properties().forEach(e -> requestParameters.put(
                e.getKey(), p.bool(e.getKey()).orElse(false))));
        apiGateway.putMethod(apiId, resourceId, method, new MethodSpec(authorization,
                props.bool("ApiKeyRequired").orElse(false), props.text("AuthorizerId"), props.text("OperationName"),
                requestParameters, props.textMap("RequestModels")));
        Optional<ResourceProperties> integration = props.object("Integration");
        if (integration.isPresent()) {
            ResourceProperties i = integration.get();
            i.permitOnly(INTEGRATION);
            apiGateway.putIntegration(apiId, resourceId, method, new IntegrationSpec(i.requiredText("Type"),
                    i.text("IntegrationHttpMethod"), i.text("Uri"), i.text("Credentials"),
                    i.textMap("RequestParameters"), i.textMap("RequestTemplates"), i.text("PassthroughBehavior"),
                    i.text("ContentHandling"), i.integer("TimeoutInMillis"), i.text("CacheNamespace"),
                    i.texts("CacheKeyParameters"), i.text("ConnectionType")));
        }
    }

    /** The method a physical id names; API and resource ids are alphanumeric, so {@code -} separates. */
    private record Key(String apiId, String resourceId, String method) {
        static Key parse(String id) {
            List<String> parts = List.of(id.split("-", 3));
            return new Key(parts.get(0), parts.get(1), parts.get(2));
        }
    }
}
