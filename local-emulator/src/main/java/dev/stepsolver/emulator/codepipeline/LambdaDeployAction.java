package dev.stepsolver.emulator.codepipeline;

import dev.stepsolver.emulator.cloudwatch.AlarmStateChange;
import dev.stepsolver.emulator.cloudwatch.CloudWatchBackend;
import dev.stepsolver.emulator.lambda.AliasRecord;
import dev.stepsolver.emulator.lambda.LambdaBackend;
import dev.stepsolver.emulator.protocol.AwsException;
import dev.stepsolver.emulator.time.EmulatorClock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.services.codepipeline.model.ActionDeclaration;

/**
 * Deploy {@code Lambda} (V2 pipelines only): moves FunctionAlias to PublishedTargetVersion by its
 * DeployStrategy, shifting the alias's routing weights on the emulator clock through the Lambda backend.
 * When one of the Alarms goes to ALARM before the shift completes (or is in ALARM at a step), the alias
 * returns to the version it served before and the action fails. Output variable: FunctionVersion.
 */
final class LambdaDeployAction implements ActionProvider {

    static final ActionTypeSpec SPEC = ActionTypeSpec.aws("Lambda", Set.of("Deploy"), Set.of("FunctionName"),
            Set.of("FunctionAlias", "PublishedTargetVersion", "DeployStrategy", "Alarms"), 0, 1, 0, 0, true);
    static final int MAX_ALARMS = 10;

    /** The alarms one deployment watches and the first of them to go to ALARM. */
    private record Watch(Set<String> alarms, CompletableFuture<String> tripped) {
    }

    private final LambdaBackend lambda;
    private final Optional<CloudWatchBackend> cloudWatch;
    private final EmulatorClock clock;
    private final Set<Watch> watches = new CopyOnWriteArraySet<>();

    LambdaDeployAction(LambdaBackend lambda, Optional<CloudWatchBackend> cloudWatch, EmulatorClock clock) {
        this.lambda = lambda;
        this.cloudWatch = cloudWatch;
        this.clock = clock;
        cloudWatch.ifPresent(cw -> cw.addAlarmListener(this::alarmChanged));
    }

    private void alarmChanged(AlarmStateChange change) {
        if ("ALARM".equals(change.newState())) {
            watches.stream().filter(w -> w.alarms().contains(change.alarmName()))
                    .forEach(w -> w.tripped().complete(change.alarmName()));
        }
    }

    @Override
    public ActionTypeSpec spec() {
        return SPEC;
    }

    @Override
    public void validate(String stageName, ActionDeclaration action) {
        Map<String, String> configuration = action.configuration();
        String strategy = configuration.get("DeployStrategy");
        if (strategy != null && !strategy.contains("#{")) {
            try {
                DeployStrategy.parse(strategy);
            } catch (IllegalArgumentException e) {
                throw PipelineValidator.actionError("Action configuration for action '" + action.name() + "': "
                        + e.getMessage());
            }
        }
        if (configuration.get("FunctionAlias") == null && (strategy != null
                || configuration.get("PublishedTargetVersion") != null || configuration.get("Alarms") != null)) {
            throw PipelineValidator.actionError("Action configuration for action '" + action.name() + "': DeployStrategy,"
                    + " PublishedTargetVersion and Alarms are only available with FunctionAlias");
        }
        if (configuration.get("PublishedTargetVersion") == null && action.inputArtifacts().isEmpty()) {
            throw PipelineValidator.actionError("Action configuration for action '" + action.name() + "' is missing"
                    + " required configuration 'PublishedTargetVersion': it is required when the action has no"
                    + " input artifact");
        }
        if (alarms(configuration.get("Alarms")).size() > MAX_ALARMS) {
            throw PipelineValidator.actionError("Action configuration for action '" + action.name() + "' lists more"
                    + " than " + MAX_ALARMS + " alarms");
        }
    }

