package dev.stepsolver.emulator.cloudformation.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.stepsolver.emulator.apigateway.ApiGatewayBackend;
import dev.stepsolver.emulator.apigateway.ApiGatewayBackend.DeploymentSpec;
import dev.stepsolver.emulator.cloudformation.ResourceProperties;
import dev.stepsolver.emulator.cloudformation.ResourceProvider;
import dev.stepsolver.emulator.cloudformation.ResourceRequest;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code AWS::ApiGateway::Deployment}: a snapshot of the API's methods; physical id and {@code Ref}
 * are the deployment id. A deployment cannot be edited here, so every property replaces it (AWS
 * edits a description in place); templates name a new deployment resource for each API definition.
 */
final class ApiGatewayDeploymentProvider implements ResourceProvider {

    private static final Set<String> PROPERTIES = Set.of("RestApiId", "Description", "StageName",
            "StageDescription");

    private final ApiGatewayBackend apiGateway;

    ApiGatewayDeploymentProvider(ApiGatewayBackend apiGateway) {
        this.apiGateway = apiGateway;
    }

    @Override
    public String type() {
        return "AWS::ApiGateway::Deployment";
    }

    @Override
    public Set<String> attributeNames() {
        return Set.of("DeploymentId");
    }

    @Override
    public Set<String> replacementProperties() {
        return PROPERTIES;
    }

    @Override
    public String create(ResourceRequest request) {
        ResourceProperties props = request.props();
        props.permitOnly(PROPERTIES);
        String stageDescription = props.object("StageDescription").map(d -> {
            d.permitOnly(Set.of("Description"));
            return d.text("Description").orElse("");
        }).orElse(null);
        return apiGateway.createDeployment(props.requiredText("RestApiId"), new DeploymentSpec(
                props.text("Description"), props.text("StageName"),
                Optional.ofNullable(stageDescription), Map.of())).id();
    }

    @Override
    public void update(ResourceRequest request, String deploymentId, JsonNode oldProperties) {
        request.props().permitOnly(PROPERTIES);
    }

    @Override
    public void delete(ResourceRequest request, String deploymentId) {
        String apiId = request.props().requiredText("RestApiId");
        if (apiGateway.findRestApi(apiId).isPresent()) {
            apiGateway.deleteDeployment(apiId, deploymentId);
        }
    }

    @Override
    public Map<String, JsonNode> attributes(ResourceRequest request, String deploymentId) {
        return Map.of("DeploymentId", TextNode.valueOf(deploymentId));
    }
}
