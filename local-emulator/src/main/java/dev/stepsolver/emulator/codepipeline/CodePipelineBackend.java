package dev.stepsolver.emulator.codepipeline;

import dev.stepsolver.emulator.codeconnections.CommitInfo;
import dev.stepsolver.emulator.codeconnections.ConnectionsBackend;
import dev.stepsolver.emulator.codeconnections.GitAccessException;
import dev.stepsolver.emulator.codeconnections.LocalRepository;
import dev.stepsolver.emulator.protocol.AwsException;
import dev.stepsolver.emulator.protocol.ModelJson;
import dev.stepsolver.emulator.s3.S3Backend;
import dev.stepsolver.emulator.state.PersistentCollection;
import dev.stepsolver.emulator.state.StateCorruptedException;
import dev.stepsolver.emulator.state.StateStore;
import dev.stepsolver.emulator.time.EmulatorClock;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.codepipeline.model.ActionDeclaration;
import software.amazon.awssdk.services.codepipeline.model.PipelineDeclaration;
import software.amazon.awssdk.services.codepipeline.model.PipelineTriggerDeclaration;
import software.amazon.awssdk.services.codepipeline.model.PipelineVariableDeclaration;
import software.amazon.awssdk.services.codepipeline.model.StageDeclaration;

/**
 * CodePipeline: V2 (and V1) pipelines from the same declarations as AWS, their executions run by
 * {@link ExecutionRun}s on virtual threads, action providers ({@link ActionProvider}), triggers
 * (polling of connected local repositories, push webhooks with V2 trigger filters) and listeners.
 *
 * <p>In-process API: {@link #addListener}, {@link #startExecution}, {@link #execution},
 * {@link #executions}, {@link #actionExecutions}, {@link #completion}, {@link #pollSources()},
 * {@link #registerActionProvider}.
 */
