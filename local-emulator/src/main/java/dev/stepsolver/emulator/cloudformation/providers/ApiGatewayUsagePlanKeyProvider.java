package dev.stepsolver.emulator.cloudformation.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.stepsolver.emulator.apigateway.ApiGatewayBackend;
import dev.stepsolver.emulator.cloudformation.ResourceProperties;
import dev.stepsolver.emulator.cloudformation.ResourceProvider;
import dev.stepsolver.emulator.cloudformation.ResourceRequest;
import java.util.Map;
import java.util.Set;

/**
 * {@code AWS::ApiGateway::UsagePlanKey}: a key added to a plan; physical id and {@code Ref} are the
 * key id. Every property replaces it.
 */
final class ApiGatewayUsagePlanKeyProvider implements ResourceProvider {

    private static final Set<String> PROPERTIES = Set.of("KeyId", "KeyType", "UsagePlanId");

    private final ApiGatewayBackend apiGateway;

    ApiGatewayUsagePlanKeyProvider(ApiGatewayBackend apiGateway) {
        this.apiGateway = apiGateway;
    }

    @Override
    public String type() {
        return "AWS::ApiGateway::UsagePlanKey";
    }

    @Override
    public Set<String> attributeNames() {
        return Set.of("Id");
    }

    @Override
    public Set<String> replacementProperties() {
        return PROPERTIES;
    }

    @Override
    public String create(ResourceRequest request) {
        ResourceProperties props = request.props();
        props.permitOnly(PROPERTIES);
        return apiGateway.createUsagePlanKey(props.requiredText("UsagePlanId"), props.requiredText("KeyId"),
                props.requiredText("KeyType")).id();
    }

    @Override
    public void update(ResourceRequest request, String keyId, JsonNode oldProperties) {
        request.props().permitOnly(PROPERTIES);
    }

    @Override
    public void delete(ResourceRequest request, String keyId) {
        apiGateway.deleteUsagePlanKey(request.props().requiredText("UsagePlanId"), keyId);
    }

    @Override
    public Map<String, JsonNode> attributes(ResourceRequest request, String keyId) {
        return Map.of("Id", TextNode.valueOf(keyId));
    }
}
