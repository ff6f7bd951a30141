package dev.stepsolver.emulator.cloudformation.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.stepsolver.emulator.apigateway.ApiGatewayBackend;
import dev.stepsolver.emulator.apigateway.ApiGatewayBackend.ApiKeySpec;
import dev.stepsolver.emulator.apigateway.ApiGatewayBackend.Patch;
import dev.stepsolver.emulator.cloudformation.ResourceProperties;
import dev.stepsolver.emulator.cloudformation.ResourceProvider;
import dev.stepsolver.emulator.cloudformation.ResourceRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code AWS::ApiGateway::ApiKey}: physical id and {@code Ref} are the key id; API Gateway generates
 * the value unless the template gives one. Without {@code Name}, CloudFormation names the key.
 */
final class ApiGatewayApiKeyProvider implements ResourceProvider {

    private static final Set<String> PROPERTIES = Set.of("Name", "Description", "Enabled", "Value", "CustomerId",
            "StageKeys", "GenerateDistinctId", "Tags");

    private final ApiGatewayBackend apiGateway;

    ApiGatewayApiKeyProvider(ApiGatewayBackend apiGateway) {
        this.apiGateway = apiGateway;
    }

    @Override
    public String type() {
        return "AWS::ApiGateway::ApiKey";
    }

    @Override
    public Set<String> attributeNames() {
        return Set.of("APIKeyId");
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("Name", "Value", "GenerateDistinctId", "StageKeys");
    }

    @Override
    public Optional<String> nameProperty() {
        return Optional.of("Name");
    }

    @Override
    public String create(ResourceRequest request) {
        ResourceProperties props = request.props();
        props.permitOnly(PROPERTIES);
        List<String> stageKeys = new ArrayList<>();
        for (ResourceProperties stageKey : props.objects("StageKeys")) {
            stageKey.permitOnly(Set.of("RestApiId", "StageName"));
            stageKeys.add(stageKey.requiredText("RestApiId") + "/" + stageKey.requiredText("StageName"));
        }
        String name = props.text("Name").orElseGet(() -> request.generatedName(128));
        return apiGateway.createApiKey(new ApiKeySpec(Optional.of(name), props.text("Description"),
                props.bool("Enabled").orElse(false), props.text("Value"), props.text("CustomerId"), stageKeys,
                props.tags())).id();
    }

    @Override
    public void update(ResourceRequest request, String keyId, JsonNode oldProperties) {
        ResourceProperties props = request.props();
        props.permitOnly(PROPERTIES);
        apiGateway.updateApiKey(keyId, List.of(
                Patch.set("/description", props.text("Description")),
                Patch.replace("/enabled", String.valueOf(props.bool("Enabled").orElse(false))),
                Patch.set("/customerId", props.text("CustomerId"))));
    }

    @Override
    public void delete(ResourceRequest request, String keyId) {
        apiGateway.deleteApiKey(keyId);
    }

    @Override
    public Map<String, JsonNode> attributes(ResourceRequest request, String keyId) {
        return Map.of("APIKeyId", TextNode.valueOf(keyId));
    }
}
