package dev.stepsolver.emulator.codedeploy;

/**
 * A deployment group of a Lambda application: the deployment configuration its deployments use
 * by default, the alarms watched during them, and when they roll back.
 *
 * @param deploymentType {@code BLUE_GREEN} for Lambda
 * @param deploymentOption {@code WITH_TRAFFIC_CONTROL} for Lambda
 */
public record DeploymentGroup(String applicationName, String name, String id, String deploymentConfigName,
        String serviceRoleArn, AlarmConfiguration alarmConfiguration, AutoRollbackConfiguration autoRollback,
        String deploymentType, String deploymentOption, ComputePlatform computePlatform) {
}