    private static List<String> alarms(String value) {
        return value == null ? List.of() : Arrays.stream(value.split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
    }

    @Override
    public ActionOutcome execute(ActionJob job) throws InterruptedException {
        String function = job.configuration().get("FunctionName");
        Optional<String> aliasName = job.config("FunctionAlias");
        Optional<String> target = job.config("PublishedTargetVersion");
        if (aliasName.isEmpty() || target.isEmpty()) {
            return ActionOutcome.failed("Deploying the input artifact's code to $LATEST is not supported by the"
                    + " emulator (its Lambda runs container-image functions): give FunctionAlias and"
                    + " PublishedTargetVersion");
        }
        DeployStrategy strategy;
        try {
            strategy = DeployStrategy.parse(job.config("DeployStrategy").orElse("AllAtOnce"));
        } catch (IllegalArgumentException e) {
            return new ActionOutcome.Failed("ConfigurationError", e.getMessage(), Optional.empty(), Optional.empty());
        }
        List<String> alarms = alarms(job.configuration().get("Alarms"));
        if (!alarms.isEmpty() && cloudWatch.isEmpty()) {
            return ActionOutcome.failed("The action watches alarms " + alarms + " but CloudWatch is not installed");
        }
        String previous;
        try {
            AliasRecord alias = lambda.alias(function, aliasName.get());
            previous = alias.functionVersion();
            lambda.configuration(function, target);
        } catch (AwsException e) {
            return ActionOutcome.failed(e.getMessage());
        }
        Map<String, String> variables = Map.of("FunctionVersion", target.get());
        if (previous.equals(target.get())) {
            return ActionOutcome.succeeded("Alias " + aliasName.get() + " already serves version " + target.get(),
                    variables);
        }
        Watch watch = new Watch(Set.copyOf(alarms), new CompletableFuture<>());
        watches.add(watch);
        try {
            Optional<String> inAlarm = alarmInAlarm(alarms);
            if (inAlarm.isPresent()) {
                return ActionOutcome.failed("Alarm " + inAlarm.get() + " is in ALARM; the deployment of version "
                        + target.get() + " to alias " + aliasName.get() + " did not start");
            }
            Instant at = clock.now();
            for (DeployStrategy.Step step : strategy.steps()) {
                at = at.plus(step.delay());
                Optional<String> tripped = waitUntil(at, watch);
                if (tripped.isPresent()) {
                    return rollBack(function, aliasName.get(), previous, target.get(), "Alarm " + tripped.get()
                            + " went to ALARM");
                }
                if (step.percent() >= 100) {
                    lambda.updateAlias(function, aliasName.get(), target, Optional.empty(), Optional.of(Map.of()),
                            Optional.empty());
                } else {
                    lambda.updateAlias(function, aliasName.get(), Optional.of(previous), Optional.empty(),
                            Optional.of(Map.of(target.get(), step.percent() / 100.0)), Optional.empty());
                }
                job.progress(ActionProgress.of("Alias " + aliasName.get() + ": " + step.percent() + "% of traffic on"
                        + " version " + target.get() + ", " + (100 - step.percent()) + "% on version " + previous)
                        .withPercent(step.percent()));
            }
            return ActionOutcome.succeeded("Alias " + aliasName.get() + " moved from version " + previous
                    + " to version " + target.get() + " (" + strategy.name() + ")", variables);
        } catch (InterruptedException e) {
            restore(function, aliasName.get(), previous);
            throw e;
        } catch (AwsException e) {
            restore(function, aliasName.get(), previous);
            return ActionOutcome.failed("Could not update alias " + aliasName.get() + ": " + e.getMessage());
        } finally {
            watches.remove(watch);
        }
    }

    private Optional<String> alarmInAlarm(List<String> alarms) {
        return cloudWatch.flatMap(cw -> alarms.stream()
                .filter(a -> cw.alarmState(a).filter("ALARM"::equals).isPresent()).findFirst());
    }

    /** Waits for {@code at} on the emulator clock unless an alarm trips first; returns the tripped alarm. */
    private Optional<String> waitUntil(Instant at, Watch watch) throws InterruptedException {
        if (watch.tripped().isDone()) {
            return Optional.of(watch.tripped().join());
        }
        if (at.isAfter(clock.now())) {
            CompletableFuture<Void> reached = new CompletableFuture<>();
            EmulatorClock.Scheduled timer = clock.schedule(at, () -> reached.complete(null));
            try {
                CompletableFuture.anyOf(reached, watch.tripped()).get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("a wait cannot fail", e);
            } finally {
                timer.cancel();
            }
        }
        if (watch.tripped().isDone()) {
            return Optional.of(watch.tripped().join());
        }
        return alarmInAlarm(List.copyOf(watch.alarms()));
    }

    private ActionOutcome rollBack(String function, String alias, String previous, String target, String why) {
        restore(function, alias, previous);
        return ActionOutcome.failed(why + " during the deployment of version " + target + " to alias " + alias
                + "; the alias was returned to version " + previous);
    }

    private void restore(String function, String alias, String previous) {
        try {
            lambda.updateAlias(function, alias, Optional.of(previous), Optional.empty(), Optional.of(Map.of()),
                    Optional.empty());
        } catch (AwsException e) {
            // the function or alias is gone: nothing left to return traffic on
        }
    }
}
