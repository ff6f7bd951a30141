package dev.stepsolver.emulator.cloudformation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A stack as stored: what DescribeStacks shows, its resources, and what an operation in progress
 * needs to finish or roll back after a restart.
 *
 * @param description {@code null} when the template has none
 * @param statusReason {@code null} when there is none
 * @param lastUpdatedTime {@code null} until the first update
 * @param deletionTime {@code null} unless deleted
 * @param roleArn {@code null} when none was given
 * @param resources by logical id, in the order they were first planned
 * @param operationOrder the logical ids the operation in progress processes, in order
 * @param previous during an update, the stack before it; {@code null} otherwise
 * @param retired physical resources the update in progress replaced or removed, deleted at cleanup
 * @param imports export names the stack's template imports
 */
public record StackRecord(String stackId, String stackName, String description, StackStatus status,
        String statusReason, Instant creationTime, Instant lastUpdatedTime, Instant deletionTime, String templateBody,
        List<StackParameter> parameters, List<String> capabilities, String roleArn, Map<String, String> tags,
        boolean disableRollback, List<StackOutput> outputs, Map<String, StackResourceRecord> resources,
        List<String> operationOrder, StackSnapshot previous, List<StackResourceRecord> retired, List<String> imports) {

    public StackRecord {
        parameters = List.copyOf(parameters);
        capabilities = List.copyOf(capabilities);
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        outputs = List.copyOf(outputs);
        resources = Collections.unmodifiableMap(new LinkedHashMap<>(resources));
        operationOrder = List.copyOf(operationOrder);
        retired = List.copyOf(retired);
        imports = List.copyOf(imports);
    }

    public Optional<String> reason() {
        return Optional.ofNullable(statusReason);
    }

    public boolean deleted() {
        return status == StackStatus.DELETE_COMPLETE;
    }

    public Map<String, String> outputValues() {
        Map<String, String> values = new LinkedHashMap<>();
        outputs.forEach(output -> values.put(output.key(), output.value()));
        return values;
    }

    Builder toBuilder() {
        return new Builder(this);
    }

    /** A changed copy of a stack record. */
    static final class Builder {
        private final String stackId;
        private final String stackName;
        private String description;
        private StackStatus status;
        private String statusReason;
        private final Instant creationTime;
        private Instant lastUpdatedTime;
        private Instant deletionTime;
        private String templateBody;
        private List<StackParameter> parameters;
        private List<String> capabilities;
        private String roleArn;
        private Map<String, String> tags;
        private boolean disableRollback;
        private List<StackOutput> outputs;
        private final LinkedHashMap<String, StackResourceRecord> resources;
        private List<String> operationOrder;
        private StackSnapshot previous;
        private final List<StackResourceRecord> retired;
        private List<String> imports;

        private Builder(StackRecord record) {
            stackId = record.stackId;
            stackName = record.stackName;
            description = record.description;
            status = record.status;
            statusReason = record.statusReason;
            creationTime = record.creationTime;
            lastUpdatedTime = record.lastUpdatedTime;
            deletionTime = record.deletionTime;
            templateBody = record.templateBody;
            parameters = record.parameters;
            capabilities = record.capabilities;
            roleArn = record.roleArn;
            tags = record.tags;
            disableRollback = record.disableRollback;
            outputs = record.outputs;
            resources = new LinkedHashMap<>(record.resources);
            operationOrder = record.operationOrder;
            previous = record.previous;
            retired = new ArrayList<>(record.retired);
            imports = record.imports;
        }

        Builder status(StackStatus value, String reason) {
            status = value;
            statusReason = reason;
            return this;
        }

        Builder lastUpdatedTime(Instant value) {
            lastUpdatedTime = value;
            return this;
        }

        Builder deletionTime(Instant value) {
            deletionTime = value;
            return this;
        }

        /** The template, parameters and settings an update brings. */
        Builder configuration(String body, String newDescription, List<StackParameter> newParameters,
                List<String> newCapabilities, String newRoleArn, Map<String, String> newTags, boolean noRollback) {
            templateBody = body;
            description = newDescription;
            parameters = newParameters;
            capabilities = newCapabilities;
            roleArn = newRoleArn;
            tags = newTags;
            disableRollback = noRollback;
            return this;
        }

        Builder outputs(List<StackOutput> value) {
            outputs = value;
            return this;
        }

        Builder resource(StackResourceRecord resource) {
            resources.put(resource.logicalId(), resource);
            return this;
        }

        Builder removeResource(String logicalId) {
            resources.remove(logicalId);
            return this;
        }

        Builder resources(Map<String, StackResourceRecord> value) {
            resources.clear();
            resources.putAll(value);
            return this;
        }

        Builder operationOrder(List<String> value) {
            operationOrder = value;
            return this;
        }

        Builder previous(StackSnapshot value) {
            previous = value;
            return this;
        }

        Builder retire(StackResourceRecord resource) {
            retired.add(resource);
            return this;
        }

        Builder clearRetired() {
            retired.clear();
            return this;
        }

        Builder removeRetired(StackResourceRecord resource) {
            retired.remove(resource);
            return this;
        }

        Builder imports(List<String> value) {
            imports = value;
            return this;
        }

        StackRecord build() {
            return new StackRecord(stackId, stackName, description, status, statusReason, creationTime,
                    lastUpdatedTime, deletionTime, templateBody, parameters, capabilities, roleArn, tags,
                    disableRollback, outputs, resources, operationOrder, previous, retired, imports);
        }
    }
}
