package dev.stepsolver.emulator.codedeploy;

import java.util.Objects;
import java.util.Optional;

/**
 * What CreateDeploymentGroup (or a CloudFormation {@code AWS::CodeDeploy::DeploymentGroup}) gives;
 * the backend fills in the id and AWS's defaults.
 *
 * @param deploymentConfigName empty for the platform's default ({@code CodeDeployDefault.LambdaAllAtOnce})
 */
public record DeploymentGroupSpec(String applicationName, String name, Optional<String> deploymentConfigName,
        String serviceRoleArn, AlarmConfiguration alarmConfiguration, AutoRollbackConfiguration autoRollback) {

    public DeploymentGroupSpec {
        Objects.requireNonNull(applicationName);
        Objects.requireNonNull(name);
        Objects.requireNonNull(deploymentConfigName);
        Objects.requireNonNull(serviceRoleArn);
        Objects.requireNonNull(alarmConfiguration);
        Objects.requireNonNull(autoRollback);
    }

    /** A group with no alarms and no automatic rollback. */
    public static DeploymentGroupSpec of(String applicationName, String name, String deploymentConfigName,
            String serviceRoleArn) {
        return new DeploymentGroupSpec(applicationName, name, Optional.of(deploymentConfigName), serviceRoleArn,
                AlarmConfiguration.none(), AutoRollbackConfiguration.none());
    }

    public DeploymentGroupSpec withAlarms(AlarmConfiguration alarms) {
        return new DeploymentGroupSpec(applicationName, name, deploymentConfigName, serviceRoleArn, alarms,
                autoRollback);
    }

    public DeploymentGroupSpec withAutoRollback(AutoRollbackConfiguration rollback) {
        return new DeploymentGroupSpec(applicationName, name, deploymentConfigName, serviceRoleArn,
                alarmConfiguration, rollback);
    }
}
