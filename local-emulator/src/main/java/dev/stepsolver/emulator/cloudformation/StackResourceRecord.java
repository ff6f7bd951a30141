package dev.stepsolver.emulator.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * One resource of a stack, as stored.
 *
 * @param physicalId {@code null} until the physical resource exists
 * @param statusReason {@code null} when there is none
 * @param properties the resolved properties last applied (or being applied)
 * @param dependsOn the logical ids this resource depended on when it was planned: deletes and
 *     rollbacks run in the reverse of that order without re-reading the template
 * @param metadata the template's Metadata, {@code null} when absent
 */
public record StackResourceRecord(String logicalId, String type, String physicalId, ResourceStatus status,
        String statusReason, JsonNode properties, List<String> dependsOn, Template.DeletionPolicy deletionPolicy,
        Template.DeletionPolicy updateReplacePolicy, JsonNode metadata, Instant lastUpdated) {

    public StackResourceRecord {
        dependsOn = List.copyOf(dependsOn);
    }

    StackResourceRecord with(ResourceStatus newStatus, String reason, Instant at) {
        return new StackResourceRecord(logicalId, type, physicalId, newStatus, reason, properties, dependsOn,
                deletionPolicy, updateReplacePolicy, metadata, at);
    }

    StackResourceRecord withPhysicalId(String id) {
        return new StackResourceRecord(logicalId, type, id, status, statusReason, properties, dependsOn,
                deletionPolicy, updateReplacePolicy, metadata, lastUpdated);
    }

    StackResourceRecord withProperties(JsonNode resolved) {
        return new StackResourceRecord(logicalId, type, physicalId, status, statusReason, resolved, dependsOn,
                deletionPolicy, updateReplacePolicy, metadata, lastUpdated);
    }

    StackResourceRecord withDeclaration(List<String> dependencies, Template.DeletionPolicy deletion,
            Template.DeletionPolicy updateReplace, JsonNode newMetadata) {
        return new StackResourceRecord(logicalId, type, physicalId, status, statusReason, properties, dependencies,
                deletion, updateReplace, newMetadata, lastUpdated);
    }
}