public final class CodePipelineBackend implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CodePipelineBackend.class);
    static final int MAX_PIPELINES = 1000;
    static final int MAX_HISTORY = 500;
    static final int MAX_IN_PROGRESS = 50;

    /** Removes a listener again. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /** A pipeline's declaration (version included) with its metadata. */
    public record Pipeline(PipelineDeclaration declaration, PipelineRecord record) {
    }

    private final EmulatorClock clock;
    private final String region;
    private final String accountId;
    private final CodePipelineSettings settings;
    private final Optional<ConnectionsBackend> connections;
    private final ArtifactStore artifacts;
    private final ActionCatalog catalog = new ActionCatalog();
    private final PipelineValidator validator;
    private final Approvals approvals = new Approvals();
    private final PersistentCollection<PipelineRecord> pipelineStore;
    private final PersistentCollection<ExecutionRecord> executionStore;
    private final PersistentCollection<ActionExecutionRecord> actionStore;
    private final PersistentCollection<SourceHead> headStore;
    private final Map<String, PipelineRecord> pipelines = new ConcurrentHashMap<>();
    private final Map<String, PipelineDeclaration> declarations = new ConcurrentHashMap<>();
    private final Map<String, ExecutionRecord> executions = new ConcurrentHashMap<>();
    private final Map<String, ActionExecutionRecord> actions = new ConcurrentHashMap<>();
    private final Map<String, SourceHead> heads = new ConcurrentHashMap<>();
    private final Map<String, ExecutionRun> runs = new ConcurrentHashMap<>();
    private final Map<String, Thread> runThreads = new ConcurrentHashMap<>();
    private final Map<String, StageLanes> lanes = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<ExecutionRecord>> completions = new ConcurrentHashMap<>();
    private final List<PipelineListener> listeners = new CopyOnWriteArrayList<>();
    private final EmulatorClock.Scheduled polling;
    private final java.util.concurrent.atomic.AtomicLong sequence = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean closed;

    public CodePipelineBackend(EmulatorClock clock, StateStore state, String region, String accountId,
            S3Backend s3, Optional<ConnectionsBackend> connections, CodePipelineSettings settings) {
        this.clock = clock;
        this.region = region;
        this.accountId = accountId;
        this.settings = settings;
        this.connections = connections;
        this.artifacts = new ArtifactStore(s3);
        this.validator = new PipelineValidator(catalog, region);
        this.pipelineStore = state.collection("codepipeline.pipelines", PipelineRecord.class);
        this.executionStore = state.collection("codepipeline.executions", ExecutionRecord.class);
        this.actionStore = state.collection("codepipeline.action-executions", ActionExecutionRecord.class);
        this.headStore = state.collection("codepipeline.source-heads", SourceHead.class);
        for (PipelineRecord record : pipelineStore.loadAll().values()) {
            try {
                declarations.put(record.name(), ModelJson.read(record.declarationJson(), PipelineDeclaration::builder));
            } catch (IOException | RuntimeException e) {
                throw new StateCorruptedException("codepipeline.pipelines/" + record.name(), e.toString(), e);
            }
            pipelines.put(record.name(), record);
        }
        heads.putAll(headStore.loadAll());
        Instant now = clock.now();
        for (ActionExecutionRecord action : actionStore.loadAll().values()) {
            ActionExecutionRecord loaded = action.inProgress()
                    ? action.ended("Failed", new ActionOutcome.Failed("JobFailed", "The emulator stopped while the"
                            + " action was in progress", Optional.empty(), Optional.empty()), now)
                    : action;
            if (loaded != action) {
                actionStore.put(loaded.actionExecutionId(), loaded);
            }
            actions.put(loaded.actionExecutionId(), loaded);
        }
        for (ExecutionRecord execution : executionStore.loadAll().values()) {
            ExecutionRecord loaded = execution;
            if (execution.inProgress()) {
                loaded = interrupted(execution, now);
                executionStore.put(loaded.id(), loaded);
                LOG.info("Execution {} of {} was in progress when the emulator stopped; marked {}", loaded.id(),
                        loaded.pipelineName(), loaded.status());
            }
            executions.put(loaded.id(), loaded);
        }
        long last = Math.max(executions.values().stream().mapToLong(ExecutionRecord::sequence).max().orElse(0),
                actions.values().stream().mapToLong(ActionExecutionRecord::sequence).max().orElse(0));
        sequence.set(last);
        Instant first = now.plus(settings.pollInterval());
        this.polling = clock.scheduleAtFixedRate(first, settings.pollInterval(), this::pollQuietly);
    }

    /** An execution the emulator was running when it stopped can never finish: it failed (stopped if asked to). */
    private static ExecutionRecord interrupted(ExecutionRecord execution, Instant now) {
        String status = "Stopping".equals(execution.status()) ? "Stopped" : "Failed";
        ExecutionRecord ended = execution;
        for (StageRun stage : execution.stages()) {
            if ("InProgress".equals(stage.status()) || "Stopping".equals(stage.status())) {
                ended = ended.withStage(stage.with("Stopped".equals(status) ? "Stopped" : "Failed", now), now);
            }
        }
        return ended.withStatus(status, "The emulator stopped while the execution was in progress", now);
    }

    // ================================================================ providers, listeners

    /** Adds (or replaces) the provider of an action type; see {@link ActionProvider}. */
    public void registerActionProvider(ActionProvider provider) {
        catalog.register(provider);
    }

    public Registration addListener(PipelineListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void emit(PipelineEvent event) {
        for (PipelineListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                LOG.warn("A pipeline listener failed", e);
            }
        }
    }

    Approvals approvals() {
        return approvals;
    }

    // ================================================================ pipelines

    public String pipelineArn(String name) {
        return "arn:aws:codepipeline:" + region + ":" + accountId + ":" + name;
    }

    /**
     * CreatePipeline: validates, stores version 1 and (as AWS does) starts a first execution.
     *
     * @throws AwsException PipelineNameInUseException, InvalidStructureException, InvalidActionDeclarationException...
     */
    public Pipeline createPipeline(PipelineDeclaration requested, Map<String, String> tags) {
        Pipeline created;
        synchronized (this) {
            if (pipelines.containsKey(requested.name())) {
                throw AwsException.badRequest("PipelineNameInUseException", "A pipeline with the name '"
                        + requested.name() + "' already exists in account '" + accountId + "'");
            }
            if (pipelines.size() >= MAX_PIPELINES) {
                throw AwsException.badRequest("LimitExceededException", "The maximum number of pipelines ("
                        + MAX_PIPELINES + ") has been reached");
            }
            validator.validate(requested);
            PipelineDeclaration stored = normalized(requested, 1);
            Instant now = clock.now();
            PipelineRecord record = new PipelineRecord(stored.name(), pipelineArn(stored.name()), 1,
                    ModelJson.write(stored), now, now, tags);
            pipelineStore.put(record.name(), record);
            pipelines.put(record.name(), record);
            declarations.put(record.name(), stored);
            created = new Pipeline(stored, record);
            observeSourceHeads(stored);
        }
        if (settings.startOnCreate()) {
            startExecution(created.record().name(), "CreatePipeline", pipelineArn(created.record().name()), Map.of(),
                    Map.of(), Map.of());
        }
        return created;
    }

    /**
     * UpdatePipeline: validates and stores the next version. Executions in progress go on with the
     * version they started with.
     */
    public synchronized Pipeline updatePipeline(PipelineDeclaration requested) {
        PipelineRecord existing = requirePipeline(requested.name());
        validator.validate(requested);
        int version = existing.version() + 1;
        PipelineDeclaration stored = normalized(requested, version);
        PipelineRecord record = new PipelineRecord(existing.name(), existing.arn(), version, ModelJson.write(stored),
                existing.created(), clock.now(), existing.tags());
        pipelineStore.put(record.name(), record);
        pipelines.put(record.name(), record);
        declarations.put(record.name(), stored);
        observeSourceHeads(stored);
        return new Pipeline(stored, record);
    }

    /** What AWS fills in: the version, and the defaults of pipelineType and executionMode. */
    private static PipelineDeclaration normalized(PipelineDeclaration declaration, int version) {
        PipelineDeclaration.Builder builder = declaration.toBuilder().version(version);
        if (declaration.pipelineTypeAsString() == null) {
            builder.pipelineType("V1");
        }
        if (declaration.executionModeAsString() == null) {
            builder.executionMode("SUPERSEDED");
        }
        return builder.build();
    }

    public Pipeline pipeline(String name) {
        PipelineRecord record = requirePipeline(name);
        return new Pipeline(declarations.get(name), record);
    }

    public List<Pipeline> pipelines() {
        return pipelines.values().stream().sorted(Comparator.comparing(PipelineRecord::name))
                .map(r -> new Pipeline(declarations.get(r.name()), r)).toList();
    }

    /** DeletePipeline: executions in progress are abandoned, the history goes with the pipeline. */
    public void deletePipeline(String name) {
        List<ExecutionRun> running = new ArrayList<>();
        synchronized (this) {
            if (!pipelines.containsKey(name)) {
                // AWS answers DeletePipeline of an unknown pipeline with success
                return;
            }
            pipelineStore.remove(name);
            pipelines.remove(name);
            declarations.remove(name);
            for (ExecutionRecord execution : List.copyOf(executions.values())) {
                if (execution.pipelineName().equals(name)) {
                    Optional.ofNullable(runs.get(execution.id())).ifPresent(running::add);
                    forgetExecution(execution.id());
                }
            }
            heads.keySet().removeIf(key -> key.startsWith(name + "/"));
            headStore.loadAll().keySet().stream().filter(k -> k.startsWith(name + "/")).forEach(headStore::remove);
            lanes.remove(name);
        }
        running.forEach(ExecutionRun::interruptAll);
    }

    public synchronized void tagPipeline(String arn, Map<String, String> tags) {
        PipelineRecord record = pipelineByArn(arn);
        Map<String, String> merged = new LinkedHashMap<>(record.tags());
        merged.putAll(tags);
        if (merged.size() > 50) {
            throw AwsException.badRequest("TooManyTagsException", "Tag limit exceeded for resource [" + arn + "]");
        }
        savePipeline(record.withTags(merged));
    }

    public synchronized void untagPipeline(String arn, List<String> keys) {
        PipelineRecord record = pipelineByArn(arn);
        Map<String, String> remaining = new LinkedHashMap<>(record.tags());
        keys.forEach(remaining::remove);
        savePipeline(record.withTags(remaining));
    }

    public PipelineRecord pipelineByArn(String arn) {
        return pipelines.values().stream().filter(p -> p.arn().equals(arn)).findFirst().orElseThrow(() ->
                AwsException.badRequest("ResourceNotFoundException", "The account with id '" + accountId
                        + "' does not include a pipeline with the ARN '" + arn + "'"));
    }

    private void savePipeline(PipelineRecord record) {
        pipelineStore.put(record.name(), record);
        pipelines.put(record.name(), record);
    }

    PipelineRecord requirePipeline(String name) {
        PipelineRecord record = pipelines.get(name);
        if (record == null) {
            throw AwsException.badRequest("PipelineNotFoundException", "Account '" + accountId
                    + "' does not have a pipeline with name '" + name + "'");
        }
        return record;
    }

    // ================================================================ executions

    /**
     * Starts an execution.
     *
     * @param triggerType CreatePipeline, StartPipelineExecution, WebhookV2...
     * @param variables pipeline variables given for this execution (must be declared)
     * @param pinnedRevisions source action name to the commit to fetch
     * @param pinnedBranches source action name to the branch a push came from
     * @return the new execution
     * @throws AwsException PipelineNotFoundException, ValidationException (undeclared variables),
     *     ConcurrentPipelineExecutionsLimitExceededException
     */
    public ExecutionRecord startExecution(String pipelineName, String triggerType, String triggerDetail,
            Map<String, String> variables, Map<String, String> pinnedRevisions, Map<String, String> pinnedBranches) {
        ExecutionRun run;
        ExecutionRecord execution;
        synchronized (this) {
            if (closed) {
                throw AwsException.internal("The emulator is shutting down");
            }
            requirePipeline(pipelineName);
            PipelineDeclaration declaration = declarations.get(pipelineName);
            long inProgress = executions.values().stream()
                    .filter(e -> e.pipelineName().equals(pipelineName) && e.inProgress()).count();
            if (inProgress >= MAX_IN_PROGRESS) {
                throw AwsException.badRequest("ConcurrentPipelineExecutionsLimitExceededException",
                        "The pipeline " + pipelineName + " has reached its limit of " + MAX_IN_PROGRESS
                                + " executions in progress");
            }
            Map<String, String> resolved = pipelineVariables(declaration, variables);
            Instant now = clock.now();
            execution = new ExecutionRecord(pipelineName, UUID.randomUUID().toString(),
                    declaration.version() == null ? 1 : declaration.version(), "InProgress", null, now, now,
                    triggerType, triggerDetail, declaration.executionModeAsString(), resolved, pinnedRevisions,
                    pinnedBranches, List.of(), List.of(), null, null, nextSequence());
            saveExecution(execution);
            completions.put(execution.id(), new CompletableFuture<>());
            run = new ExecutionRun(this, declaration, execution,
                    lanes.computeIfAbsent(pipelineName, n -> new StageLanes()));
            runs.put(execution.id(), run);
            pruneHistory(pipelineName);
        }
        Thread thread = Thread.ofVirtual().name("pipeline-" + execution.id()).unstarted(run);
        runThreads.put(execution.id(), thread);
        thread.start();
        return execution;
    }

    private static Map<String, String> pipelineVariables(PipelineDeclaration declaration, Map<String, String> given) {
        Map<String, String> resolved = new LinkedHashMap<>();
        Set<String> declared = new java.util.HashSet<>();
        for (PipelineVariableDeclaration variable : declaration.variables()) {
            declared.add(variable.name());
            if (variable.defaultValue() != null) {
                resolved.put(variable.name(), variable.defaultValue());
            }
        }
        for (Map.Entry<String, String> value : given.entrySet()) {
            if (!declared.contains(value.getKey())) {
                throw AwsException.badRequest("ValidationException", "Pipeline variable " + value.getKey()
                        + " is not declared in pipeline " + declaration.name());
            }
            resolved.put(value.getKey(), value.getValue());
        }
        for (String name : declared) {
            if (!resolved.containsKey(name)) {
                throw AwsException.badRequest("ValidationException", "Pipeline variable " + name
                        + " has no default value and none was given");
            }
        }
        return resolved;
    }

    /** Keeps the newest {@link #MAX_HISTORY} completed executions of a pipeline. */
    private void pruneHistory(String pipelineName) {
        List<ExecutionRecord> all = executions(pipelineName);
        for (int i = MAX_HISTORY; i < all.size(); i++) {
            if (!all.get(i).inProgress()) {
                forgetExecution(all.get(i).id());
            }
        }
    }

    private void forgetExecution(String executionId) {
        executions.remove(executionId);
        executionStore.remove(executionId);
        for (ActionExecutionRecord action : List.copyOf(actions.values())) {
            if (action.executionId().equals(executionId)) {
                actions.remove(action.actionExecutionId());
                actionStore.remove(action.actionExecutionId());
            }
        }
    }

    /**
     * StopPipelineExecution.
     *
     * @throws AwsException PipelineExecutionNotStoppableException, DuplicatedStopRequestException
     */
    public synchronized ExecutionRecord stopExecution(String pipelineName, String executionId, boolean abandon,
            Optional<String> reason) {
        requirePipeline(pipelineName);
        ExecutionRecord execution = execution(pipelineName, executionId);
        ExecutionRun run = runs.get(executionId);
        if (!execution.inProgress() || run == null) {
            throw AwsException.badRequest("PipelineExecutionNotStoppableException", "Unable to stop pipeline"
                    + " execution " + executionId + " because it is not in progress");
        }
        if ("Stopping".equals(execution.status()) && !abandon) {
            throw AwsException.badRequest("DuplicatedStopRequestException", "Execution " + executionId
                    + " is already being stopped");
        }
        ExecutionRecord stopping = execution.withStopReason(reason.orElse(null))
                .withStatus("Stopping", execution.statusSummary(), clock.now());
        for (StageRun stage : stopping.stages()) {
            if ("InProgress".equals(stage.status())) {
                stopping = stopping.withStage(stage.with("Stopping", clock.now()), clock.now());
            }
        }
        saveExecution(stopping);
        run.requestStop(abandon);
        return stopping;
    }

    public ExecutionRecord execution(String pipelineName, String executionId) {
        ExecutionRecord execution = executions.get(executionId);
        if (execution == null || !execution.pipelineName().equals(pipelineName)) {
            throw AwsException.badRequest("PipelineExecutionNotFoundException", "Account '" + accountId
                    + "' does not have an execution with id '" + executionId + "' for pipeline '" + pipelineName
                    + "'");
        }
        return execution;
    }

    /** A pipeline's executions, newest first. */
    public List<ExecutionRecord> executions(String pipelineName) {
        return executions.values().stream().filter(e -> e.pipelineName().equals(pipelineName))
                .sorted(Comparator.comparingLong(ExecutionRecord::sequence).reversed())
                .toList();
    }

    /** A pipeline's action executions, newest first, optionally of one execution. */
    public List<ActionExecutionRecord> actionExecutions(String pipelineName, Optional<String> executionId) {
        return actions.values().stream().filter(a -> a.pipelineName().equals(pipelineName))
                .filter(a -> executionId.isEmpty() || a.executionId().equals(executionId.get()))
                .sorted(Comparator.comparingLong(ActionExecutionRecord::sequence).reversed())
                .toList();
    }

    /**
     * Completes with the execution's final record when it ends (at once for an ended one).
     *
     * @throws AwsException PipelineExecutionNotFoundException
     */
    public CompletableFuture<ExecutionRecord> completion(String pipelineName, String executionId) {
        ExecutionRecord execution = execution(pipelineName, executionId);
        CompletableFuture<ExecutionRecord> future = completions.get(executionId);
        if (!execution.inProgress() || future == null) {
            return CompletableFuture.completedFuture(executions.get(executionId));
        }
        return future.copy();
    }

    /** The executions waiting to enter a stage (GetPipelineState's inboundExecutions). */
    List<String> waitingFor(String pipelineName, String stageName) {
        return Optional.ofNullable(lanes.get(pipelineName)).map(l -> l.waitingFor(stageName)).orElse(List.of());
    }

    // ================================================================ approvals

    /**
     * PutApprovalResult.
     *
     * @return when the approval was recorded
     */
    public Instant putApprovalResult(String pipelineName, String stageName, String actionName, boolean approved,
            String summary, String token) {
        requirePipeline(pipelineName);
        PipelineDeclaration declaration = declarations.get(pipelineName);
        boolean declared = declaration.stages().stream().filter(s -> s.name().equals(stageName))
                .flatMap(s -> s.actions().stream())
                .anyMatch(a -> a.name().equals(actionName) && "Approval".equals(a.actionTypeId().categoryAsString()));
        if (!declared) {
            throw AwsException.badRequest("ActionNotFoundException", "Approval action " + actionName
                    + " was not found in stage " + stageName + " of pipeline " + pipelineName);
        }
        Optional<ActionExecutionRecord> holder = actions.values().stream()
                .filter(a -> a.pipelineName().equals(pipelineName) && a.stageName().equals(stageName)
                        && a.actionName().equals(actionName) && token.equals(a.token()))
                .findFirst();
        if (holder.isEmpty()) {
            throw AwsException.badRequest("InvalidApprovalTokenException", "The approval token " + token
                    + " is not valid for action " + actionName + " in stage " + stageName);
        }
        if (!holder.get().inProgress() || !approvals.decide(token, new Approvals.Decision(approved, summary))) {
            throw AwsException.badRequest("ApprovalAlreadyCompletedException", "The approval action " + actionName
                    + " has already been completed");
        }
        return clock.now();
    }

    // ================================================================ triggers

    /**
     * Looks at every connected source branch now (the poller does it every poll interval) and starts
     * the executions new commits call for.
     */
    public void pollSources() {
        if (connections.isEmpty() || closed) {
            return;
        }
        for (Pipeline pipeline : pipelines()) {
            for (ActionDeclaration source : sourceActions(pipeline.declaration())) {
                try {
                    pollSource(pipeline.declaration(), source);
                } catch (GitAccessException e) {
                    LOG.debug("Cannot poll {} of {}: {}", source.name(), pipeline.record().name(), e.getMessage());
                } catch (AwsException e) {
                    LOG.warn("Poll of {} of {} could not start an execution: {}", source.name(),
                            pipeline.record().name(), e.getMessage());
                }
            }
        }
    }

    private void pollQuietly() {
        try {
            pollSources();
        } catch (RuntimeException e) {
            LOG.warn("Polling sources failed", e);
        }
    }

    private static List<ActionDeclaration> sourceActions(PipelineDeclaration declaration) {
        return declaration.stages().isEmpty() ? List.of() : declaration.stages().get(0).actions().stream()
                .filter(a -> "CodeStarSourceConnection".equals(a.actionTypeId().provider())).toList();
    }

    private void pollSource(PipelineDeclaration declaration, ActionDeclaration source) throws GitAccessException {
        String repositoryId = source.configuration().get("FullRepositoryId");
        String branch = source.configuration().get("BranchName");
        if (repositoryId == null || branch == null || connections.get().repository(repositoryId).isEmpty()) {
            return;
        }
        LocalRepository repository = connections.get().open(repositoryId);
        Optional<CommitInfo> head = repository.branchHead(branch);
        if (head.isEmpty()) {
            return;
        }
        String key = SourceHead.key(declaration.name(), source.name());
        SourceHead known = heads.get(key);
        if (known != null && head.get().id().equals(known.lastSeen())) {
            return;
        }
        Optional<String> base = known == null ? Optional.empty() : known.lastBuiltOrSeen();
        Set<String> changed = repository.changedFiles(base, head.get().id());
        onPush(declaration.name(), new PushEvent(repositoryId, branch, base, head.get().id(), changed));
    }

    /**
     * A push to a connected repository: starts an execution of {@code pipelineName} for each of its
     * CodeStarSourceConnection source actions on that repository whose trigger filters (or, without a
     * trigger, DetectChanges and BranchName) accept the push.
     *
     * @return the executions started
     */
    public List<ExecutionRecord> onPush(String pipelineName, PushEvent push) {
        requirePipeline(pipelineName);
        PipelineDeclaration declaration = declarations.get(pipelineName);
        List<ExecutionRecord> started = new ArrayList<>();
        for (ActionDeclaration source : sourceActions(declaration)) {
            if (!push.fullRepositoryId().equals(source.configuration().get("FullRepositoryId"))) {
                continue;
            }
            String key = SourceHead.key(pipelineName, source.name());
            boolean ownBranch = push.branch().equals(source.configuration().get("BranchName"));
            Optional<PipelineTriggerDeclaration> trigger = declaration.triggers().stream()
                    .filter(t -> t.gitConfiguration() != null
                            && source.name().equals(t.gitConfiguration().sourceActionName()))
                    .findFirst();
            boolean accepted = trigger.isPresent()
                    ? TriggerFilters.matches(trigger.get(), push.branch(), push.changedFiles())
                    : ownBranch && !"false".equalsIgnoreCase(source.configuration().getOrDefault("DetectChanges",
                            "true"));
            SourceHead known = heads.get(key);
            String lastBuilt = known == null ? null : known.lastBuilt();
            if (accepted) {
                Map<String, String> branches = ownBranch ? Map.of() : Map.of(source.name(), push.branch());
                started.add(startExecution(pipelineName, "WebhookV2",
                        source.configuration().getOrDefault("ConnectionArn", push.fullRepositoryId()), Map.of(),
                        Map.of(source.name(), push.after()), branches));
                lastBuilt = push.after();
            }
            saveHead(new SourceHead(pipelineName, source.name(),
                    ownBranch ? push.after() : known == null ? null : known.lastSeen(), lastBuilt));
        }
        return started;
    }

    /** At creation and update: the branch heads now, so only later commits count as pushes. */
    private void observeSourceHeads(PipelineDeclaration declaration) {
        if (connections.isEmpty()) {
            return;
        }
        for (ActionDeclaration source : sourceActions(declaration)) {
            String key = SourceHead.key(declaration.name(), source.name());
            if (heads.containsKey(key)) {
                continue;
            }
            try {
                String repositoryId = source.configuration().get("FullRepositoryId");
                if (repositoryId == null || connections.get().repository(repositoryId).isEmpty()) {
                    continue;
                }
                connections.get().open(repositoryId).branchHead(source.configuration().get("BranchName"))
                        .ifPresent(head -> saveHead(new SourceHead(declaration.name(), source.name(), head.id(),
                                settings.startOnCreate() ? head.id() : null)));
            } catch (GitAccessException e) {
                LOG.debug("Cannot read the head of {}: {}", source.name(), e.getMessage());
            }
        }
    }

    private void saveHead(SourceHead head) {
        String key = SourceHead.key(head.pipelineName(), head.actionName());
        headStore.put(key, head);
        heads.put(key, head);
    }

    // ================================================================ engine callbacks

    Instant now() {
        return clock.now();
    }

    EmulatorClock clock() {
        return clock;
    }

    String region() {
        return region;
    }

    ActionCatalog catalog() {
        return catalog;
    }

    ArtifactStore artifacts() {
        return artifacts;
    }

    boolean closing() {
        return closed;
    }

    long nextSequence() {
        return sequence.incrementAndGet();
    }

    ExecutionRecord executionRecord(String executionId) {
        return executions.get(executionId);
    }

    private void saveExecution(ExecutionRecord execution) {
        if (closed) {
            return;
        }
        executionStore.put(execution.id(), execution);
        executions.put(execution.id(), execution);
        emit(new PipelineEvent.ExecutionChanged(execution));
    }

    private synchronized void updateExecution(String executionId, UnaryOperator<ExecutionRecord> change) {
        ExecutionRecord current = executions.get(executionId);
        if (current != null) {
            saveExecution(change.apply(current));
        }
    }

    void executionWaiting(String executionId, String stage) {
        updateExecution(executionId, e -> e.waiting(stage, clock.now()));
    }

    synchronized void stageChanged(String executionId, String stage, String status) {
        Instant now = clock.now();
        ExecutionRecord current = executions.get(executionId);
        if (current == null || closed) {
            return;
        }
        StageRun run = current.stage(stage).filter(s -> !"InProgress".equals(status))
                .map(s -> s.with(status, now)).orElse(new StageRun(stage, status, now, now));
        saveExecution(current.withStage(run, now));
        emit(new PipelineEvent.StageChanged(current.pipelineName(), executionId, stage, status, now));
    }

    void sourceRevision(String executionId, SourceRevision revision) {
        updateExecution(executionId, e -> e.withSourceRevision(revision, clock.now()));
        ExecutionRecord execution = executions.get(executionId);
        if (execution != null && !"WebhookV2".equals(execution.triggerType())) {
            // a manual or creation run fetched this commit: pushes up to it are built
            String key = SourceHead.key(execution.pipelineName(), revision.actionName());
            if (pipelines.containsKey(execution.pipelineName())) {
                SourceHead known = heads.get(key);
                boolean head = known == null || known.lastSeen() == null;
                saveHead(new SourceHead(execution.pipelineName(), revision.actionName(),
                        head ? revision.revisionId() : known.lastSeen(), revision.revisionId()));
            }
        }
    }

    synchronized void putAction(ActionExecutionRecord action) {
        if (closed) {
            return;
        }
        actionStore.put(action.actionExecutionId(), action);
        actions.put(action.actionExecutionId(), action);
        emit(new PipelineEvent.ActionChanged(action));
    }

    synchronized void actionProgress(String actionExecutionId, ActionProgress progress) {
        ActionExecutionRecord current = actions.get(actionExecutionId);
        if (current != null && current.inProgress()) {
            putAction(current.progressed(progress, clock.now()));
        }
    }

    synchronized void actionToken(String actionExecutionId, String token) {
        ActionExecutionRecord current = actions.get(actionExecutionId);
        if (current != null && current.inProgress()) {
            putAction(current.withToken(token, clock.now()));
        }
    }

    synchronized void actionEnded(String actionExecutionId, String status, ActionOutcome outcome) {
        ActionExecutionRecord current = actions.get(actionExecutionId);
        if (current != null) {
            putAction(current.ended(status, outcome, clock.now()));
        }
    }

    void executionEnded(String executionId, String status, String summary) {
        ExecutionRecord ended;
        synchronized (this) {
            runs.remove(executionId);
            runThreads.remove(executionId);
            ExecutionRecord current = executions.get(executionId);
            if (current == null) {
                // its pipeline was deleted
                Optional.ofNullable(completions.remove(executionId)).ifPresent(f -> f.cancel(false));
                return;
            }
            Instant now = clock.now();
            ExecutionRecord updated = current;
            for (StageRun stage : current.stages()) {
                if ("Stopping".equals(stage.status()) || "InProgress".equals(stage.status())) {
                    updated = updated.withStage(stage.with("Stopped", now), now);
                }
            }
            ended = updated.withStatus(status, summary, now);
            saveExecution(ended);
        }
        Optional.ofNullable(completions.remove(executionId)).ifPresent(f -> f.complete(ended));
    }

    /** Ends every execution in progress (recorded as Failed), stops polling and the runs' threads. */
    @Override
    public void close() {
        List<ExecutionRun> running;
        synchronized (this) {
            polling.cancel();
            Instant now = clock.now();
            for (ExecutionRecord execution : List.copyOf(executions.values())) {
                if (execution.inProgress()) {
                    ExecutionRecord ended = interrupted(execution, now);
                    executionStore.put(ended.id(), ended);
                    executions.put(ended.id(), ended);
                }
            }
            for (ActionExecutionRecord action : List.copyOf(actions.values())) {
                if (action.inProgress()) {
                    ActionExecutionRecord ended = action.ended("Failed", new ActionOutcome.Failed("JobFailed",
                            "The emulator stopped while the action was in progress", Optional.empty(),
                            Optional.empty()), now);
                    actionStore.put(ended.actionExecutionId(), ended);
                    actions.put(ended.actionExecutionId(), ended);
                }
            }
            closed = true;
            running = List.copyOf(runs.values());
        }
        running.forEach(ExecutionRun::interruptAll);
        runThreads.values().forEach(Thread::interrupt);
        completions.forEach((id, future) -> Optional.ofNullable(executions.get(id)).ifPresent(future::complete));
    }

    /** The declared stages, for GetPipelineState. */
    List<StageDeclaration> stages(String pipelineName) {
        return declarations.get(pipelineName).stages();
    }
}
