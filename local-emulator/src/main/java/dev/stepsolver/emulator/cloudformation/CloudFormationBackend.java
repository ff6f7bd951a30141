package dev.stepsolver.emulator.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepsolver.emulator.protocol.AwsException;
import dev.stepsolver.emulator.state.PersistentCollection;
import dev.stepsolver.emulator.state.StateStore;
import dev.stepsolver.emulator.time.EmulatorClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CloudFormation stacks: the API's checks happen when a call is made (template, parameters,
 * capabilities, conditions, dependencies), then the operation runs on its own thread through the
 * {@link StackEngine} while DescribeStacks and DescribeStackEvents follow it. Stacks and their
 * events persist; an operation the emulator's stop interrupted is settled after the next start
 * (a create or update rolls back, a delete fails).
 *
 * <p>For other services: {@link #deploy}, {@link #delete}, {@link #stack} and {@link #completion}.
 */
public final class CloudFormationBackend implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CloudFormationBackend.class);
    private static final Pattern STACK_NAME = Pattern.compile("[a-zA-Z][-a-zA-Z0-9]{0,127}");
    /** CloudFormation's limit for TemplateBody. */
    static final int MAX_TEMPLATE_BODY = 51_200;
    private static final int MAX_DELETED_STACKS = 100;
    private static final String NO_UPDATES = "No updates are to be performed.";

    /** What the backend reads from other services. */
    interface Surroundings {
        /** A Parameter Store value, for {@code AWS::SSM::Parameter::Value<...>} parameters. */
        Optional<Parameters.StoredValue> parameter(String name);

        /**
         * The bytes of an object in the emulated S3, for TemplateURL.
         *
         * @throws AwsException when it cannot be read
         */
        byte[] object(String bucket, String key);

        /** The host the emulator listens on (its own URLs name S3 objects path-style). */
        Optional<String> ownHost();
    }

    private final EmulatorClock clock;
    private final String region;
    private final String accountId;
    private final ResourceProviders providers;
    private final Surroundings surroundings;
    private final PersistentCollection<StackRecord> stackStore;
    private final LinkedHashMap<String, StackRecord> stacks = new LinkedHashMap<>();
    private final StackEvents events;
    private final Map<String, CompletableFuture<StackRecord>> inFlight = new ConcurrentHashMap<>();
    private final ExecutorService executor;
    private final StackEngine engine;
    private volatile boolean stopping;

    CloudFormationBackend(EmulatorClock clock, StateStore state, String region, String accountId,
            ResourceProviders providers, Surroundings surroundings) {
        this.clock = clock;
        this.region = region;
        this.accountId = accountId;
        this.providers = providers;
        this.surroundings = surroundings;
        this.stackStore = state.collection("cloudformation.stacks", StackRecord.class);
        this.events = new StackEvents(state);
        List<StackRecord> loaded = new ArrayList<>(stackStore.loadAll().values());
        loaded.sort(java.util.Comparator.comparing(StackRecord::creationTime));
        loaded.forEach(stack -> stacks.put(stack.stackId(), stack));
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "cloudformation-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.engine = new StackEngine(providers, clock, new BackendJournal());
    }

    /**
     * Settles the operations the last run left in progress; called once the emulator listens, since
     * providers may need other services' endpoints.
     */
    public void resumeInterrupted() {
        List<StackRecord> interrupted;
        synchronized (this) {
            interrupted = stacks.values().stream().filter(s -> s.status().inProgress()).toList();
        }
        for (StackRecord stack : interrupted) {
            LOG.info("Stack {} was {} when the emulator stopped; settling it", stack.stackName(), stack.status());
            submit(stack.stackId(), () -> engine.recover(stack));
        }
    }

    // ================================================================ the API

    /**
     * CreateStack: checks everything that can be checked at once, then creates in the background.
     *
     * @return the new stack, CREATE_IN_PROGRESS
     */
    public StackRecord createStack(StackRequest request) {
        checkStackName(request.stackName());
        if (request.template() instanceof TemplateSource.Previous) {
            throw Errors.validation("UsePreviousTemplate can only be used with UpdateStack");
        }
        String body = templateBody(request.template());
        Template template = Template.parse(body);
        checkCapabilities(template, request.capabilities());
        synchronized (this) {
            if (live(request.stackName()).isPresent()) {
                throw Errors.alreadyExists(request.stackName());
            }
        }
        String stackId = "arn:aws:cloudformation:" + region + ":" + accountId + ":stack/" + request.stackName() + "/"
                + UUID.randomUUID();
        Map<String, StackParameter> parameters = Parameters.resolve(template, request.parameters(), Map.of(),
                surroundings::parameter);
        DeploymentPlan plan = DeploymentPlan.of(template, parameters, identity(request.stackName(), stackId),
                providers);
        Instant now = clock.now();
        StackRecord stack = new StackRecord(stackId, request.stackName(), template.description().orElse(null),
                StackStatus.CREATE_IN_PROGRESS, "User Initiated", now, null, null, body,
                List.copyOf(parameters.values()), request.capabilities(), request.roleArn().orElse(null),
                request.tags().orElse(Map.of()), request.disableRollback(), List.of(), Map.of(), List.of(), null,
                List.of(), List.of());
        synchronized (this) {
            if (live(request.stackName()).isPresent()) {
                throw Errors.alreadyExists(request.stackName());
            }
            checkOpen();
            save(stack);
            addEvent(stack, stack.stackName(), stackId, "AWS::CloudFormation::Stack", stack.status().name(),
                    stack.statusReason(), null);
            pruneDeleted();
        }
        submit(stackId, () -> engine.create(stack, plan));
        return stack;
    }

    /**
     * UpdateStack.
     *
     * @throws AwsException ValidationError "No updates are to be performed." when nothing changes
     */
    public StackRecord updateStack(StackRequest request) {
        StackRecord stack = stack(request.stackName());
        if (stack.deleted()) {
            throw Errors.stackNotFound(request.stackName());
        }
        String body = request.template() instanceof TemplateSource.Previous ? stack.templateBody()
                : templateBody(request.template());
        Template template = Template.parse(body);
        checkCapabilities(template, request.capabilities());
        Map<String, StackParameter> previousParameters = new LinkedHashMap<>();
        stack.parameters().forEach(p -> previousParameters.put(p.key(), p));
        Map<String, StackParameter> parameters = Parameters.resolve(template, request.parameters(), previousParameters,
                surroundings::parameter);
        DeploymentPlan plan = DeploymentPlan.of(template, parameters, identity(stack.stackName(), stack.stackId()),
                providers);
        List<String> retyped = new ArrayList<>();
        for (DeploymentPlan.PlannedResource planned : plan.resources()) {
            StackResourceRecord existing = stack.resources().get(planned.logicalId());
            if (existing != null && !existing.type().equals(planned.declaration().type())) {
                retyped.add(planned.logicalId());
            }
        }
        if (!retyped.isEmpty()) {
            throw Errors.validation("Update of resource type is not permitted. The new template modifies resource type"
                    + " of the following resources: " + retyped);
        }
        StackRecord updated;
        synchronized (this) {
            StackRecord current = stacks.get(stack.stackId());
            if (!current.status().updatable()) {
                throw Errors.validation("Stack:" + current.stackId() + " is in " + current.status()
                        + " state and can not be updated.");
            }
            Map<String, String> tags = request.tags().orElse(current.tags());
            String roleArn = request.roleArn().orElse(current.roleArn());
            boolean sameTemplate = Template.parse(current.templateBody()).root().equals(template.root());
            if (sameTemplate && sameValues(current.parameters(), parameters.values()) && tags.equals(current.tags())
                    && Objects.equals(roleArn, current.roleArn())) {
                throw Errors.validation(NO_UPDATES);
            }
            checkOpen();
            StackSnapshot snapshot = new StackSnapshot(current.templateBody(), current.description(),
                    current.parameters(), current.outputs(), current.resources(), current.imports());
            updated = current.toBuilder()
                    .previous(snapshot)
                    .configuration(body, template.description().orElse(null), List.copyOf(parameters.values()),
                            request.capabilities(), roleArn, tags, current.disableRollback())
                    .status(StackStatus.UPDATE_IN_PROGRESS, "User Initiated")
                    .lastUpdatedTime(clock.now())
                    .clearRetired()
                    .build();
            save(updated);
            addEvent(updated, updated.stackName(), updated.stackId(), "AWS::CloudFormation::Stack",
                    updated.status().name(), updated.statusReason(), null);
        }
        StackRecord starting = updated;
        submit(stack.stackId(), () -> engine.update(starting, plan));
        return updated;
    }

    /**
     * DeleteStack: a stack that does not exist (or is deleted already) is not an error.
     *
     * @param retain logical ids to keep (for a stack whose delete failed)
     */
    public void deleteStack(String nameOrId, Collection<String> retain) {
        StackRecord deleting;
        synchronized (this) {
            Optional<StackRecord> found = find(nameOrId);
            if (found.isEmpty() || found.get().deleted()
                    || found.get().status() == StackStatus.DELETE_IN_PROGRESS) {
                return;
            }
            StackRecord stack = found.get();
            if (stack.status().inProgress()) {
                throw Errors.validation("Stack:" + stack.stackId() + " is in " + stack.status()
                        + " state and can not be deleted.");
            }
            if (!retain.isEmpty() && stack.status() != StackStatus.DELETE_FAILED) {
                throw Errors.validation("Invalid operation on stack " + stack.stackId() + ": RetainResources can"
                        + " only be specified when the stack is in the DELETE_FAILED state");
            }
            checkOpen();
            deleting = stack.toBuilder().status(StackStatus.DELETE_IN_PROGRESS, "User Initiated").build();
            save(deleting);
            addEvent(deleting, deleting.stackName(), deleting.stackId(), "AWS::CloudFormation::Stack",
                    deleting.status().name(), deleting.statusReason(), null);
        }
        Set<String> kept = Set.copyOf(retain);
        submit(deleting.stackId(), () -> engine.delete(deleting, kept));
    }

    /**
     * A stack by name (the live one) or by stack id (deleted ones too).
     *
     * @throws AwsException ValidationError "Stack with id X does not exist"
     */
    public synchronized StackRecord stack(String nameOrId) {
        return find(nameOrId).orElseThrow(() -> Errors.stackNotFound(nameOrId));
    }

    /** DescribeStacks: one stack, or every stack that is not deleted. */
    public synchronized List<StackRecord> describeStacks(Optional<String> nameOrId) {
        if (nameOrId.isPresent()) {
            return List.of(stack(nameOrId.get()));
        }
        return stacks.values().stream().filter(s -> !s.deleted()).toList();
    }

    /** ListStacks: every stack, deleted ones included, whose status is in {@code filter} (all when empty). */
    public synchronized List<StackRecord> listStacks(Set<StackStatus> filter) {
        return stacks.values().stream().filter(s -> filter.isEmpty() || filter.contains(s.status()))
                .toList().reversed();
    }

    /** A stack's events, newest first. */
    public synchronized List<StackEventRecord> events(String nameOrId) {
        StackRecord stack = stack(nameOrId);
        return events.newestFirst(stack.stackId());
    }

    /** Reads and checks a template as ValidateTemplate and GetTemplateSummary do. */
    Template readTemplate(TemplateSource source) {
        return Template.parse(templateBody(source));
    }

    /** The exports of live stacks: name, value and exporting stack id. */
    public synchronized List<Map.Entry<StackOutput, String>> exports() {
        List<Map.Entry<StackOutput, String>> exports = new ArrayList<>();
        for (StackRecord stack : stacks.values()) {
            if (!stack.deleted()) {
                stack.outputs().stream().filter(o -> o.exportName() != null)
                        .forEach(o -> exports.add(Map.entry(o, stack.stackId())));
            }
        }
        return exports;
    }

    // ================================================================ in-process API

    /**
     * Creates the stack, or updates it when it exists; completes when the operation ends (at once,
     * unchanged, when an update has nothing to do).
     *
     * @throws AwsException for what CreateStack / UpdateStack refuse at once (template, parameters,
     *     capabilities, a stack that cannot be updated)
     */
    public CompletableFuture<StackOutcome> deploy(StackDeployment deployment) {
        List<ParameterInput> parameters = deployment.parameters().entrySet().stream()
                .map(e -> ParameterInput.of(e.getKey(), e.getValue())).toList();
        StackRequest request = new StackRequest(deployment.stackName(), new TemplateSource.Staged(
                deployment.templateBody()), parameters, List.copyOf(deployment.capabilities()),
                deployment.roleArn(), Optional.of(deployment.tags()), false);
        Optional<StackRecord> existing;
        synchronized (this) {
            existing = live(deployment.stackName());
        }
        if (existing.isEmpty()) {
            return completion(createStack(request).stackId());
        }
        try {
            return completion(updateStack(request).stackId());
        } catch (AwsException e) {
            if (e.getMessage().equals(NO_UPDATES)) {
                return CompletableFuture.completedFuture(StackOutcome.of(stack(existing.get().stackId()), false));
            }
            throw e;
        }
    }

    /** Deletes the stack; completes when it is gone (at once when there is none). */
    public CompletableFuture<StackOutcome> delete(String stackName) {
        Optional<StackRecord> existing;
        synchronized (this) {
            existing = find(stackName);
        }
        if (existing.isEmpty()) {
            return CompletableFuture.completedFuture(new StackOutcome("", stackName, StackStatus.DELETE_COMPLETE,
                    Optional.empty(), Map.of(), false));
        }
        deleteStack(existing.get().stackId(), List.of());
        return completion(existing.get().stackId());
    }

    /** The stack by name (live) or id. */
    public synchronized Optional<StackRecord> findStack(String nameOrId) {
        return find(nameOrId);
    }

    /** Completes when the stack's operation in progress ends (at once when none is). */
    public CompletableFuture<StackOutcome> completion(String nameOrId) {
        StackRecord stack = stack(nameOrId);
        CompletableFuture<StackRecord> running = inFlight.get(stack.stackId());
        if (running == null) {
            StackRecord latest = stack(stack.stackId());
            return CompletableFuture.completedFuture(StackOutcome.of(latest, true));
        }
        return running.thenApply(done -> StackOutcome.of(done, true));
    }

    // ================================================================ internals

    private void submit(String stackId, Supplier<StackRecord> operation) {
        CompletableFuture<StackRecord> done = new CompletableFuture<>();
        inFlight.put(stackId, done);
        try {
            executor.execute(() -> {
                try {
                    done.complete(operation.get());
                } catch (StackEngine.Aborted e) {
                    done.completeExceptionally(new IllegalStateException("The emulator stopped during the stack"
                            + " operation; it is settled at the next start"));
                } catch (RuntimeException e) {
                    LOG.error("The operation on stack {} failed unexpectedly", stackId, e);
                    done.complete(failUnexpectedly(stackId, e));
                } finally {
                    inFlight.remove(stackId, done);
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.remove(stackId, done);
            done.completeExceptionally(e);
        }
    }

    /** An engine bug must not leave a stack in progress forever. */
    private synchronized StackRecord failUnexpectedly(String stackId, RuntimeException e) {
        StackRecord stack = stacks.get(stackId);
        StackStatus failed = switch (stack.status()) {
            case CREATE_IN_PROGRESS, ROLLBACK_IN_PROGRESS -> StackStatus.ROLLBACK_FAILED;
            case UPDATE_IN_PROGRESS, UPDATE_ROLLBACK_IN_PROGRESS, UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS,
                    UPDATE_COMPLETE_CLEANUP_IN_PROGRESS -> StackStatus.UPDATE_ROLLBACK_FAILED;
            case DELETE_IN_PROGRESS -> StackStatus.DELETE_FAILED;
            default -> stack.status();
        };
        String reason = "Internal error in the emulator: " + e;
        StackRecord settled = stack.toBuilder().status(failed, reason).build();
        save(settled);
        addEvent(settled, settled.stackName(), settled.stackId(), "AWS::CloudFormation::Stack", failed.name(), reason,
                null);
        return settled;
    }

    private void checkOpen() {
        if (stopping) {
            throw AwsException.internal("The emulator is shutting down");
        }
    }

    private DeploymentPlan.StackIdentity identity(String stackName, String stackId) {
        return new DeploymentPlan.StackIdentity(stackName, stackId, region, accountId);
    }

    private Optional<StackRecord> find(String nameOrId) {
        if (nameOrId.startsWith("arn:")) {
            return Optional.ofNullable(stacks.get(nameOrId));
        }
        return live(nameOrId);
    }

    private Optional<StackRecord> live(String name) {
        return stacks.values().stream().filter(s -> s.stackName().equals(name) && !s.deleted()).findFirst();
    }

    private static void checkStackName(String name) {
        if (!STACK_NAME.matcher(name).matches()) {
            throw Errors.validation("1 validation error detected: Value '" + name + "' at 'stackName' failed to"
                    + " satisfy constraint: Member must satisfy regular expression pattern:"
                    + " [a-zA-Z][-a-zA-Z0-9]*|arn:[-a-zA-Z0-9:/._+]*");
        }
    }

    private static void checkCapabilities(Template template, Collection<String> given) {
        Optional<String> required = template.requiredCapability();
        if (required.isEmpty()) {
            return;
        }
        if (required.get().equals("CAPABILITY_NAMED_IAM") && !given.contains("CAPABILITY_NAMED_IAM")) {
            throw Errors.insufficientCapabilities("CAPABILITY_NAMED_IAM");
        }
        if (!given.contains("CAPABILITY_IAM") && !given.contains("CAPABILITY_NAMED_IAM")) {
            throw Errors.insufficientCapabilities("CAPABILITY_IAM");
        }
    }

    private static boolean sameValues(List<StackParameter> before, Collection<StackParameter> after) {
        if (before.size() != after.size()) {
            return false;
        }
        Map<String, StackParameter> byKey = new LinkedHashMap<>();
        before.forEach(p -> byKey.put(p.key(), p));
        for (StackParameter parameter : after) {
            StackParameter old = byKey.get(parameter.key());
            if (old == null || !old.value().equals(parameter.value())
                    || !Objects.equals(old.resolvedValue(), parameter.resolvedValue())) {
                return false;
            }
        }
        return true;
    }

    private String templateBody(TemplateSource source) {
        return switch (source) {
            case TemplateSource.Body body -> {
                if (body.text().length() > MAX_TEMPLATE_BODY) {
                    throw Errors.validation("1 validation error detected: Value at 'templateBody' failed to satisfy"
                            + " constraint: Member must have length less than or equal to " + MAX_TEMPLATE_BODY);
                }
                yield body.text();
            }
            case TemplateSource.Url url -> {
                TemplateLocation location = TemplateLocation.parse(url.url(), surroundings.ownHost())
                        .orElseThrow(() -> Errors.validation("TemplateURL must be a supported URL."));
                byte[] bytes;
                try {
                    bytes = surroundings.object(location.bucket(), location.key());
                } catch (AwsException e) {
                    if (e.code().equals("ValidationError")) {
                        throw e;
                    }
                    throw Errors.validation("TemplateURL must reference a valid S3 object to which you have"
                            + " access.");
                }
                checkStagedSize(bytes.length);
                yield new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
            }
            case TemplateSource.Staged staged -> {
                checkStagedSize(staged.text().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
                yield staged.text();
            }
            case TemplateSource.Previous previous -> throw Errors.validation("UsePreviousTemplate needs a stack");
        };
    }

    /** A template read from S3, by URL or staged there by another service: 1 MB at most. */
    private static void checkStagedSize(int bytes) {
        if (bytes > TemplateReader.MAX_TEMPLATE_CHARS) {
            throw Errors.validation("Template may not exceed " + TemplateReader.MAX_TEMPLATE_CHARS + " bytes in size.");
        }
    }

    private synchronized StackRecord save(StackRecord stack) {
        stackStore.put(stack.stackId(), stack);
        stacks.put(stack.stackId(), stack);
        return stack;
    }

    private synchronized void addEvent(StackRecord stack, String logicalId, String physicalId, String type,
            String status, String reason, JsonNode properties) {
        events.add(new StackEventRecord(UUID.randomUUID().toString(), stack.stackId(), stack.stackName(), logicalId,
                physicalId, type, clock.now(), status, reason, properties == null ? null : properties.toString()));
    }

    /** Deleted stacks stay visible by id, as in AWS, up to a bound. */
    private void pruneDeleted() {
        List<StackRecord> deleted = stacks.values().stream().filter(StackRecord::deleted).toList();
        for (int i = 0; i < deleted.size() - MAX_DELETED_STACKS; i++) {
            String id = deleted.get(i).stackId();
            stacks.remove(id);
            stackStore.remove(id);
            events.remove(id);
        }
    }

    /** Stops accepting operations; running ones stop where they are, for the next start to settle. */
    @Override
    public void close() {
        stopping = true;
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("Stack operations did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The engine's view of the backend. */
    private final class BackendJournal implements StackEngine.Journal {
        @Override
        public StackRecord save(StackRecord stack) {
            return CloudFormationBackend.this.save(stack);
        }

        @Override
        public void event(StackRecord stack, String logicalId, String physicalId, String type, String status,
                String reason, JsonNode properties) {
            addEvent(stack, logicalId, physicalId, type, status, reason, properties);
        }

        @Override
        public Optional<String> exportValue(String name) {
            synchronized (CloudFormationBackend.this) {
                return exports().stream().filter(e -> e.getKey().exportName().equals(name))
                        .map(e -> e.getKey().value()).findFirst();
            }
        }

        @Override
        public Optional<String> exporter(String name, String stackId) {
            synchronized (CloudFormationBackend.this) {
                return exports().stream().filter(e -> e.getKey().exportName().equals(name))
                        .filter(e -> !e.getValue().equals(stackId))
                        .map(e -> stacks.get(e.getValue()).stackName()).findFirst();
            }
        }

        @Override
        public List<String> importers(String name, String stackId) {
            synchronized (CloudFormationBackend.this) {
                Set<String> names = new HashSet<>();
                for (StackRecord stack : stacks.values()) {
                    if (!stack.deleted() && !stack.stackId().equals(stackId) && stack.imports().contains(name)) {
                        names.add(stack.stackName());
                    }
                }
                return List.copyOf(names);
            }
        }

        @Override
        public boolean stopping() {
            return stopping;
        }
    }
}
