package dev.stepsolver.emulator.cloudformation.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.stepsolver.emulator.cloudformation.PropertyBinding;
import dev.stepsolver.emulator.cloudformation.ResourceFailure;
import dev.stepsolver.emulator.cloudformation.ResourceProperties;
import dev.stepsolver.emulator.cloudformation.ResourceProvider;
import dev.stepsolver.emulator.cloudformation.ResourceRequest;
import dev.stepsolver.emulator.codebuild.CodeBuildBackend;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.codebuild.model.Project;

/**
 * {@code AWS::CodeBuild::Project}: its properties are the CodeBuild project's members, bound to the
 * SDK model (with CloudFormation's own names: {@code BadgeEnabled}, {@code Visibility}).
 */
final class CodeBuildProjectProvider implements ResourceProvider {

    private final CodeBuildBackend codeBuild;

    CodeBuildProjectProvider(CodeBuildBackend codeBuild) {
        this.codeBuild = codeBuild;
    }

    @Override
    public String type() {
        return "AWS::CodeBuild::Project";
    }

    @Override
    public Set<String> attributeNames() {
        return Set.of("Arn");
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("Name");
    }

    @Override
    public Optional<String> nameProperty() {
        return Optional.of("Name");
    }

    @Override
    public String create(ResourceRequest request) {
        Project project = project(request);
        String name = project.name() != null ? project.name() : request.generatedName(255);
        codeBuild.createProject(project.toBuilder().name(name).build());
        return name;
    }

    @Override
    public void update(ResourceRequest request, String name, JsonNode oldProperties) {
        Project project = project(request);
        codeBuild.updateProject(name, current -> project.toBuilder().name(name).build());
    }

    @Override
    public void delete(ResourceRequest request, String name) {
        if (codeBuild.project(name).isEmpty()) {
            throw ResourceFailure.of(ResourceFailure.Code.NotFound, "Project " + name + " not found");
        }
        codeBuild.deleteProject(name);
    }

    @Override
    public Map<String, JsonNode> attributes(ResourceRequest request, String name) {
        return Map.of("Arn", TextNode.valueOf(codeBuild.projectArn(name)));
    }

    private static Project project(ResourceRequest request) {
        ResourceProperties props = request.props();
        if (props.has("Triggers")) {
            throw ResourceFailure.notSupported("Triggers (webhooks) of resource " + request.logicalId()
                    + " are not supported by this emulator");
        }
        ObjectNode model = ((ObjectNode) props.node()).deepCopy();
        JsonNode badge = model.remove("BadgeEnabled");
        if (badge != null) {
            model.putObject("Badge").set("BadgeEnabled", badge);
        }
        JsonNode visibility = model.remove("Visibility");
        if (visibility != null) {
            model.set("ProjectVisibility", visibility);
        }
        return PropertyBinding.bind(new ResourceProperties(request.logicalId(), model), Project::builder);
    }
}
