package dev.stepsolver.emulator.cloudformation.providers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepsolver.emulator.cloudformation.ResourceProperties;
import dev.stepsolver.emulator.cloudformation.ResourceProvider;
import dev.stepsolver.emulator.cloudformation.ResourceRequest;
import dev.stepsolver.emulator.codedeploy.CodeDeployBackend;
import dev.stepsolver.emulator.codedeploy.TrafficRouting;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code AWS::CodeDeploy::DeploymentConfig} for the Lambda platform (the one this emulator's
 * CodeDeploy runs). A deployment configuration cannot change: every property replaces it.
 */
final class CodeDeployDeploymentConfigProvider implements ResourceProvider {

    private static final Set<String> PROPERTIES = Set.of("DeploymentConfigName", "ComputePlatform",
            "TrafficRoutingConfig");

    private final CodeDeployBackend codeDeploy;

    CodeDeployDeploymentConfigProvider(CodeDeployBackend codeDeploy) {
        this.codeDeploy = codeDeploy;
    }

    @Override
    public String type() {
        return "AWS::CodeDeploy::DeploymentConfig";
    }

    @Override
    public Set<String> attributeNames() {
        return Set.of();
    }

    @Override
    public Set<String> replacementProperties() {
        return PROPERTIES;
    }

    @Override
    public Optional<String> nameProperty() {
        return Optional.of("DeploymentConfigName");
    }

    @Override
    public String create(ResourceRequest request) {
        ResourceProperties props = request.props();
        props.permitOnly(PROPERTIES);
        String name = props.text("DeploymentConfigName").orElseGet(() -> request.generatedName(100));
        codeDeploy.createDeploymentConfig(name, CodeDeployApplicationProvider.platform(props), routing(props));
        return name;
    }

    /** Never called for a change (every property replaces); a rollback finds the same properties. */
    @Override
    public void update(ResourceRequest request, String name, JsonNode oldProperties) {
        request.props().permitOnly(PROPERTIES);
    }

    @Override
    public void delete(ResourceRequest request, String name) {
        codeDeploy.deleteDeploymentConfig(name);
    }

    @Override
    public Map<String, JsonNode> attributes(ResourceRequest request, String name) {
        return Map.of();
    }

    /**
     * {@code TrafficRoutingConfig: {Type, TimeBasedCanary: {CanaryPercentage, CanaryInterval},
     * TimeBasedLinear: {LinearPercentage, LinearInterval}}}; none is all at once.
     */
    private static TrafficRouting routing(ResourceProperties props) {
        Optional<ResourceProperties> config = props.object("TrafficRoutingConfig");
        if (config.isEmpty()) {
            return TrafficRouting.allAtOnce();
        }
        ResourceProperties routing = config.get();
        routing.permitOnly(Set.of("Type", "TimeBasedCanary", "TimeBasedLinear"));
        String type = routing.requiredText("Type");
        return switch (type) {
            case "AllAtOnce" -> TrafficRouting.allAtOnce();
            case "TimeBasedCanary" -> {
                ResourceProperties canary = routing.object("TimeBasedCanary").orElseThrow(() -> props.invalid(
                        "#/TrafficRoutingConfig: required key [TimeBasedCanary] not found"));
                yield TrafficRouting.canary(required(canary, "CanaryPercentage"), required(canary, "CanaryInterval"));
            }
            case "TimeBasedLinear" -> {
                ResourceProperties linear = routing.object("TimeBasedLinear").orElseThrow(() -> props.invalid(
                        "#/TrafficRoutingConfig: required key [TimeBasedLinear] not found"));
                yield TrafficRouting.linear(required(linear, "LinearPercentage"), required(linear, "LinearInterval"));
            }
            default -> throw props.invalid("#/TrafficRoutingConfig/Type: " + type + " is not a valid enum value");
        };
    }

    private static int required(ResourceProperties props, String name) {
        return props.integer(name).orElseThrow(() -> props.invalid("#/TrafficRoutingConfig: required key [" + name
                + "] not found"));
    }
}
