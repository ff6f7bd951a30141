package dev.stepsolver.pipeline.model;

import java.util.Objects;

/**
 * The whole deployment: what {@code synth} turns into one CloudFormation stack and one
 * CodePipeline declaration. Defaults follow the original design; every name can be changed
 * through the {@code with…} copies or a model file (see {@link ModelFile}).
 */
public record DeploymentModel(
        String stackName,
        SourceSpec source,
        FunctionSpec function,
        ApiSpec api,
        AlarmSpec alarm,
        BuildProjects builds,
        DeliverySpec delivery,
        PipelineSpec pipeline,
        RoleNames roles) {

    public DeploymentModel {
        Objects.requireNonNull(stackName, "stackName");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(alarm, "alarm");
        Objects.requireNonNull(builds, "builds");
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(roles, "roles");
    }

    /** The original design: names prefixed {@code stepsolver}. */
    public static DeploymentModel defaults() {
        return withPrefix("stepsolver");
    }

    /** The default deployment with every resource name derived from {@code prefix}. */
    public static DeploymentModel withPrefix(String prefix) {
        return new DeploymentModel(
                prefix,
                SourceSpec.defaults(prefix),
                FunctionSpec.defaults(prefix),
                ApiSpec.defaults(prefix),
                AlarmSpec.defaults(prefix),
                BuildProjects.defaults(prefix),
                DeliverySpec.defaults(prefix),
                PipelineSpec.defaults(prefix),
                RoleNames.defaults(prefix));
    }

    public DeploymentModel withStackName(String value) {
        return new DeploymentModel(value, source, function, api, alarm, builds, delivery, pipeline, roles);
    }

    public DeploymentModel withSource(SourceSpec value) {
        return new DeploymentModel(stackName, value, function, api, alarm, builds, delivery, pipeline, roles);
    }

    public DeploymentModel withFunction(FunctionSpec value) {
        return new DeploymentModel(stackName, source, value, api, alarm, builds, delivery, pipeline, roles);
    }

    public DeploymentModel withApi(ApiSpec value) {
        return new DeploymentModel(stackName, source, function, value, alarm, builds, delivery, pipeline, roles);
    }

    public DeploymentModel withAlarm(AlarmSpec value) {
        return new DeploymentModel(stackName, source, function, api, value, builds, delivery, pipeline, roles);
    }

    public DeploymentModel withBuilds(BuildProjects value) {
        return new DeploymentModel(stackName, source, function, api, alarm, value, delivery, pipeline, roles);
    }

    public DeploymentModel withDelivery(DeliverySpec value) {
        return new DeploymentModel(stackName, source, function, api, alarm, builds, value, pipeline, roles);
    }

    public DeploymentModel withPipeline(PipelineSpec value) {
        return new DeploymentModel(stackName, source, function, api, alarm, builds, delivery, value, roles);
    }

    public DeploymentModel withRoles(RoleNames value) {
        return new DeploymentModel(stackName, source, function, api, alarm, builds, delivery, pipeline, value);
    }
}
