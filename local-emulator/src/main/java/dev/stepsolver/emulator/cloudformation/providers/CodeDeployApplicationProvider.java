package dev.stepsolver.emulator.cloudformation.providers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepsolver.emulator.cloudformation.ResourceProperties;
import dev.stepsolver.emulator.cloudformation.ResourceProvider;
import dev.stepsolver.emulator.cloudformation.ResourceRequest;
import dev.stepsolver.emulator.codedeploy.CodeDeployBackend;
import dev.stepsolver.emulator.codedeploy.ComputePlatform;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code AWS::CodeDeploy::Application}: physical id and {@code Ref} are the application name. */
final class CodeDeployApplicationProvider implements ResourceProvider {

    private static final Set<String> PROPERTIES = Set.of("ApplicationName", "ComputePlatform", "Tags");

    private final CodeDeployBackend codeDeploy;

    CodeDeployApplicationProvider(CodeDeployBackend codeDeploy) {
        this.codeDeploy = codeDeploy;
    }

    @Override
    public String type() {
        return "AWS::CodeDeploy::Application";
    }

    @Override
    public Set<String> attributeNames() {
        return Set.of();
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("ApplicationName", "ComputePlatform");
    }

    @Override
    public Optional<String> nameProperty() {
        return Optional.of("ApplicationName");
    }

    @Override
    public String create(ResourceRequest request) {
        ResourceProperties props = request.props();
        props.permitOnly(PROPERTIES);
        String name = props.text("ApplicationName").orElseGet(() -> request.generatedName(100));
        codeDeploy.createApplication(name, platform(props));
        return name;
    }

    /** Only tags can change in place, and they are accepted without being modelled. */
    @Override
    public void update(ResourceRequest request, String name, JsonNode oldProperties) {
        request.props().permitOnly(PROPERTIES);
    }

    @Override
    public void delete(ResourceRequest request, String name) {
        codeDeploy.deleteApplication(name);
    }

    @Override
    public Map<String, JsonNode> attributes(ResourceRequest request, String name) {
        return Map.of();
    }

    /** {@code ComputePlatform}: Server (AWS's default), Lambda or ECS. */
    static ComputePlatform platform(ResourceProperties props) {
        String name = props.text("ComputePlatform").orElse(ComputePlatform.SERVER.awsName());
        return ComputePlatform.fromAws(name).orElseThrow(() -> props.invalid("#/ComputePlatform: " + name
                + " is not a valid enum value"));
    }
}
