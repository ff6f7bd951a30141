package dev.stepsolver.emulator.codedeploy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A deployment as recorded: what it deploys, how far it got and how it ended. Also the form it is
 * persisted in, so absent parts are nulls with Optional accessors beside them.
 *
 * @param id {@code d-} and nine capitals or digits
 * @param creator {@code user}, or {@code codeDeployRollback} for a rollback deployment
 * @param appSpec null until the deployment has read its revision
 * @param lifecycleEvents BeforeAllowTraffic, AllowTraffic, AfterAllowTraffic
 * @param autoRollback the rollback configuration in force for this deployment
 * @param alarms the alarm configuration watched during this deployment
 * @param routing the deployment configuration's traffic routing
 * @param targetVersionWeight the share of the alias's traffic the target version has now
 */
public record Deployment(
        String id,
        String applicationName,
        String deploymentGroupName,
        String deploymentConfigName,
        DeploymentStatus status,
        String creator,
        String description,
        Revision revision,
        AppSpec appSpec,
        Instant createTime,
        Instant startTime,
        Instant completeTime,
        List<LifecycleEvent> lifecycleEvents,
        ErrorInformation errorInformation,
        RollbackInfo rollbackInfo,
        AutoRollbackConfiguration autoRollback,
        AlarmConfiguration alarms,
        TrafficRouting routing,
        double targetVersionWeight) {

    public Deployment {
        lifecycleEvents = List.copyOf(lifecycleEvents);
    }

    public boolean isComplete() {
        return status.isComplete();
    }

    public Optional<AppSpec> appSpecIfRead() {
        return Optional.ofNullable(appSpec);
    }

    public Optional<String> descriptionIfAny() {
        return Optional.ofNullable(description);
    }

    public Optional<Instant> startTimeIfStarted() {
        return Optional.ofNullable(startTime);
    }

    public Optional<Instant> completeTimeIfComplete() {
        return Optional.ofNullable(completeTime);
    }

    public Optional<ErrorInformation> error() {
        return Optional.ofNullable(errorInformation);
    }

    public Optional<RollbackInfo> rollback() {
        return Optional.ofNullable(rollbackInfo);
    }

    public Optional<LifecycleEvent> lifecycleEvent(String name) {
        return lifecycleEvents.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** Where the alias's traffic stands, once the AppSpec is read. */
    public Optional<TrafficSplit> traffic() {
        return appSpecIfRead().map(spec -> new TrafficSplit(spec.functionName(), spec.alias(), spec.currentVersion(),
                spec.targetVersion(), targetVersionWeight));
    }

    Deployment withStatus(DeploymentStatus value) {
        return new Deployment(id, applicationName, deploymentGroupName, deploymentConfigName, value, creator,
                description, revision, appSpec, createTime, startTime, completeTime, lifecycleEvents,
                errorInformation, rollbackInfo, autoRollback, alarms, routing, targetVersionWeight);
    }

    Deployment started(Instant at) {
        return new Deployment(id, applicationName, deploymentGroupName, deploymentConfigName,
                DeploymentStatus.IN_PROGRESS, creator, description, revision, appSpec, createTime, at, completeTime,
                lifecycleEvents, errorInformation, rollbackInfo, autoRollback, alarms, routing, targetVersionWeight);
    }

    Deployment withAppSpec(AppSpec value) {
        return new Deployment(id, applicationName, deploymentGroupName, deploymentConfigName, status, creator,
                description, revision, value, createTime, startTime, completeTime, lifecycleEvents, errorInformation,
                rollbackInfo, autoRollback, alarms, routing, targetVersionWeight);
    }

    Deployment withEvent(LifecycleEvent event) {
        List<LifecycleEvent> events = new ArrayList<>(lifecycleEvents);
        events.replaceAll(e -> e.name().equals(event.name()) ? event : e);
        return new Deployment(id, applicationName, deploymentGroupName, deploymentConfigName, status, creator,
                description, revision, appSpec, createTime, startTime, completeTime, events, errorInformation,
                rollbackInfo, autoRollback, alarms, routing, targetVersionWeight);
    }

    Deployment withTargetWeight(double weight) {
        return new Deployment(id, applicationName, deploymentGroupName, deploymentConfigName, status, creator,
                description, revision, appSpec, createTime, startTime, completeTime, lifecycleEvents,
                errorInformation, rollbackInfo, autoRollback, alarms, routing, weight);
    }

    Deployment completed(DeploymentStatus outcome, Instant at, ErrorInformation error) {
        return new Deployment(id, applicationName, deploymentGroupName, deploymentConfigName, outcome, creator,
                description, revision, appSpec, createTime, startTime == null ? at : startTime, at, lifecycleEvents,
                error, rollbackInfo, autoRollback, alarms, routing, targetVersionWeight);
    }

    Deployment withRollbackInfo(RollbackInfo value) {
        return new Deployment(id, applicationName, deploymentGroupName, deploymentConfigName, status, creator,
                description, revision, appSpec, createTime, startTime, completeTime, lifecycleEvents,
                errorInformation, value, autoRollback, alarms, routing, targetVersionWeight);
    }
}
