package dev.stepsolver.emulator.cloudformation.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepsolver.emulator.cloudformation.PropertyBinding;
import dev.stepsolver.emulator.cloudformation.ResourceFailure;
import dev.stepsolver.emulator.cloudformation.ResourceProperties;
import dev.stepsolver.emulator.cloudformation.ResourceProvider;
import dev.stepsolver.emulator.cloudformation.ResourceRequest;
import dev.stepsolver.emulator.codepipeline.CodePipelineBackend;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.codepipeline.model.PipelineDeclaration;

/**
 * {@code AWS::CodePipeline::Pipeline}: the properties are the pipeline declaration of CreatePipeline
 * in PascalCase (bound to the SDK model), plus CloudFormation's own {@code Tags},
 * {@code RestartExecutionOnUpdate} and the list form of {@code ArtifactStores}. Physical id and
 * {@code Ref} are the pipeline name. As in AWS, creating the pipeline starts its first execution.
 */
final class CodePipelinePipelineProvider implements ResourceProvider {

    private final CodePipelineBackend codePipeline;

    CodePipelinePipelineProvider(CodePipelineBackend codePipeline) {
        this.codePipeline = codePipeline;
    }

    @Override
    public String type() {
        return "AWS::CodePipeline::Pipeline";
    }

    @Override
    public Set<String> attributeNames() {
        return Set.of("Version");
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
        ResourceProperties props = request.props();
        String name = props.text("Name").orElseGet(() -> request.generatedName(100));
        codePipeline.createPipeline(declaration(request, name), props.tags());
        return name;
    }

    /**
     * UpdatePipeline with the new declaration; executions in progress go on with the version they
     * started with. {@code RestartExecutionOnUpdate} is accepted and not acted on.
     */
    @Override
    public void update(ResourceRequest request, String name, JsonNode oldProperties) {
        codePipeline.updatePipeline(declaration(request, name));
        String arn = codePipeline.pipelineArn(name);
        Tagging.sync(codePipeline.pipeline(name).record().tags(), request.props().tags(),
                keys -> codePipeline.untagPipeline(arn, keys), tags -> codePipeline.tagPipeline(arn, tags));
    }

    @Override
    public void delete(ResourceRequest request, String name) {
        codePipeline.deletePipeline(name);
    }

    @Override
    public Map<String, JsonNode> attributes(ResourceRequest request, String name) {
        return Map.of("Version", IntNode.valueOf(codePipeline.pipeline(name).record().version()));
    }

    private static PipelineDeclaration declaration(ResourceRequest request, String name) {
        ObjectNode model = ((ObjectNode) request.props().node()).deepCopy();
        model.remove("Tags");
        JsonNode restart = model.remove("RestartExecutionOnUpdate");
        if (restart != null && !restart.isValueNode()) {
            throw request.props().invalid("#/RestartExecutionOnUpdate: expected type: Boolean, found: JSONObject");
        }
        if (model.has("DisableInboundStageTransitions")) {
            throw ResourceFailure.notSupported("Property DisableInboundStageTransitions of resource "
                    + request.logicalId() + " is not supported by this emulator");
        }
        JsonNode stores = model.remove("ArtifactStores");
        if (stores != null) {
            if (!stores.isArray()) {
                throw request.props().invalid("#/ArtifactStores: expected type: JSONArray, found: JSONObject");
            }
            ObjectNode byRegion = model.putObject("ArtifactStores");
            for (JsonNode store : stores) {
                byRegion.set(store.path("Region").asText(), store.path("ArtifactStore"));
            }
        }
        model.put("Name", name);
        return PropertyBinding.bind(new ResourceProperties(request.logicalId(), model), PipelineDeclaration::builder);
    }
}
