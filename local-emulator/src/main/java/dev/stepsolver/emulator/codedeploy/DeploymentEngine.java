package dev.stepsolver.emulator.codedeploy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepsolver.emulator.cloudwatch.CloudWatchBackend;
import dev.stepsolver.emulator.lambda.InvocationResult;
import dev.stepsolver.emulator.lambda.LambdaBackend;
import dev.stepsolver.emulator.protocol.AwsException;
import dev.stepsolver.emulator.protocol.Mappers;
import dev.stepsolver.emulator.time.EmulatorClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Lambda deployments: BeforeAllowTraffic (its hook function invoked with the deployment id and
 * a hook execution id, then awaited, at most an hour of emulator time, for
 * PutLifecycleEventHookExecutionStatus), AllowTraffic (the alias's routing weights moved on the
 * emulator clock as the traffic routing says), AfterAllowTraffic, while the group's alarms are
 * watched. An alarm, a failed hook or StopDeployment ends the deployment; with automatic rollback the
 * alias returns wholly to the original version and a rollback deployment records it, as CodeDeploy
 * does.
 *
 * <p>Every method except {@link #start} runs with the backend's lock held (the backend calls them
 * from its synchronized methods; clock tasks and hook threads take the lock first). Hook functions
 * are invoked without it, so they can call back into CodeDeploy.
 */
