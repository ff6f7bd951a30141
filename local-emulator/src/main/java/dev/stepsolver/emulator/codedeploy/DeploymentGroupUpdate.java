package dev.stepsolver.emulator.codedeploy;

import java.util.Optional;

/** UpdateDeploymentGroup: only what is present changes. */
public record DeploymentGroupUpdate(Optional<String> newName, Optional<String> deploymentConfigName,
        Optional<String> serviceRoleArn, Optional<AlarmConfiguration> alarmConfiguration,
        Optional<AutoRollbackConfiguration> autoRollback) {

    public static DeploymentGroupUpdate nothing() {
        return new DeploymentGroupUpdate(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }
}
