package dev.stepsolver.pipeline.model;

/** IAM role names, one per principal so each gets only what it needs. */
public record RoleNames(
        String pipeline,
        String build,
        String integration,
        String codeDeploy,
        String cloudFormation,
        String function) {

    static RoleNames defaults(String prefix) {
        return new RoleNames(prefix + "-pipeline", prefix + "-build", prefix + "-integration-tests",
                prefix + "-codedeploy", prefix + "-cloudformation", prefix + "-function");
    }
}
