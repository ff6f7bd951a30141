package dev.stepsolver.emulator.cloudformation.providers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepsolver.emulator.apigateway.ApiGatewayBackend;
import dev.stepsolver.emulator.apigateway.ApiGatewayBackend.Patch;
import dev.stepsolver.emulator.apigateway.ApiGatewayBackend.StageSpec;
import dev.stepsolver.emulator.apigateway.StageRecord;
import dev.stepsolver.emulator.cloudformation.ResourceProperties;
import dev.stepsolver.emulator.cloudformation.ResourceProvider;
import dev.stepsolver.emulator.cloudformation.ResourceRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code AWS::ApiGateway::Stage}: physical id and {@code Ref} are the stage name. An update points
 * the stage at its deployment and sets its description, tracing and variables by patch, as
 * CloudFormation does.
 */
final class ApiGatewayStageProvider implements ResourceProvider {

    private static final Set<String> PROPERTIES = Set.of("RestApiId", "StageName", "DeploymentId", "Description",
            "Variables", "TracingEnabled", "Tags");

    private final ApiGatewayBackend apiGateway;

    ApiGatewayStageProvider(ApiGatewayBackend apiGateway) {
        this.apiGateway = apiGateway;
    }

    @Override
    public String type() {
        return "AWS::ApiGateway::Stage";
    }

    @Override
    public Set<String> attributeNames() {
        return Set.of();
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("RestApiId", "StageName");
    }

    @Override
    public Optional<String> nameProperty() {
        return Optional.of("StageName");
    }

    @Override
    public String create(ResourceRequest request) {
        ResourceProperties props = request.props();
        props.permitOnly(PROPERTIES);
        String name = props.text("StageName").orElseGet(() -> request.generatedName(128).replace('.', '-'));
        apiGateway.createStage(props.requiredText("RestApiId"), new StageSpec(name,
                props.requiredText("DeploymentId"), props.text("Description"), props.textMap("Variables"),
                props.bool("TracingEnabled").orElse(false), props.tags()));
        return name;
    }

    @Override
    public void update(ResourceRequest request, String name, JsonNode oldProperties) {
        ResourceProperties props = request.props();
        props.permitOnly(PROPERTIES);
        String apiId = props.requiredText("RestApiId");
        StageRecord current = apiGateway.stage(apiId, name);
        List<Patch> patches = new ArrayList<>();
        patches.add(Patch.replace("/deploymentId", props.requiredText("DeploymentId")));
        patches.add(Patch.set("/description", props.text("Description")));
        patches.add(Patch.replace("/tracingEnabled", String.valueOf(props.bool("TracingEnabled").orElse(false))));
        Map<String, String> variables = props.textMap("Variables");
        current.variables().keySet().stream().filter(key -> !variables.containsKey(key))
                .forEach(key -> patches.add(Patch.remove("/variables/" + key)));
        variables.forEach((key, value) -> {
            if (!value.equals(current.variables().get(key))) {
                patches.add(Patch.replace("/variables/" + key, value));
            }
        });
        apiGateway.updateStage(apiId, name, patches);
    }

    @Override
    public void delete(ResourceRequest request, String name) {
        String apiId = request.props().requiredText("RestApiId");
        if (apiGateway.findRestApi(apiId).isPresent()) {
            apiGateway.deleteStage(apiId, name);
        }
    }

    @Override
    public Map<String, JsonNode> attributes(ResourceRequest request, String name) {
        return Map.of();
    }
}
