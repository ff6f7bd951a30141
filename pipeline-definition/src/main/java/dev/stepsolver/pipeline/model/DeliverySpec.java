package dev.stepsolver.pipeline.model;

/**
 * How new versions reach the aliases: CodeDeploy (AllAtOnce to beta, canary with alarm and
 * automatic rollback to prod) or the native Lambda deploy action with the same strategies.
 */
public record DeliverySpec(
        LambdaDeployMode mode,
        String applicationName,
        String betaDeploymentGroup,
        String prodDeploymentGroup,
        String preProdConfigName,
        CanarySpec canary) {

    public static final String ALL_AT_ONCE = "CodeDeployDefault.LambdaAllAtOnce";

    static DeliverySpec defaults(String prefix) {
        return new DeliverySpec(LambdaDeployMode.CODE_DEPLOY, prefix, prefix + "-beta", prefix + "-prod",
                ALL_AT_ONCE, new CanarySpec(prefix + "-canary-25-percent-10-minutes", 25, 10));
    }

    public DeliverySpec withMode(LambdaDeployMode value) {
        return new DeliverySpec(value, applicationName, betaDeploymentGroup, prodDeploymentGroup,
                preProdConfigName, canary);
    }

    public DeliverySpec withCanary(CanarySpec value) {
        return new DeliverySpec(mode, applicationName, betaDeploymentGroup, prodDeploymentGroup,
                preProdConfigName, value);
    }
}
