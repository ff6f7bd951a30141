package dev.stepsolver.emulator.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.stepsolver.emulator.protocol.AwsException;
import dev.stepsolver.emulator.time.EmulatorClock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs stack operations to their end: creates resources in dependency order, updates only what
 * changed (in place, or by replacement: new resource first, old one deleted at cleanup), deletes in
 * reverse order, and rolls a failed create or update back. Every step is saved before the next, so
 * an operation the emulator's stop interrupted can be settled at the next start ({@link #recover}).
 */
final class StackEngine {

    private static final Logger LOG = LoggerFactory.getLogger(StackEngine.class);
    private static final String STACK_TYPE = "AWS::CloudFormation::Stack";

    /** Where the engine records what it does, and what it needs to know about other stacks. */
    interface Journal {
        /** Stores the stack's new state durably and returns it. */
        StackRecord save(StackRecord stack);

        void event(StackRecord stack, String logicalId, String physicalId, String type, String status, String reason,
                JsonNode properties);

        /** The value exported under {@code name} by a live stack. */
        Optional<String> exportValue(String name);

        /** The live stack, other than {@code stackId}, that exports {@code name}. */
        Optional<String> exporter(String name, String stackId);

        /** The live stacks, other than {@code stackId}, that import {@code name}. */
        List<String> importers(String name, String stackId);

        /** Whether the emulator is stopping: the operation stops where it is, for the next start to settle. */
        boolean stopping();
    }

