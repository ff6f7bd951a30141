package dev.stepsolver.pipeline.model;

/** How the PreProd and Prod stages move a Lambda alias to the new version. */
public enum LambdaDeployMode {
    /** CodeDeploy deployment groups reading the AppSpec the build emits (the original design). */
    CODE_DEPLOY,
    /** CodePipeline's native Lambda deploy action (V2 pipelines only); no AppSpec at all. */
    LAMBDA_ACTION
}
