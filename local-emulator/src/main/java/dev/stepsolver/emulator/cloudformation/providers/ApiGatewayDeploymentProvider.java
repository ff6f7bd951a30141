package dev.stepsolver.emulator.cloudformation.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.stepsolver.emulator.apigateway.ApiGatewayBackend;
import dev.stepsolver.emulator.apigateway.ApiGatewayBackend.DeploymentSpec;
import dev.stepsolver.emulator.apigateway.ApiGatewayBackend.Patch;
import dev.stepsolver.emulator.cloudformation.ResourceProperties;
import dev.stepsolver.emulator.cloudformation.ResourceProvider;
import dev.stepsolver.emulator.cloudformation.ResourceRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code AWS::ApiGateway::Deployment}: a snapshot of the API's methods; physical id and {@code Ref}
 * are the deployment id. Its description changes in place; the rest replaces it. Templates name a new
 * deployment resource for each API definition, since an unchanged resource makes no new snapshot.
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
        return Set.of("RestApiId", "StageName", "StageDescription");
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
        ResourceProperties props = request.props();
        props.permitOnly(PROPERTIES);
        apiGateway.updateDeployment(props.requiredText("RestApiId"), deploymentId, List.of(Patch.set("/description", props.text("Description"))));
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
