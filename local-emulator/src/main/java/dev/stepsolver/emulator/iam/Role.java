package dev.stepsolver.emulator.iam;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An IAM role as stored (policies are kept, never evaluated).
 *
 * @param inlinePolicies inline policy documents by policy name
 * @param attachedPolicyArns managed policies attached, in attachment order
 */
public record Role(String name, String path, String roleId, String arn, String assumeRolePolicyDocument,
        String description, int maxSessionDuration, Instant createDate, Map<String, String> tags,
        Map<String, String> inlinePolicies, List<String> attachedPolicyArns) {

    public Role {
        tags = Map.copyOf(tags);
        inlinePolicies = new TreeMap<>(inlinePolicies);
        attachedPolicyArns = List.copyOf(attachedPolicyArns);
    }

    Role withAssumeRolePolicy(String document) {
        return new Role(name, path, roleId, arn, document, description, maxSessionDuration, createDate, tags,
                inlinePolicies, attachedPolicyArns);
    }

    Role withSettings(String newDescription, int newMaxSessionDuration) {
        return new Role(name, path, roleId, arn, assumeRolePolicyDocument, newDescription, newMaxSessionDuration,
                createDate, tags, inlinePolicies, attachedPolicyArns);
    }

    Role withInlinePolicies(Map<String, String> policies) {
        return new Role(name, path, roleId, arn, assumeRolePolicyDocument, description, maxSessionDuration,
                createDate, tags, policies, attachedPolicyArns);
    }

    Role withAttachedPolicyArns(List<String> arns) {
        return new Role(name, path, roleId, arn, assumeRolePolicyDocument, description, maxSessionDuration,
                createDate, tags, inlinePolicies, arns);
    }
}
