package dev.stepsolver.emulator.codedeploy;

import java.util.Optional;

/**
 * The link between a deployment that was rolled back and the deployment that rolled it back: the
 * first carries {@code rollbackDeploymentId}, the second {@code rollbackTriggeringDeploymentId}.
 */
public record RollbackInfo(String rollbackDeploymentId, String rollbackTriggeringDeploymentId, String message) {

    public Optional<String> rollbackDeploymentIdIfAny() {
        return Optional.ofNullable(rollbackDeploymentId);
    }

    public Optional<String> rollbackTriggeringDeploymentIdIfAny() {
        return Optional.ofNullable(rollbackTriggeringDeploymentId);
    }
}
