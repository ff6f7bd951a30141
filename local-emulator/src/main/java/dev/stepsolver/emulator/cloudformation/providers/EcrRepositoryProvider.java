package dev.stepsolver.emulator.cloudformation.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.stepsolver.emulator.cloudformation.ResourceFailure;
import dev.stepsolver.emulator.cloudformation.ResourceProperties;
import dev.stepsolver.emulator.cloudformation.ResourceProvider;
import dev.stepsolver.emulator.cloudformation.ResourceRequest;
import dev.stepsolver.emulator.ecr.EcrBackend;
import dev.stepsolver.emulator.ecr.Repository;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** {@code AWS::ECR::Repository} through the ECR backend; {@code EmptyOnDelete} deletes its images with it. */
final class EcrRepositoryProvider implements ResourceProvider {

    /** Scanning, encryption, repository policies and tags are accepted and not modelled. */
    private static final Set<String> PROPERTIES = Set.of("RepositoryName", "EmptyOnDelete", "ImageTagMutability",
            "ImageScanningConfiguration", "EncryptionConfiguration", "RepositoryPolicyText", "Tags");

    private final EcrBackend ecr;

    EcrRepositoryProvider(EcrBackend ecr) {
        this.ecr = ecr;
    }

    @Override
    public String type() {
        return "AWS::ECR::Repository";
    }

    @Override
    public Set<String> attributeNames() {
        return Set.of("Arn", "RepositoryUri");
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("RepositoryName", "EncryptionConfiguration");
    }

    @Override
    public Optional<String> nameProperty() {
        return Optional.of("RepositoryName");
    }

    @Override
    public String create(ResourceRequest request) {
        ResourceProperties props = request.props();
        props.permitOnly(PROPERTIES);
        props.bool("EmptyOnDelete");
        String name = props.text("RepositoryName").orElseGet(() -> request.generatedLowerCaseName(256));
        ecr.createRepository(name, props.text("ImageTagMutability"));
        return name;
    }

    @Override
    public void update(ResourceRequest request, String name, JsonNode oldProperties) {
        ResourceProperties props = request.props();
        props.permitOnly(PROPERTIES);
        props.bool("EmptyOnDelete");
        Repository repository = repository(name);
        String mutability = props.text("ImageTagMutability").orElse("MUTABLE");
        if (!Objects.equals(mutability, repository.imageTagMutability())) {
            throw ResourceFailure.notSupported("Changing ImageTagMutability of an existing repository is not"
                    + " supported by this emulator");
        }
    }

    @Override
    public void delete(ResourceRequest request, String name) {
        boolean force = request.props().bool("EmptyOnDelete").orElse(false);
        ecr.deleteRepository(name, force);
    }

    @Override
    public Map<String, JsonNode> attributes(ResourceRequest request, String name) {
        return Map.of("Arn", TextNode.valueOf(repository(name).arn()),
                "RepositoryUri", TextNode.valueOf(ecr.repositoryUri(name)));
    }

    private Repository repository(String name) {
        return ecr.describeRepositories(List.of(name)).getFirst();
    }
}
