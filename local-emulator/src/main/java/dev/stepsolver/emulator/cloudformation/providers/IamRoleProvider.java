package dev.stepsolver.emulator.cloudformation.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.stepsolver.emulator.cloudformation.ResourceFailure;
import dev.stepsolver.emulator.cloudformation.ResourceProperties;
import dev.stepsolver.emulator.cloudformation.ResourceProvider;
import dev.stepsolver.emulator.cloudformation.ResourceRequest;
import dev.stepsolver.emulator.iam.IamBackend;
import dev.stepsolver.emulator.iam.Role;
import dev.stepsolver.emulator.protocol.AwsException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code AWS::IAM::Role} with its inline {@code Policies} and {@code ManagedPolicyArns}, through the
 * IAM backend (stored, not evaluated, as everywhere in the emulator).
 */
final class IamRoleProvider implements ResourceProvider {

    /** A permissions boundary is accepted and not modelled: nothing evaluates it. */
    private static final Set<String> PROPERTIES = Set.of("RoleName", "AssumeRolePolicyDocument", "Path",
            "Description", "MaxSessionDuration", "Policies", "ManagedPolicyArns", "Tags", "PermissionsBoundary");

    private final IamBackend iam;

    IamRoleProvider(IamBackend iam) {
        this.iam = iam;
    }

    @Override
    public String type() {
        return "AWS::IAM::Role";
    }

    @Override
    public Set<String> attributeNames() {
        return Set.of("Arn", "RoleId");
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("RoleName", "Path");
    }

    @Override
    public Optional<String> nameProperty() {
        return Optional.of("RoleName");
    }

    @Override
    public String create(ResourceRequest request) {
        ResourceProperties props = request.props();
        props.permitOnly(PROPERTIES);
        String name = props.text("RoleName").orElseGet(() -> request.generatedName(64));
        Map<String, String> policies = inlinePolicies(props);
        List<String> managed = props.texts("ManagedPolicyArns");
        iam.createRole(new IamBackend.CreateRoleRequest(name, props.text("Path"),
                props.document("AssumeRolePolicyDocument").orElseThrow(() -> props.invalid(
                        "#: required key [AssumeRolePolicyDocument] not found")),
                props.text("Description"), props.integer("MaxSessionDuration"), props.tags()), request.accountId());
        try {
            policies.forEach((policy, document) -> iam.putRolePolicy(name, policy, document));
            managed.forEach(arn -> iam.attachRolePolicy(name, arn));
        } catch (RuntimeException e) {
            deleteQuietly(name);
            throw e;
        }
        return name;
    }

    @Override
    public void update(ResourceRequest request, String name, JsonNode oldProperties) {
        ResourceProperties props = request.props();
        props.permitOnly(PROPERTIES);
        ResourceProperties old = new ResourceProperties(request.logicalId(), oldProperties);
        Role role = iam.getRole(name);
        if (!props.tags().equals(role.tags())) {
            throw ResourceFailure.notSupported("Changing the Tags of a role is not supported by this emulator");
        }
        String trust = props.document("AssumeRolePolicyDocument").orElseThrow(() -> props.invalid(
                "#: required key [AssumeRolePolicyDocument] not found"));
        if (!trust.equals(role.assumeRolePolicyDocument())) {
            iam.updateAssumeRolePolicy(name, trust);
        }
        Optional<String> description = props.text("Description");
        int maxSession = props.integer("MaxSessionDuration").orElse(3600);
        if (!description.orElse("").equals(Objects.requireNonNullElse(role.description(), ""))
                || maxSession != role.maxSessionDuration()) {
            iam.updateRole(name, Optional.of(description.orElse("")), Optional.of(maxSession));
        }
        // only the policies this property manages: AWS::IAM::Policy resources put theirs on the role too
        Map<String, String> wanted = inlinePolicies(props);
        for (String previous : inlinePolicies(old).keySet()) {
            if (!wanted.containsKey(previous) && role.inlinePolicies().containsKey(previous)) {
                iam.deleteRolePolicy(name, previous);
            }
        }
        wanted.forEach((policy, document) -> {
            if (!document.equals(role.inlinePolicies().get(policy))) {
                iam.putRolePolicy(name, policy, document);
            }
        });
        List<String> managed = props.texts("ManagedPolicyArns");
        for (String previous : old.texts("ManagedPolicyArns")) {
            if (!managed.contains(previous) && role.attachedPolicyArns().contains(previous)) {
                iam.detachRolePolicy(name, previous);
            }
        }
        managed.forEach(arn -> iam.attachRolePolicy(name, arn));
    }

    @Override
    public void delete(ResourceRequest request, String name) {
        Role role = iam.getRole(name);
        for (String policy : role.inlinePolicies().keySet()) {
            iam.deleteRolePolicy(name, policy);
        }
        for (String arn : role.attachedPolicyArns()) {
            iam.detachRolePolicy(name, arn);
        }
        iam.deleteRole(name);
    }

    @Override
    public Map<String, JsonNode> attributes(ResourceRequest request, String name) {
        Role role = iam.getRole(name);
        return Map.of("Arn", TextNode.valueOf(role.arn()), "RoleId", TextNode.valueOf(role.roleId()));
    }

    private static Map<String, String> inlinePolicies(ResourceProperties props) {
        Map<String, String> policies = new LinkedHashMap<>();
        for (ResourceProperties policy : props.objects("Policies")) {
            policies.put(policy.requiredText("PolicyName"), policy.document("PolicyDocument").orElseThrow(() ->
                    policy.invalid("#/Policies: required key [PolicyDocument] not found")));
        }
        return policies;
    }

    private void deleteQuietly(String name) {
        try {
            delete(null, name);
        } catch (AwsException e) {
            // the creation failure is the one reported
        }
    }
}
