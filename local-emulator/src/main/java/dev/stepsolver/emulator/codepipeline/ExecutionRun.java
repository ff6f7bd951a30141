package dev.stepsolver.emulator.codepipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.codepipeline.model.ActionDeclaration;
import software.amazon.awssdk.services.codepipeline.model.InputArtifact;
import software.amazon.awssdk.services.codepipeline.model.OutputArtifact;
import software.amazon.awssdk.services.codepipeline.model.PipelineDeclaration;
import software.amazon.awssdk.services.codepipeline.model.StageDeclaration;

/**
 * Runs one execution through the pipeline declaration it started with: stages in order (entered
 * through {@link StageLanes}), actions of a stage by run order, actions of equal run order in parallel,
 * each on a thread of its own; a failed action fails its stage and the execution.
 */
final class ExecutionRun implements Runnable, StageLanes.Runner {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutionRun.class);

    /** How a stage ended. */
    private enum StageEnd { SUCCEEDED, FAILED, STOPPED }

    private final CodePipelineBackend engine;
    private final PipelineDeclaration pipeline;
    private final String executionId;
    private final StageLanes lanes;
    private final Map<String, Map<String, String>> namespaces = new ConcurrentHashMap<>();
    private final Map<String, ArtifactRef> artifacts = new ConcurrentHashMap<>();
    private final Map<String, Thread> actionThreads = new ConcurrentHashMap<>();
    private volatile boolean stopRequested;
    private volatile boolean abandon;
    private volatile String supersededBy;
    private volatile String failureSummary;

    ExecutionRun(CodePipelineBackend engine, PipelineDeclaration pipeline, ExecutionRecord execution,
            StageLanes lanes) {
        this.engine = engine;
        this.pipeline = pipeline;
        this.executionId = execution.id();
        this.lanes = lanes;
        namespaces.put(Variables.PIPELINE_NAMESPACE, Map.of("PipelineExecutionId", execution.id()));
        namespaces.put(Variables.PIPELINE_VARIABLES, execution.variables());
    }

    @Override
    public String executionId() {
        return executionId;
    }

    @Override
    public boolean stopRequested() {
        return stopRequested;
    }

    @Override
    public void superseded(String byExecutionId) {
        supersededBy = byExecutionId;
    }

    /** StopPipelineExecution: abandon interrupts the actions in progress, otherwise they finish first. */
    void requestStop(boolean abandonActions) {
        stopRequested = true;
        if (abandonActions) {
            abandon = true;
            actionThreads.values().forEach(Thread::interrupt);
        }
        lanes.wakeUp();
    }

    @Override
    public void run() {
        Optional<String> held = Optional.empty();
        String status = "Failed";
        String summary = null;
        try {
            boolean completed = true;
            for (StageDeclaration stage : pipeline.stages()) {
                StageLanes.Entry entry = lanes.enter(this, held, stage.name(), mode(),
                        waitingFor -> engine.executionWaiting(executionId, waitingFor));
                held = Optional.empty();
                if (entry == StageLanes.Entry.SUPERSEDED) {
                    status = "Superseded";
                    summary = "Superseded by execution " + supersededBy
                            + " while waiting to enter stage " + stage.name();
                    completed = false;
                    break;
                }
                if (entry == StageLanes.Entry.STOPPED) {
                    status = "Stopped";
                    completed = false;
                    break;
                }
                held = Optional.of(stage.name());
                engine.stageChanged(executionId, stage.name(), "InProgress");
                StageEnd end = runStage(stage);
                switch (end) {
                    case SUCCEEDED -> engine.stageChanged(executionId, stage.name(), "Succeeded");
                    case FAILED -> engine.stageChanged(executionId, stage.name(), "Failed");
                    case STOPPED -> engine.stageChanged(executionId, stage.name(), "Stopped");
                }
                if (end == StageEnd.FAILED) {
                    status = "Failed";
                    summary = failureSummary;
                    completed = false;
                    break;
                }
                if (end == StageEnd.STOPPED || stopRequested) {
                    status = "Stopped";
                    completed = false;
                    break;
                }
            }
            if (completed) {
                status = "Succeeded";
            }
        } catch (InterruptedException e) {
            // the emulator is stopping (its close() records the end) or the pipeline was deleted
            Thread.currentThread().interrupt();
            if (!engine.closing()) {
                engine.executionEnded(executionId, "Stopped", "The execution was abandoned");
            }
            return;
        } catch (RuntimeException e) {
            LOG.error("Execution {} failed inside the engine", executionId, e);
            status = "Failed";
            summary = "The emulator failed to run the execution: " + e;
        } finally {
            held.ifPresent(stage -> lanes.leave(this, stage));
        }
        engine.executionEnded(executionId, status, summary);
    }

    private String mode() {
        return pipeline.executionModeAsString() == null ? "SUPERSEDED" : pipeline.executionModeAsString();
    }

    private StageEnd runStage(StageDeclaration stage) throws InterruptedException {
        Map<Integer, List<ActionDeclaration>> byRunOrder = new TreeMap<>();
        for (ActionDeclaration action : stage.actions()) {
            byRunOrder.computeIfAbsent(PipelineValidator.runOrder(action), k -> new ArrayList<>()).add(action);
        }
        for (List<ActionDeclaration> group : byRunOrder.values()) {
            if (stopRequested) {
                return StageEnd.STOPPED;
            }
            Map<String, String> results = new ConcurrentHashMap<>();
            List<Thread> threads = new ArrayList<>();
            for (ActionDeclaration action : group) {
                Thread thread = Thread.ofVirtual().name("pipeline-action-" + action.name()).unstarted(() ->
                        results.put(action.name(), runAction(stage, action)));
                actionThreads.put(action.name(), thread);
                threads.add(thread);
            }
            threads.forEach(Thread::start);
            if (abandon) {
                threads.forEach(Thread::interrupt);
            }
            for (Thread thread : threads) {
                thread.join();
            }
            actionThreads.clear();
            if (results.containsValue("Failed")) {
                return StageEnd.FAILED;
            }
            if (results.containsValue("Abandoned")) {
                return StageEnd.STOPPED;
            }
        }
        return StageEnd.SUCCEEDED;
    }

    /** Runs one action to its end and returns its final status. */
    private String runAction(StageDeclaration stage, ActionDeclaration action) {
        Map<String, String> configuration = new LinkedHashMap<>(action.configuration());
        Map<String, String> resolved;
        Optional<String> unresolved = Optional.empty();
        try {
            resolved = Variables.resolveAll(configuration, namespaces);
        } catch (Variables.UnresolvedException e) {
            resolved = Map.of();
            unresolved = Optional.of(e.getMessage());
        }
        List<ArtifactRef> inputs = new ArrayList<>();
        for (InputArtifact input : action.inputArtifacts()) {
            ArtifactRef ref = artifacts.get(input.name());
            if (ref == null && unresolved.isEmpty()) {
                unresolved = Optional.of("Input artifact " + input.name() + " was not produced in this execution");
            } else if (ref != null) {
                inputs.add(ref);
            }
        }
        String bucket = pipeline.artifactStore() != null ? pipeline.artifactStore().location()
                : pipeline.artifactStores().values().iterator().next().location();
        List<ArtifactRef> outputs = new ArrayList<>();
        for (OutputArtifact output : action.outputArtifacts()) {
            outputs.add(engine.artifacts().allocate(pipeline.name(), output.name(), bucket));
        }
        var type = action.actionTypeId();
        ActionExecutionRecord record = new ActionExecutionRecord(UUID.randomUUID().toString(), pipeline.name(),
                executionId, pipeline.version() == null ? 1 : pipeline.version(), stage.name(), action.name(),
                PipelineValidator.runOrder(action), type.categoryAsString(), type.ownerAsString(), type.provider(),
                type.version(), action.namespace(), action.roleArn(),
                action.region() == null ? engine.region() : action.region(), configuration, resolved, inputs, outputs,
                "InProgress", null, null, null, null, null, null, Map.of(), null, engine.now(), engine.now(),
                engine.nextSequence());
        engine.putAction(record);
        String actionExecutionId = record.actionExecutionId();
        if (unresolved.isPresent()) {
            return end(actionExecutionId, "Failed", ActionOutcome.failed(unresolved.get()), outputs);
        }
        Optional<ActionProvider> provider = engine.catalog().find(type.categoryAsString(), type.ownerAsString(),
                type.provider(), type.version());
        if (provider.isEmpty()) {
            // Only a pipeline stored by an emulator with other services installed gets here.
            return end(actionExecutionId, "Failed", new ActionOutcome.Failed("ConfigurationError", "No "
                    + type.provider() + " action provider is installed in this emulator", Optional.empty(),
                    Optional.empty()), outputs);
        }
        ExecutionRecord execution = engine.executionRecord(executionId);
        ActionJob job = new ActionJob(pipeline.name(), engine.pipelineArn(pipeline.name()), record.pipelineVersion(),
                executionId, actionExecutionId, stage.name(), action.name(), Optional.ofNullable(action.namespace()),
                resolved, inputs, outputs, Optional.ofNullable(execution.pinnedRevisions().get(action.name())),
                Optional.ofNullable(execution.pinnedBranches().get(action.name())), engine.artifacts(),
                progress -> engine.actionProgress(actionExecutionId, progress),
                token -> engine.actionToken(actionExecutionId, token));
        ActionOutcome outcome;
        try {
            outcome = provider.get().execute(job);
        } catch (InterruptedException e) {
            if (engine.closing()) {
                return "Abandoned";
            }
            return end(actionExecutionId, "Abandoned", ActionOutcome.failed("The action was abandoned: the"
                    + " execution was stopped"), outputs);
        } catch (RuntimeException e) {
            LOG.warn("Action {} of execution {} failed inside its provider", action.name(), executionId, e);
            outcome = new ActionOutcome.Failed("JobFailed", "The " + type.provider() + " action failed in the"
                    + " emulator: " + e, Optional.empty(), Optional.empty());
        }
        return switch (outcome) {
            case ActionOutcome.Succeeded ok -> {
                if (action.namespace() != null) {
                    namespaces.put(action.namespace(), ok.outputVariables());
                }
                for (ArtifactRef output : outputs) {
                    artifacts.put(output.name(), ok.revision().map(r -> output.withRevision(r.revisionId()))
                            .orElse(output));
                }
                ok.revision().ifPresent(revision -> engine.sourceRevision(executionId, revision));
                yield end(actionExecutionId, "Succeeded", ok, outputs);
            }
            case ActionOutcome.Failed failed -> {
                failureSummary = "Action " + action.name() + " in stage " + stage.name() + " failed: "
                        + failed.message();
                yield end(actionExecutionId, "Failed", failed, outputs);
            }
        };
    }

    private String end(String actionExecutionId, String status, ActionOutcome outcome, List<ArtifactRef> outputs) {
        if ("Failed".equals(status) && failureSummary == null && outcome instanceof ActionOutcome.Failed failed) {
            failureSummary = failed.message();
        }
        engine.actionEnded(actionExecutionId, status, outcome);
        return status;
    }

    /** Interrupts every thread of this run (emulator shutdown). */
    void interruptAll() {
        stopRequested = true;
        abandon = true;
        actionThreads.values().forEach(Thread::interrupt);
        lanes.wakeUp();
    }
}
