package dev.stepsolver.emulator.codedeploy;

/** What may trigger an automatic rollback (AutoRollbackConfiguration.events). */
public enum RollbackEvent {
    DEPLOYMENT_FAILURE, DEPLOYMENT_STOP_ON_ALARM, DEPLOYMENT_STOP_ON_REQUEST
}
