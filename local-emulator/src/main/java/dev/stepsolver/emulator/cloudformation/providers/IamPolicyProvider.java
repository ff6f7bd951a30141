package dev.stepsolver.emulator.cloudformation.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.stepsolver.emulator.cloudformation.ResourceProperties;
import dev.stepsolver.emulator.cloudformation.ResourceProvider;
import dev.stepsolver.emulator.cloudformation.ResourceRequest;
import dev.stepsolver.emulator.iam.IamBackend;
import dev.stepsolver.emulator.protocol.AwsException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code AWS::IAM::Policy}: an inline policy put on each of its {@code Roles} (the emulator's IAM has
 * roles only, so {@code Users} and {@code Groups} are refused).
 */
final class IamPolicyProvider implements ResourceProvider {

    private static final Set<String> PROPERTIES = Set.of("PolicyName", "PolicyDocument", "Roles");

    private final IamBackend iam;

    IamPolicyProvider(IamBackend iam) {
        this.iam = iam;
    }

    @Override
    public String type() {
        return "AWS::IAM::Policy";
    }

    @Override
    public Set<String> attributeNames() {
        return Set.of("Id");
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of();
    }

    @Override
    public String create(ResourceRequest request) {
        put(request.props());
        return request.generatedName(128);
    }

    @Override
    public void update(ResourceRequest request, String physicalId, JsonNode oldProperties) {
        ResourceProperties props = request.props();
        ResourceProperties old = new ResourceProperties(request.logicalId(), oldProperties);
        String name = props.requiredText("PolicyName");
        List<String> roles = props.texts("Roles");
        String oldName = old.text("PolicyName").orElse(name);
        for (String role : old.texts("Roles")) {
            if (!roles.contains(role) || !oldName.equals(name)) {
                deleteQuietly(role, oldName);
            }
        }
        put(props);
    }

    @Override
    public void delete(ResourceRequest request, String physicalId) {
        ResourceProperties props = request.props();
        String name = props.requiredText("PolicyName");
        props.texts("Roles").forEach(role -> deleteQuietly(role, name));
    }

    @Override
    public Map<String, JsonNode> attributes(ResourceRequest request, String physicalId) {
        return Map.of("Id", TextNode.valueOf(physicalId));
    }

    private void put(ResourceProperties props) {
        props.permitOnly(PROPERTIES);
        String name = props.requiredText("PolicyName");
        String document = props.document("PolicyDocument").orElseThrow(() -> props.invalid(
                "#: required key [PolicyDocument] not found"));
        List<String> roles = props.texts("Roles");
        if (roles.isEmpty()) {
            throw props.invalid("#: At least one of [Roles,Users,Groups] is required");
        }
        roles.forEach(role -> iam.putRolePolicy(role, name, document));
    }

    private void deleteQuietly(String role, String policy) {
        try {
            iam.deleteRolePolicy(role, policy);
        } catch (AwsException e) {
            // the role or its policy is gone already
        }
    }
}
