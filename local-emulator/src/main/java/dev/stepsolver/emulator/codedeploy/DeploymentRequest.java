package dev.stepsolver.emulator.codedeploy;

import java.util.Objects;
import java.util.Optional;

/**
 * CreateDeployment for a Lambda deployment group (from the API, CodePipeline's CodeDeploy action or
 * a test).
 *
 * @param deploymentConfigName empty for the group's configuration
 * @param autoRollback empty for the group's rollback configuration
 */
public record DeploymentRequest(String applicationName, String deploymentGroupName, Revision revision,
        Optional<String> deploymentConfigName, Optional<String> description,
        Optional<AutoRollbackConfiguration> autoRollback) {

    public DeploymentRequest {
        Objects.requireNonNull(applicationName);
        Objects.requireNonNull(deploymentGroupName);
        Objects.requireNonNull(revision);
        Objects.requireNonNull(deploymentConfigName);
        Objects.requireNonNull(description);
        Objects.requireNonNull(autoRollback);
    }

    /** A deployment of an inline AppSpec (YAML or JSON) with the group's configuration. */
    public static DeploymentRequest of(String applicationName, String deploymentGroupName, String appSpec) {
        return new DeploymentRequest(applicationName, deploymentGroupName, Revision.appSpecContent(appSpec),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** A deployment of the AppSpec at the root of a zip in S3 (a pipeline artifact). */
    public static DeploymentRequest ofZip(String applicationName, String deploymentGroupName, String bucket,
            String key) {
        return new DeploymentRequest(applicationName, deploymentGroupName, Revision.s3(bucket, key, "zip"),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    public DeploymentRequest withDeploymentConfig(String name) {
        return new DeploymentRequest(applicationName, deploymentGroupName, revision, Optional.of(name), description,
                autoRollback);
    }

    public DeploymentRequest withDescription(String text) {
        return new DeploymentRequest(applicationName, deploymentGroupName, revision, deploymentConfigName,
                Optional.of(text), autoRollback);
    }
}