    /** The emulator is stopping: the operation ends without recording an outcome. */
    static final class Aborted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Aborted() {
            super("the emulator is stopping", null, false, false);
        }
    }

    private final ResourceProviders providers;
    private final EmulatorClock clock;
    private final Journal journal;

    StackEngine(ResourceProviders providers, EmulatorClock clock, Journal journal) {
        this.providers = providers;
        this.clock = clock;
        this.journal = journal;
    }

    // ================================================================ operations

    /** Runs a create the backend has started (the stack is CREATE_IN_PROGRESS). */
    StackRecord create(StackRecord stack, DeploymentPlan plan) {
        Operation op = new Operation(stack, plan);
        op.save(b -> b.operationOrder(plan.order()));
        Optional<String> failure = op.deploy();
        if (failure.isEmpty()) {
            failure = op.produceOutputs();
        }
        if (failure.isEmpty()) {
            op.save(b -> b.imports(List.copyOf(op.imports)).operationOrder(List.of()));
            op.stackStatus(StackStatus.CREATE_COMPLETE, null);
            return op.current;
        }
        if (op.current.disableRollback()) {
            op.stackStatus(StackStatus.CREATE_FAILED, failure.get());
            return op.current;
        }
        op.stackStatus(StackStatus.ROLLBACK_IN_PROGRESS, failure.get());
        op.rollbackCreate(failure.get());
        return op.current;
    }

    /** Runs an update the backend has started (UPDATE_IN_PROGRESS, the previous state kept in the record). */
    StackRecord update(StackRecord stack, DeploymentPlan plan) {
        Operation op = new Operation(stack, plan);
        op.save(b -> b.operationOrder(plan.order()));
        Optional<String> failure = op.deploy();
        if (failure.isEmpty()) {
            failure = op.produceOutputs();
        }
        if (failure.isPresent()) {
            op.stackStatus(StackStatus.UPDATE_ROLLBACK_IN_PROGRESS, failure.get());
            op.rollbackUpdate();
            return op.current;
        }
        op.save(b -> b.imports(List.copyOf(op.imports)));
        op.stackStatus(StackStatus.UPDATE_COMPLETE_CLEANUP_IN_PROGRESS, null);
        op.cleanupUpdate();
        return op.current;
    }

    /** Runs a delete the backend has started (DELETE_IN_PROGRESS). */
    StackRecord delete(StackRecord stack, Set<String> retain) {
        Operation op = new Operation(stack, null);
        op.deleteStack(retain);
        return op.current;
    }

    /** Settles an operation that was in progress when the emulator last stopped. */
    StackRecord recover(StackRecord stack) {
        Operation op = new Operation(stack, null);
        String stopped = "The emulator stopped during the stack operation.";
        switch (stack.status()) {
            case CREATE_IN_PROGRESS -> {
                List<String> failed = op.cancelInProgress(ResourceStatus.CREATE_IN_PROGRESS,
                        ResourceStatus.CREATE_FAILED, "Resource creation cancelled");
                String reason = failedResources("create", failed) + stopped;
                if (stack.disableRollback()) {
                    op.stackStatus(StackStatus.CREATE_FAILED, reason);
                } else {
                    op.stackStatus(StackStatus.ROLLBACK_IN_PROGRESS, reason);
                    op.rollbackCreate(reason);
                }
            }
            case ROLLBACK_IN_PROGRESS -> op.rollbackCreate(stack.reason().orElse(stopped));
            case UPDATE_IN_PROGRESS -> {
                List<String> failed = new ArrayList<>(op.cancelInProgress(ResourceStatus.UPDATE_IN_PROGRESS,
                        ResourceStatus.UPDATE_FAILED, "Resource update cancelled"));
                failed.addAll(op.cancelInProgress(ResourceStatus.CREATE_IN_PROGRESS, ResourceStatus.CREATE_FAILED,
                        "Resource creation cancelled"));
                op.stackStatus(StackStatus.UPDATE_ROLLBACK_IN_PROGRESS, failedResources("update", failed) + stopped);
                op.rollbackUpdate();
            }
            case UPDATE_ROLLBACK_IN_PROGRESS -> op.rollbackUpdate();
            case UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS -> op.rollbackCleanup();
            case UPDATE_COMPLETE_CLEANUP_IN_PROGRESS -> op.cleanupUpdate();
            case DELETE_IN_PROGRESS -> {
                List<String> failed = op.cancelInProgress(ResourceStatus.DELETE_IN_PROGRESS,
                        ResourceStatus.DELETE_FAILED, "Resource deletion cancelled");
                op.stackStatus(StackStatus.DELETE_FAILED, failedResources("delete", failed) + stopped);
            }
            default -> {
                // not in progress: nothing to settle
            }
        }
        return op.current;
    }

    // ================================================================ one operation

    /** The state of one operation on one stack, saved at every step. */
    private final class Operation {
        private StackRecord current;
        private final DeploymentPlan plan;
        private final Set<String> imports = new LinkedHashSet<>();

        Operation(StackRecord stack, DeploymentPlan plan) {
            this.current = stack;
            this.plan = plan;
        }

        void save(UnaryOperator<StackRecord.Builder> change) {
            current = journal.save(change.apply(current.toBuilder()).build());
        }

        void stackStatus(StackStatus status, String reason) {
            save(b -> {
                b.status(status, reason);
                if (status == StackStatus.DELETE_COMPLETE) {
                    b.deletionTime(clock.now());
                }
                if (status == StackStatus.UPDATE_COMPLETE || status == StackStatus.UPDATE_ROLLBACK_COMPLETE) {
                    b.previous(null).clearRetired();
                }
                if (!status.inProgress()) {
                    b.operationOrder(List.of());
                }
                return b;
            });
            // after a rollback DescribeStacks keeps the failure's reason; these statuses' events carry none
            boolean quiet = status == StackStatus.ROLLBACK_COMPLETE || status == StackStatus.UPDATE_ROLLBACK_COMPLETE
                    || status == StackStatus.UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS;
            journal.event(current, current.stackName(), current.stackId(), STACK_TYPE, status.name(),
                    quiet ? null : reason, null);
        }

        void resource(StackResourceRecord record) {
            save(b -> b.resource(record));
            event(record);
        }

        void event(StackResourceRecord record) {
            journal.event(current, record.logicalId(), record.physicalId(), record.type(), record.status().name(),
                    record.statusReason(), record.properties());
        }

        void checkStopping() {
            if (journal.stopping() || Thread.currentThread().isInterrupted()) {
                throw new Aborted();
            }
        }

        /** The failure's status reason, unless the failure is the emulator stopping. */
        String failure(RuntimeException e, String type) {
            checkStopping();
            return failureReason(e, type);
        }

        ResourceRequest request(String logicalId, String type, JsonNode properties) {
            return new ResourceRequest(logicalId, type, properties, current.stackName(), current.stackId(),
                    plan == null ? regionOf(current.stackId()) : plan.identity().region(),
                    accountOf(current.stackId()));
        }

        // ------------------------------------------------------------ create / update resources

        /** Deploys the plan's resources in order; the failure reason of the stack, if one fails. */
        Optional<String> deploy() {
            for (DeploymentPlan.PlannedResource planned : plan.resources()) {
                checkStopping();
                StackResourceRecord existing = current.resources().get(planned.logicalId());
                boolean created = existing == null || existing.physicalId() == null
                        && existing.status() != ResourceStatus.CREATE_COMPLETE;
                boolean ok = created ? createResource(planned) : updateResource(planned, existing);
                if (!ok) {
                    return Optional.of("The following resource(s) failed to " + (created ? "create" : "update")
                            + ": [" + planned.logicalId() + "]. "
                            + (current.status() == StackStatus.CREATE_IN_PROGRESS ? "Rollback requested by user." : ""));
                }
            }
            return Optional.empty();
        }

        private boolean createResource(DeploymentPlan.PlannedResource planned) {
            Template.ResourceDeclaration declaration = planned.declaration();
            String id = declaration.logicalId();
            StackResourceRecord record = new StackResourceRecord(id, declaration.type(), null,
                    ResourceStatus.CREATE_IN_PROGRESS, null, JsonNodeFactory.instance.objectNode(), planned.dependsOn(),
                    declaration.deletionPolicy(), declaration.updateReplacePolicy(), declaration.metadata(),
                    clock.now());
            JsonNode properties;
            try {
                properties = resolve(declaration);
            } catch (AwsException e) {
                resource(record);
                resource(record.with(ResourceStatus.CREATE_FAILED, e.getMessage(), clock.now()));
                return false;
            }
            record = record.withProperties(properties);
            resource(record);
            Optional<ResourceProvider> provider = providers.find(declaration.type());
            if (provider.isEmpty()) {
                resource(record.with(ResourceStatus.CREATE_FAILED, unsupported(declaration.type()), clock.now()));
                return false;
            }
            ResourceRequest request = request(id, declaration.type(), properties);
            try {
                String physicalId = provider.get().create(request);
                record = record.withPhysicalId(physicalId).with(ResourceStatus.CREATE_IN_PROGRESS,
                        "Resource creation Initiated", clock.now());
                resource(record);
                provider.get().awaitStable(request, physicalId);
            } catch (RuntimeException e) {
                resource(record.with(ResourceStatus.CREATE_FAILED, failure(e, declaration.type()), clock.now()));
                return false;
            }
            resource(record.with(ResourceStatus.CREATE_COMPLETE, null, clock.now()));
            return true;
        }

        private boolean updateResource(DeploymentPlan.PlannedResource planned, StackResourceRecord existing) {
            Template.ResourceDeclaration declaration = planned.declaration();
            StackResourceRecord record = existing.withDeclaration(planned.dependsOn(), declaration.deletionPolicy(),
                    declaration.updateReplacePolicy(), declaration.metadata());
            if (!record.equals(existing)) {
                save(b -> b.resource(record));
            }
            JsonNode properties;
            try {
                properties = resolve(declaration);
            } catch (AwsException e) {
                resource(record.with(ResourceStatus.UPDATE_FAILED, e.getMessage(), clock.now()));
                return false;
            }
            if (properties.equals(existing.properties())) {
                return true;
            }
            Optional<ResourceProvider> provider = providers.find(declaration.type());
            if (provider.isEmpty()) {
                resource(record.with(ResourceStatus.UPDATE_FAILED, unsupported(declaration.type()), clock.now()));
                return false;
            }
            ResourceRequest request = request(declaration.logicalId(), declaration.type(), properties);
            if (provider.get().requiresReplacement(existing.properties(), properties)) {
                return replace(provider.get(), request, record);
            }
            StackResourceRecord updating = record.withProperties(properties)
                    .with(ResourceStatus.UPDATE_IN_PROGRESS, null, clock.now());
            resource(updating);
            try {
                provider.get().update(request, existing.physicalId(), existing.properties());
            } catch (RuntimeException e) {
                resource(updating.with(ResourceStatus.UPDATE_FAILED, failure(e, declaration.type()),
                        clock.now()));
                return false;
            }
            resource(updating.with(ResourceStatus.UPDATE_COMPLETE, null, clock.now()));
            return true;
        }

        /** A replacement: the new resource first; the old one is deleted at cleanup. */
        private boolean replace(ResourceProvider provider, ResourceRequest request, StackResourceRecord existing) {
            Optional<String> nameProperty = provider.nameProperty();
            if (nameProperty.isPresent() && request.properties().has(nameProperty.get())
                    && Objects.equals(request.properties().get(nameProperty.get()),
                            existing.properties().get(nameProperty.get()))) {
                resource(existing.with(ResourceStatus.UPDATE_FAILED, "CloudFormation cannot update a stack when a"
                        + " custom-named resource requires replacing. Rename "
                        + request.properties().get(nameProperty.get()).asText() + " and update the stack again.",
                        clock.now()));
                return false;
            }
            // the record keeps the old properties until the new resource exists: the old one is unchanged
            StackResourceRecord replacing = existing.with(ResourceStatus.UPDATE_IN_PROGRESS, "Requested update requires"
                    + " the creation of a new physical resource; hence creating one.", clock.now());
            save(b -> b.resource(replacing));
            event(replacing.withProperties(request.properties()));
            String physicalId;
            try {
                physicalId = provider.create(request);
            } catch (RuntimeException e) {
                resource(replacing.with(ResourceStatus.UPDATE_FAILED, failure(e, existing.type()),
                        clock.now()));
                return false;
            }
            StackResourceRecord created = replacing.withProperties(request.properties()).withPhysicalId(physicalId)
                    .with(ResourceStatus.UPDATE_IN_PROGRESS, "Resource creation Initiated", clock.now());
            save(b -> b.retire(existing).resource(created));
            event(created);
            try {
                provider.awaitStable(request, physicalId);
            } catch (RuntimeException e) {
                resource(created.with(ResourceStatus.UPDATE_FAILED, failure(e, existing.type()), clock.now()));
                return false;
            }
            resource(created.with(ResourceStatus.UPDATE_COMPLETE, null, clock.now()));
            return true;
        }

        private JsonNode resolve(Template.ResourceDeclaration declaration) {
            return new Intrinsics(new OperationScope(this), plan.template().mappings())
                    .resolveRequired(declaration.properties());
        }

        /** Resolves the plan's outputs into the record; the failure reason when one cannot be produced. */
        Optional<String> produceOutputs() {
            Intrinsics intrinsics = new Intrinsics(new OperationScope(this), plan.template().mappings());
            List<StackOutput> outputs = new ArrayList<>();
            try {
                for (Template.OutputDeclaration output : plan.outputs()) {
                    JsonNode value = intrinsics.resolveRequired(output.value());
                    if (value.isContainerNode() || value.isNull()) {
                        return Optional.of("Template error: the Value of output " + output.name()
                                + " must resolve to a string");
                    }
                    String exportName = null;
                    if (output.exportName().isPresent()) {
                        JsonNode name = intrinsics.resolveRequired(output.exportName().get());
                        if (name.isContainerNode() || name.isNull() || name.asText().isEmpty()) {
                            return Optional.of("Template error: the Export Name of output " + output.name()
                                    + " must resolve to a non-empty string");
                        }
                        exportName = name.asText();
                        Optional<String> exporter = journal.exporter(exportName, current.stackId());
                        if (exporter.isPresent()) {
                            return Optional.of("Export with name " + exportName + " is already exported by stack "
                                    + exporter.get());
                        }
                    }
                    outputs.add(new StackOutput(output.name(), value.asText(), output.description().orElse(null),
                            exportName));
                }
            } catch (AwsException e) {
                return Optional.of(e.getMessage());
            }
            Set<String> kept = new HashSet<>();
            outputs.forEach(o -> kept.add(o.exportName()));
            for (StackOutput old : current.outputs()) {
                if (old.exportName() != null && !kept.contains(old.exportName())) {
                    List<String> importers = journal.importers(old.exportName(), current.stackId());
                    if (!importers.isEmpty()) {
                        return Optional.of("Cannot delete export " + old.exportName() + " as it is in use by "
                                + importers.getFirst());
                    }
                }
            }
            save(b -> b.outputs(outputs));
            return Optional.empty();
        }

        // ------------------------------------------------------------ rollback and cleanup

        /** Deletes what a failed create made, last first. */
        void rollbackCreate(String reason) {
            List<String> failed = new ArrayList<>();
            for (StackResourceRecord record : reverseDependencyOrder(current.resources().values())) {
                checkStopping();
                StackResourceRecord latest = current.resources().get(record.logicalId());
                if (latest.status() == ResourceStatus.DELETE_COMPLETE
                        || latest.status() == ResourceStatus.DELETE_SKIPPED) {
                    continue;
                }
                if (!deleteResource(latest, latest.deletionPolicy().retainsOnCreateRollback(), true)) {
                    failed.add(latest.logicalId());
                }
            }
            if (failed.isEmpty()) {
                stackStatus(StackStatus.ROLLBACK_COMPLETE, reason);
            } else {
                stackStatus(StackStatus.ROLLBACK_FAILED, "The following resource(s) failed to delete: " + failed
                        + ". ");
            }
        }

        /**
         * Puts every resource the update changed in place back to its previous properties; then the
         * cleanup deletes what the update created.
         */
        void rollbackUpdate() {
            StackSnapshot previous = current.previous();
            List<String> failed = new ArrayList<>();
            for (StackResourceRecord record : reverseDependencyOrder(touched(previous))) {
                checkStopping();
                StackResourceRecord cur = current.resources().get(record.logicalId());
                StackResourceRecord before = previous.resources().get(record.logicalId());
                if (before == null || cur.physicalId() == null || !cur.physicalId().equals(before.physicalId())) {
                    continue;
                }
                // an update that failed part-way left its attempted properties in the record
                if (before.properties().equals(cur.properties())) {
                    continue;
                }
                Optional<ResourceProvider> provider = providers.find(cur.type());
                StackResourceRecord reverting = cur.withProperties(before.properties())
                        .with(ResourceStatus.UPDATE_IN_PROGRESS, null, clock.now());
                resource(reverting);
                try {
                    if (provider.isEmpty()) {
                        throw ResourceFailure.notSupported(unsupported(cur.type()));
                    }
                    provider.get().update(request(cur.logicalId(), cur.type(), before.properties()), cur.physicalId(),
                            cur.properties());
                } catch (RuntimeException e) {
                    resource(reverting.with(ResourceStatus.UPDATE_FAILED, failure(e, cur.type()), clock.now()));
                    failed.add(cur.logicalId());
                    continue;
                }
                resource(reverting.with(ResourceStatus.UPDATE_COMPLETE, null, clock.now()));
            }
            if (!failed.isEmpty()) {
                stackStatus(StackStatus.UPDATE_ROLLBACK_FAILED, "The following resource(s) failed to update: "
                        + failed + ". ");
                return;
            }
            stackStatus(StackStatus.UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS, current.statusReason());
            rollbackCleanup();
        }

        /** Deletes the resources a failed update created and restores the stack as it was. */
        void rollbackCleanup() {
            StackSnapshot previous = current.previous();
            for (StackResourceRecord record : reverseDependencyOrder(touched(previous))) {
                checkStopping();
                StackResourceRecord cur = current.resources().get(record.logicalId());
                StackResourceRecord before = previous.resources().get(record.logicalId());
                boolean newPhysical = before == null || !Objects.equals(cur.physicalId(), before.physicalId());
                if (!newPhysical) {
                    continue;
                }
                // what the update made is deleted whatever its policy: the stack never owned it
                deleteResource(cur, false, false);
                save(b -> before == null ? b.removeResource(cur.logicalId()) : b.resource(before));
            }
            save(b -> b.resources(previous.resources())
                    .configuration(previous.templateBody(), previous.description(), previous.parameters(),
                            current.capabilities(), current.roleArn(), current.tags(), current.disableRollback())
                    .outputs(previous.outputs())
                    .imports(previous.imports()));
            stackStatus(StackStatus.UPDATE_ROLLBACK_COMPLETE, current.statusReason());
        }

        /** The resources an update may have changed: those it planned, and any it added. */
        private List<StackResourceRecord> touched(StackSnapshot previous) {
            List<StackResourceRecord> touched = new ArrayList<>();
            for (StackResourceRecord record : current.resources().values()) {
                StackResourceRecord before = previous.resources().get(record.logicalId());
                if (before == null || !before.equals(record)) {
                    touched.add(record);
                }
            }
            return touched;
        }

        /** After a successful update: deletes replaced and removed resources (failures are only reported). */
        void cleanupUpdate() {
            for (StackResourceRecord retired : List.copyOf(current.retired()).reversed()) {
                checkStopping();
                deleteResource(retired, retired.updateReplacePolicy().retainsOnDelete(), false);
                save(b -> b.removeRetired(retired));
            }
            Set<String> planned = new HashSet<>(current.operationOrder());
            List<StackResourceRecord> removed = current.resources().values().stream()
                    .filter(r -> !planned.contains(r.logicalId())).toList();
            for (StackResourceRecord record : reverseDependencyOrder(removed)) {
                checkStopping();
                deleteResource(current.resources().get(record.logicalId()),
                        record.deletionPolicy().retainsOnDelete(), false);
                save(b -> b.removeResource(record.logicalId()));
            }
            stackStatus(StackStatus.UPDATE_COMPLETE, null);
        }

        void deleteStack(Set<String> retain) {
            for (StackOutput output : current.outputs()) {
                if (output.exportName() != null) {
                    List<String> importers = journal.importers(output.exportName(), current.stackId());
                    if (!importers.isEmpty()) {
                        stackStatus(StackStatus.DELETE_FAILED, "Export " + output.exportName()
                                + " cannot be deleted as it is in use by " + importers.getFirst());
                        return;
                    }
                }
            }
            List<String> failed = new ArrayList<>();
            Set<String> needed = new HashSet<>();
            for (StackResourceRecord record : reverseDependencyOrder(current.resources().values())) {
                checkStopping();
                StackResourceRecord latest = current.resources().get(record.logicalId());
                if (latest.status() == ResourceStatus.DELETE_COMPLETE
                        || latest.status() == ResourceStatus.DELETE_SKIPPED) {
                    continue;
                }
                if (needed.contains(latest.logicalId())) {
                    // a resource that failed to delete still depends on it
                    needed.addAll(latest.dependsOn());
                    continue;
                }
                boolean retained = latest.deletionPolicy().retainsOnDelete() || retain.contains(latest.logicalId());
                if (!deleteResource(latest, retained, true)) {
                    failed.add(latest.logicalId());
                    needed.addAll(latest.dependsOn());
                }
            }
            if (failed.isEmpty()) {
                stackStatus(StackStatus.DELETE_COMPLETE, null);
            } else {
                stackStatus(StackStatus.DELETE_FAILED, "The following resource(s) failed to delete: " + failed + ". ");
            }
        }

        /**
         * Deletes one physical resource with its events; {@code keepRecord} keeps the resource in the
         * stack with its final status (a stack delete or create rollback), otherwise the caller drops it.
         *
         * @return whether it is gone (or kept by its policy)
         */
        private boolean deleteResource(StackResourceRecord record, boolean retained, boolean keepRecord) {
            if (retained && record.physicalId() != null) {
                StackResourceRecord skipped = record.with(ResourceStatus.DELETE_SKIPPED, null, clock.now());
                if (keepRecord) {
                    resource(skipped);
                } else {
                    event(skipped);
                }
                return true;
            }
            StackResourceRecord deleting = record.with(ResourceStatus.DELETE_IN_PROGRESS, null, clock.now());
            if (keepRecord) {
                resource(deleting);
            } else {
                event(deleting);
            }
            StackResourceRecord outcome;
            boolean gone;
            try {
                if (record.physicalId() != null) {
                    ResourceProvider provider = providers.find(record.type())
                            .orElseThrow(() -> ResourceFailure.notSupported(unsupported(record.type())));
                    provider.delete(request(record.logicalId(), record.type(), record.properties()),
                            record.physicalId());
                }
                outcome = deleting.with(ResourceStatus.DELETE_COMPLETE, null, clock.now());
                gone = true;
            } catch (RuntimeException e) {
                checkStopping();
                if (e instanceof AwsException aws && notFound(aws)) {
                    outcome = deleting.with(ResourceStatus.DELETE_COMPLETE, null, clock.now());
                    gone = true;
                } else {
                    outcome = deleting.with(ResourceStatus.DELETE_FAILED, failure(e, record.type()),
                            clock.now());
                    gone = false;
                }
            }
            if (keepRecord) {
                resource(outcome);
            } else {
                event(outcome);
            }
            return gone;
        }

        /** Marks resources caught in {@code from} by a stop as {@code to}; their logical ids. */
        List<String> cancelInProgress(ResourceStatus from, ResourceStatus to, String reason) {
            List<String> cancelled = new ArrayList<>();
            for (StackResourceRecord record : List.copyOf(current.resources().values())) {
                if (record.status() == from) {
                    resource(record.with(to, reason, clock.now()));
                    cancelled.add(record.logicalId());
                }
            }
            return cancelled;
        }
    }

    /** What names resolve to while an operation runs: parameters, then the stack's resources. */
    private final class OperationScope extends DeploymentPlan.ParameterScope {
        private final Operation op;

        OperationScope(Operation op) {
            super(op.plan.template(), op.plan.parameters(), op.plan.identity());
            this.op = op;
        }

        @Override
        protected JsonNode resource(String name) {
            return JsonNodeFactory.instance.textNode(live(name).physicalId());
        }

        @Override
        public JsonNode getAtt(String resource, String attribute) {
            StackResourceRecord record = live(resource);
            Map<String, JsonNode> attributes = providers.find(record.type())
                    .map(p -> p.attributes(op.request(record.logicalId(), record.type(), record.properties()),
                            record.physicalId()))
                    .orElse(Map.of());
            JsonNode value = attributes.get(attribute);
            if (value == null) {
                throw Errors.validation("Template error: resource " + resource + " does not support attribute type "
                        + attribute + " in Fn::GetAtt");
            }
            return value;
        }

        @Override
        public boolean condition(String name) {
            Boolean value = op.plan.conditions().get(name);
            if (value == null) {
                throw Errors.validation("Template format error: Unresolved condition dependency " + name
                        + " in Fn::If");
            }
            return value;
        }

        @Override
        public String importValue(String exportName) {
            String value = journal.exportValue(exportName).orElseThrow(() -> Errors.validation("No export named "
                    + exportName + " found."));
            op.imports.add(exportName);
            return value;
        }

        private StackResourceRecord live(String logicalId) {
            StackResourceRecord record = op.current.resources().get(logicalId);
            if (record == null || record.physicalId() == null) {
                throw Errors.validation("Template error: resource " + logicalId + " has not been created");
            }
            return record;
        }
    }

    // ================================================================ helpers

    /**
     * Dependents before their dependencies (the reverse of creation), later-planned first among
     * independent resources.
     */
    static List<StackResourceRecord> reverseDependencyOrder(Collection<StackResourceRecord> records) {
        Map<String, StackResourceRecord> byId = new LinkedHashMap<>();
        records.forEach(r -> byId.put(r.logicalId(), r));
        Map<String, Integer> dependents = new HashMap<>();
        for (StackResourceRecord record : byId.values()) {
            for (String dependency : record.dependsOn()) {
                if (byId.containsKey(dependency)) {
                    dependents.merge(dependency, 1, Integer::sum);
                }
            }
        }
        List<StackResourceRecord> pending = new ArrayList<>(byId.values());
        List<StackResourceRecord> ordered = new ArrayList<>();
        while (!pending.isEmpty()) {
            StackResourceRecord next = null;
            for (int i = pending.size() - 1; i >= 0; i--) {
                if (dependents.getOrDefault(pending.get(i).logicalId(), 0) == 0) {
                    next = pending.remove(i);
                    break;
                }
            }
            if (next == null) {
                // a cycle cannot be planned; delete what is left last-first rather than loop
                next = pending.removeLast();
            }
            ordered.add(next);
            for (String dependency : next.dependsOn()) {
                dependents.computeIfPresent(dependency, (key, count) -> count - 1);
            }
        }
        return ordered;
    }

    /** "The following resource(s) failed to ...: [...]. ", or nothing when no resource was caught. */
    private static String failedResources(String action, List<String> failed) {
        return failed.isEmpty() ? "" : "The following resource(s) failed to " + action + ": " + failed + ". ";
    }

    private static String unsupported(String type) {
        return "Unsupported resource type " + type + ": this emulator has no provider for it";
    }

    private static boolean notFound(AwsException e) {
        return e.httpStatus() == 404 || e.code().contains("NotFound") || e.code().startsWith("NoSuch");
    }

    /** A failure as CloudFormation reports it in the resource's status reason. */
    static String failureReason(RuntimeException e, String type) {
        if (e instanceof Aborted aborted) {
            throw aborted;
        }
        String token = UUID.randomUUID().toString();
        if (e instanceof ResourceFailure failure) {
            return failure.verbatim() ? failure.getMessage() : "Resource handler returned message: \""
                    + failure.getMessage() + "\" (RequestToken: " + token + ", HandlerErrorCode: " + failure.code()
                    + ")";
        }
        if (e instanceof AwsException aws) {
            if (aws.code().equals("ValidationError") && aws.getMessage().startsWith("Template")) {
                return aws.getMessage();
            }
            String code = notFound(aws) ? "NotFound"
                    : aws.code().contains("AlreadyExist") || aws.code().contains("AlreadyOwned")
                            || aws.getMessage().contains("already exist") ? "AlreadyExists"
                    : aws.httpStatus() >= 500 ? "GeneralServiceException" : "InvalidRequest";
            return "Resource handler returned message: \"" + aws.getMessage() + " (Service: " + service(type)
                    + ", Status Code: " + aws.httpStatus() + ", Request ID: " + UUID.randomUUID() + ")\" (RequestToken: "
                    + token + ", HandlerErrorCode: " + code + ")";
        }
        LOG.warn("A {} provider failed unexpectedly", type, e);
        return "Internal Failure: " + e;
    }

    /** The SDK's service name in error messages: {@code AWS::Lambda::Function} is Lambda, IAM is Iam. */
    private static String service(String type) {
        String[] parts = type.split("::");
        String service = parts.length > 1 ? parts[1] : type;
        if (service.length() > 2 && service.chars().allMatch(Character::isUpperCase)) {
            return service.charAt(0) + service.substring(1).toLowerCase(java.util.Locale.ROOT);
        }
        return service;
    }

    private static String regionOf(String stackId) {
        return stackId.split(":")[3];
    }

    private static String accountOf(String stackId) {
        return stackId.split(":")[4];
    }
}