final class DeploymentEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeploymentEngine.class);
    /** How long CodeDeploy waits for a hook function's status. */
    static final Duration HOOK_TIMEOUT = Duration.ofHours(1);
    /** How often alarms are polled besides being heard when they change. */
    static final Duration ALARM_POLL = CloudWatchBackend.EVALUATION_INTERVAL;
    private static final Duration THROTTLE_RETRY = Duration.ofSeconds(1);
    private static final int MAX_HOOK_ATTEMPTS = 100;
    private static final int MAX_KEPT_HOOKS = 1000;
    static final String ALARM_MESSAGE = "One or more alarms have been activated according to the Amazon CloudWatch"
            + " metrics you selected, and the affected deployments have been stopped. Activated alarms: ";

    /** Why a deployment ends before it succeeds, and which rollback event that is. */
    enum Cause {
        FAILURE(RollbackEvent.DEPLOYMENT_FAILURE, DeploymentStatus.FAILED),
        ALARM(RollbackEvent.DEPLOYMENT_STOP_ON_ALARM, DeploymentStatus.STOPPED),
        REQUEST(RollbackEvent.DEPLOYMENT_STOP_ON_REQUEST, DeploymentStatus.STOPPED);

        final RollbackEvent rollbackEvent;
        final DeploymentStatus status;

        Cause(RollbackEvent rollbackEvent, DeploymentStatus status) {
            this.rollbackEvent = rollbackEvent;
            this.status = status;
        }
    }

    /** A hook function invocation waiting for its status. */
    private static final class HookExecution {
        final String id;
        final String deploymentId;
        final String event;
        final String function;
        boolean reported;

        HookExecution(String id, String deploymentId, String event, String function) {
            this.id = id;
            this.deploymentId = deploymentId;
            this.event = event;
            this.function = function;
        }
    }

    /** What a running deployment holds besides its record. */
    private static final class Run {
        final String id;
        final List<EmulatorClock.Scheduled> timers = new ArrayList<>();
        HookExecution hook;

        Run(String id) {
            this.id = id;
        }
    }

    private final CodeDeployBackend backend;
    private final EmulatorClock clock;
    private final LambdaBackend lambda;
    private final Optional<CloudWatchBackend> cloudWatch;
    private final Map<String, Run> runs = new LinkedHashMap<>();
    /** Recent hook executions, answered or not, so a late or repeated status gets AWS's error. */
    private final Map<String, HookExecution> hooks = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, HookExecution> eldest) {
            return size() > MAX_KEPT_HOOKS;
        }
    };
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();

    DeploymentEngine(CodeDeployBackend backend, EmulatorClock clock, LambdaBackend lambda,
            Optional<CloudWatchBackend> cloudWatch) {
        this.backend = backend;
        this.clock = clock;
        this.lambda = lambda;
        this.cloudWatch = cloudWatch;
    }

    private Deployment current(Run run) {
        return backend.deployment(run.id).orElseThrow();
    }

    private boolean isRunning(Run run) {
        return runs.get(run.id) == run && !current(run).isComplete();
    }

    /** Registers a created deployment (under the lock); {@link #start} sets it going. */
    void track(Deployment deployment) {
        runs.put(deployment.id(), new Run(deployment.id()));
    }

    /** Starts a created deployment on a worker thread (the caller must not hold the lock). */
    void start(String id) {
        try {
            workers.execute(() -> {
                synchronized (backend) {
                    Run run = runs.get(id);
                    if (run != null) {
                        begin(run);
                    }
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("Deployment {} not started: the emulator is stopping", id);
        }
    }

    private void begin(Run run) {
        Deployment deployment = current(run);
        if (deployment.isComplete()) {
            return;
        }
        backend.save(deployment.started(clock.now()));
        if (backend.application(deployment.applicationName()).isEmpty()) {
            end(run, Cause.FAILURE, new ErrorInformation("APPLICATION_MISSING", "The application was missing. This"
                    + " error code is most likely raised if the application is deleted after the deployment is"
                    + " created, but before it is started."), Optional.empty());
            return;
        }
        if (backend.groupOf(deployment).isEmpty()) {
            end(run, Cause.FAILURE, new ErrorInformation("DEPLOYMENT_GROUP_MISSING", "The deployment group was"
                    + " missing. This error code is most likely raised if the deployment group is deleted after the"
                    + " deployment is created, but before it is started."), Optional.empty());
            return;
        }
        AppSpec spec;
        try {
            spec = AppSpecs.parse(backend.readRevision(deployment.revision()));
        } catch (InvalidAppSpecException e) {
            end(run, Cause.FAILURE, e.error(), Optional.empty());
            return;
        }
        Optional<ErrorInformation> problem = checkTarget(spec, deployment.routing());
        if (problem.isPresent()) {
            end(run, Cause.FAILURE, problem.get(), Optional.empty());
            return;
        }
        backend.save(current(run).withAppSpec(spec));
        watchAlarms(run);
        if (isRunning(run)) {
            enter(run, LifecycleEvent.BEFORE_ALLOW_TRAFFIC);
        }
    }

    /** What CodeDeploy checks of the AppSpec's function before it moves any traffic. */
    private Optional<ErrorInformation> checkTarget(AppSpec spec, TrafficRouting routing) {
        if ("$LATEST".equals(spec.currentVersion()) || "$LATEST".equals(spec.targetVersion())) {
            return Optional.of(new ErrorInformation("INVALID_LAMBDA_CONFIGURATION", AppSpecs.INVALID
                    + " CurrentVersion and TargetVersion must be published versions, not $LATEST."));
        }
        try {
            lambda.alias(spec.functionName(), spec.alias());
            lambda.configuration(spec.functionName(), Optional.of(spec.currentVersion()));
            lambda.configuration(spec.functionName(), Optional.of(spec.targetVersion()));
        } catch (AwsException e) {
            return Optional.of(new ErrorInformation("INVALID_LAMBDA_FUNCTION", "The deployment failed because either"
                    + " the target Lambda function " + spec.functionName() + " does not exist or the specified"
                    + " function version or alias cannot be found"));
        }
        // CodeDeploy refuses to shift traffic gradually from a version to itself; all at once it succeeds
        if (spec.currentVersion().equals(spec.targetVersion()) && routing.type() != TrafficRouting.Type.ALL_AT_ONCE) {
            return Optional.of(new ErrorInformation("INVALID_LAMBDA_CONFIGURATION", AppSpecs.INVALID));
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------ lifecycle events

    private void enter(Run run, String event) {
        Deployment deployment = current(run);
        LifecycleEvent started = deployment.lifecycleEvent(event).orElseThrow().started(clock.now());
        backend.save(deployment.withEvent(started));
        if (event.equals(LifecycleEvent.ALLOW_TRAFFIC)) {
            shiftTraffic(run);
            return;
        }
        Optional<String> hook = deployment.appSpec().hook(event);
        if (hook.isPresent()) {
            invokeHook(run, event, hook.get());
        } else {
            finish(run, event);
        }
    }

    private void finish(Run run, String event) {
        Deployment deployment = current(run);
        Instant now = clock.now();
        backend.save(deployment.withEvent(deployment.lifecycleEvent(event).orElseThrow()
                .ended(LifecycleEventStatus.SUCCEEDED, now, null)));
        int next = LifecycleEvent.ORDER.indexOf(event) + 1;
        if (next < LifecycleEvent.ORDER.size()) {
            enter(run, LifecycleEvent.ORDER.get(next));
            return;
        }
        cancel(run);
        runs.remove(run.id);
        backend.save(current(run).completed(DeploymentStatus.SUCCEEDED, now, null));
    }

    // ------------------------------------------------------------------ traffic

    private void shiftTraffic(Run run) {
        List<TrafficRouting.Shift> plan = current(run).routing().plan();
        Instant start = clock.now();
        for (TrafficRouting.Shift shift : plan.subList(1, plan.size())) {
            run.timers.add(clock.schedule(start.plus(shift.after()), () -> {
                synchronized (backend) {
                    if (isRunning(run) && inEvent(run, LifecycleEvent.ALLOW_TRAFFIC)) {
                        apply(run, shift);
                    }
                }
            }));
        }
        apply(run, plan.get(0));
    }

    private boolean inEvent(Run run, String event) {
        return current(run).lifecycleEvent(event).map(e -> e.status() == LifecycleEventStatus.IN_PROGRESS)
                .orElse(false);
    }

    private void apply(Run run, TrafficRouting.Shift shift) {
        AppSpec spec = current(run).appSpec();
        try {
            if (shift.isComplete()) {
                lambda.updateAlias(spec.functionName(), spec.alias(), Optional.of(spec.targetVersion()),
                        Optional.empty(), Optional.of(Map.of()), Optional.empty());
            } else {
                lambda.updateAlias(spec.functionName(), spec.alias(), Optional.of(spec.currentVersion()),
                        Optional.empty(), Optional.of(Map.of(spec.targetVersion(), shift.targetWeight())),
                        Optional.empty());
            }
        } catch (AwsException e) {
            end(run, Cause.FAILURE, new ErrorInformation("INVALID_LAMBDA_FUNCTION", "The deployment failed because"
                    + " the alias " + spec.alias() + " of Lambda function " + spec.functionName() + " could not be"
                    + " updated: " + e.getMessage()), Optional.empty());
            return;
        }
        backend.save(current(run).withTargetWeight(shift.targetWeight()));
        if (shift.isComplete()) {
            finish(run, LifecycleEvent.ALLOW_TRAFFIC);
        }
    }

    // ------------------------------------------------------------------ hooks

    private void invokeHook(Run run, String event, String function) {
        String executionId = Base64.getEncoder().encodeToString(("{\"encryptedData\":\"" + UUID.randomUUID()
                + UUID.randomUUID() + "\",\"event\":\"" + event + "\"}").getBytes(StandardCharsets.UTF_8));
        HookExecution hook = new HookExecution(executionId, run.id, event, function);
        hooks.put(executionId, hook);
        run.hook = hook;
        run.timers.add(clock.schedule(clock.now().plus(HOOK_TIMEOUT), () -> {
            synchronized (backend) {
                hookFailed(hook, "did not report a status (PutLifecycleEventHookExecutionStatus) within "
                        + HOOK_TIMEOUT.toMinutes() + " minutes");
            }
        }));
        ObjectNode payload = Mappers.JSON.createObjectNode().put("DeploymentId", run.id)
                .put("LifecycleEventHookExecutionId", executionId);
        byte[] bytes = payload.toString().getBytes(StandardCharsets.UTF_8);
        submit(() -> call(hook, bytes, 1));
    }

    private void submit(Runnable task) {
        try {
            workers.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("Hook not invoked: the emulator is stopping");
        }
    }

    /** Invokes a hook function (without the lock: the function calls back into CodeDeploy). */
    private void call(HookExecution hook, byte[] payload, int attempt) {
        try {
            InvocationResult result = lambda.invoke(hook.function, Optional.empty(), payload);
            // As with Lambda's asynchronous invocations, a function error tells CodeDeploy nothing: it
            // goes on waiting for the function's status until the hook times out.
            result.functionError().ifPresent(error -> LOG.info("Hook function {} of deployment {} failed ({}): {}",
                    hook.function, hook.deploymentId, error, new String(result.payload(), StandardCharsets.UTF_8)));
        } catch (AwsException e) {
            if ("TooManyRequestsException".equals(e.code()) && attempt < MAX_HOOK_ATTEMPTS) {
                clock.schedule(clock.now().plus(THROTTLE_RETRY), () -> submit(() -> call(hook, payload,
                        attempt + 1)));
                return;
            }
            synchronized (backend) {
                hookFailed(hook, "could not be invoked: " + e.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.warn("Invoking hook function {} failed", hook.function, e);
            synchronized (backend) {
                hookFailed(hook, "could not be invoked: " + e);
            }
        }
    }

    private void hookFailed(HookExecution hook, String why) {
        Run run = runs.get(hook.deploymentId);
        if (hook.reported || run == null || run.hook != hook) {
            return;
        }
        hook.reported = true;
        run.hook = null;
        end(run, Cause.FAILURE, hookFailure(hook, why), Optional.empty());
    }

    private static ErrorInformation hookFailure(HookExecution hook, String why) {
        return new ErrorInformation("HOOK_EXECUTION_FAILURE", "The deployment failed because the " + hook.event
                + " lifecycle event hook, Lambda function " + hook.function + ", " + why + ".");
    }

    /** PutLifecycleEventHookExecutionStatus, once the backend has checked the deployment and the status. */
    void hookReported(String deploymentId, String executionId, boolean succeeded) {
        HookExecution hook = executionId == null ? null : hooks.get(executionId);
        if (hook == null || !hook.deploymentId.equals(deploymentId)) {
            throw CodeDeployBackend.badRequest("InvalidLifecycleEventHookExecutionIdException", "A lifecycle event"
                    + " hook is invalid. Review the hooks section in your AppSpec file to ensure the lifecycle events"
                    + " and hooks functions are valid.");
        }
        Run run = runs.get(deploymentId);
        if (hook.reported || run == null || run.hook != hook) {
            throw CodeDeployBackend.badRequest("LifecycleEventAlreadyCompletedException", "An attempt to return the"
                    + " status of an already completed lifecycle event occurred.");
        }
        hook.reported = true;
        run.hook = null;
        if (succeeded) {
            finish(run, hook.event);
        } else {
            end(run, Cause.FAILURE, hookFailure(hook, "reported that it Failed"), Optional.empty());
        }
    }

    // ------------------------------------------------------------------ alarms

    private void watchAlarms(Run run) {
        if (current(run).alarms().watched().isEmpty()) {
            return;
        }
        run.timers.add(clock.scheduleAtFixedRate(clock.now().plus(ALARM_POLL), ALARM_POLL, () -> {
            synchronized (backend) {
                checkAlarms(run);
            }
        }));
        checkAlarms(run);
    }

    /** An alarm went to ALARM: every deployment watching it looks at its alarms now. */
    void alarmWentOff(String alarmName) {
        for (Run run : List.copyOf(runs.values())) {
            Deployment deployment = current(run);
            if (deployment.appSpec() != null && deployment.alarms().watched().contains(alarmName)) {
                checkAlarms(run);
            }
        }
    }

    private void checkAlarms(Run run) {
        if (!isRunning(run)) {
            return;
        }
        AlarmConfiguration alarms = current(run).alarms();
        List<String> active = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (String name : alarms.watched()) {
            Optional<String> state = cloudWatch.flatMap(cw -> cw.alarmState(name));
            if (state.isEmpty()) {
                unreadable.add(name);
            } else if ("ALARM".equals(state.get())) {
                active.add(name);
            }
        }
        if (!active.isEmpty()) {
            StringBuilder message = new StringBuilder(ALARM_MESSAGE);
            for (int i = 0; i < active.size(); i++) {
                message.append(i == 0 ? "" : " ").append('<').append(active.get(i)).append('>');
            }
            end(run, Cause.ALARM, new ErrorInformation("ALARM_ACTIVE", message.toString()), Optional.empty());
        } else if (!unreadable.isEmpty() && !alarms.ignorePollAlarmFailure()) {
            end(run, Cause.ALARM, new ErrorInformation("ALARM_ACTIVE", "The deployment was stopped because the state"
                    + " of these alarms could not be retrieved from Amazon CloudWatch: " + String.join(", ",
                    unreadable) + " (set ignorePollAlarmFailure to go on without them)."), Optional.empty());
        }
    }

    // ------------------------------------------------------------------ ending

    /** StopDeployment (the backend has checked that the deployment runs). */
    void stopRequested(String id, Optional<Boolean> autoRollback) {
        Run run = runs.get(id);
        if (run != null) {
            end(run, Cause.REQUEST, new ErrorInformation("MANUAL_STOP", "The deployment was manually stopped by the"
                    + " user."), autoRollback);
        }
    }

    /** A deployment the emulator cannot carry on (a restart, or the emulator stopping). */
    void interrupted(Deployment deployment, String message) {
        Run run = runs.computeIfAbsent(deployment.id(), Run::new);
        end(run, Cause.FAILURE, new ErrorInformation("INTERNAL_ERROR", message), Optional.empty());
    }

    /**
     * Ends a deployment: the event in progress fails, the later ones are skipped, and, when the cause
     * calls for it, the alias goes back wholly to the original version in a rollback deployment.
     */
    private void end(Run run, Cause cause, ErrorInformation error, Optional<Boolean> rollbackOverride) {
        cancel(run);
        runs.remove(run.id);
        if (run.hook != null) {
            run.hook.reported = true;
            run.hook = null;
        }
        Instant now = clock.now();
        Deployment deployment = current(run);
        for (LifecycleEvent event : deployment.lifecycleEvents()) {
            if (event.status() == LifecycleEventStatus.IN_PROGRESS) {
                deployment = deployment.withEvent(event.ended(LifecycleEventStatus.FAILED, now, error.message()));
            } else if (event.status() == LifecycleEventStatus.PENDING) {
                deployment = deployment.withEvent(event.skipped());
            }
        }
        deployment = deployment.completed(cause.status, now, error);
        boolean rollback = rollbackOverride.orElse(deployment.autoRollback().rollsBackOn(cause.rollbackEvent));
        if (!rollback || deployment.appSpec() == null) {
            backend.save(deployment);
            return;
        }
        Deployment rollbackDeployment = rollBack(deployment, now);
        backend.save(deployment.withRollbackInfo(new RollbackInfo(rollbackDeployment.id(), null, "Deployment "
                + deployment.id() + " terminated. Automatic rollback is triggered with a DeploymentId "
                + rollbackDeployment.id() + ".")));
        backend.save(rollbackDeployment);
    }

    /** The rollback deployment: the alias wholly on the original version again, no hooks run. */
    private Deployment rollBack(Deployment rolledBack, Instant now) {
        AppSpec spec = rolledBack.appSpec().reversed();
        DeploymentStatus status = DeploymentStatus.SUCCEEDED;
        ErrorInformation error = null;
        try {
            lambda.updateAlias(spec.functionName(), spec.alias(), Optional.of(spec.targetVersion()), Optional.empty(),
                    Optional.of(Map.of()), Optional.empty());
        } catch (AwsException e) {
            status = DeploymentStatus.FAILED;
            error = new ErrorInformation("INVALID_LAMBDA_FUNCTION", "The rollback failed because the alias "
                    + spec.alias() + " of Lambda function " + spec.functionName() + " could not be updated: "
                    + e.getMessage());
        }
        List<LifecycleEvent> events = new ArrayList<>();
        for (String name : LifecycleEvent.ORDER) {
            LifecycleEventStatus outcome = status == DeploymentStatus.SUCCEEDED ? LifecycleEventStatus.SUCCEEDED
                    : name.equals(LifecycleEvent.ALLOW_TRAFFIC) ? LifecycleEventStatus.FAILED
                    : name.equals(LifecycleEvent.BEFORE_ALLOW_TRAFFIC) ? LifecycleEventStatus.SUCCEEDED
                    : LifecycleEventStatus.SKIPPED;
            events.add(outcome == LifecycleEventStatus.SKIPPED ? LifecycleEvent.pending(name).skipped()
                    : new LifecycleEvent(name, outcome, now, now, outcome == LifecycleEventStatus.FAILED
                            ? error.message() : null));
        }
        String id = backend.newRollbackId();
        return new Deployment(id, rolledBack.applicationName(), rolledBack.deploymentGroupName(),
                rolledBack.deploymentConfigName(), status, "codeDeployRollback", null, rolledBack.revision(), spec,
                now, now, now, events, error, new RollbackInfo(null, rolledBack.id(), "Deployment " + id
                        + " is triggered to roll back deployment " + rolledBack.id() + "."),
                rolledBack.autoRollback(), rolledBack.alarms(), TrafficRouting.allAtOnce(),
                status == DeploymentStatus.SUCCEEDED ? 1.0 : 0.0);
    }

    private static void cancel(Run run) {
        run.timers.forEach(EmulatorClock.Scheduled::cancel);
        run.timers.clear();
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
