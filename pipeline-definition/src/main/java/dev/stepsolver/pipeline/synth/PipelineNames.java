package dev.stepsolver.pipeline.synth;

import java.util.List;

/**
 * The names the pipeline, the buildspecs and the commands share: artifacts, namespaces,
 * action names, exported variables and the environment variables each project gets. The
 * buildspec checks hold the repository's buildspecs to these.
 */
public final class PipelineNames {

    public static final String SOURCE_ARTIFACT = "SourceOutput";
    public static final String BUILD_ARTIFACT = "BuildOutput";
    public static final String BETA_APPSPEC_ARTIFACT = "BetaAppSpec";
    public static final String PROD_APPSPEC_ARTIFACT = "ProdAppSpec";

    public static final String SOURCE_NAMESPACE = "SourceVariables";
    public static final String BUILD_NAMESPACE = "BuildVariables";
    public static final String INTEGRATION_NAMESPACE = "IntegrationVariables";

    public static final String SOURCE_ACTION = "Source";
    public static final String BUILD_ACTION = "Build";
    public static final String DEPLOY_API_ACTION = "DeployApi";
    public static final String DEPLOY_LAMBDA_ACTION = "DeployLambda";
    public static final String INTEGRATION_ACTION = "IntegrationTests";

    /** The template the build synthesizes into its output artifact, deployed by the DeployApi actions. */
    public static final String TEMPLATE_FILE = "template.json";

    /** Exported by the build stage ({@code env.exported-variables}). */
    public static final String IMAGE_URI = "IMAGE_URI";
    public static final String TARGET_VERSION = "TARGET_VERSION";
    public static final String PROD_API_DEPLOYMENT_ID = "PROD_API_DEPLOYMENT_ID";
    /** The build's BASE_IMAGE, passed back to the stack so a pipeline update keeps the bootstrap's choice. */
    public static final String BASE_IMAGE_EXPORT = "BASE_IMAGE";
    public static final List<String> BUILD_EXPORTS = List.of(IMAGE_URI, TARGET_VERSION, PROD_API_DEPLOYMENT_ID, BASE_IMAGE_EXPORT);

    /** Given to the build by the pipeline action. */
    public static final String COMMIT_ID = "COMMIT_ID";

    /** The build project's environment. */
    public static final String IMAGE_REPOSITORY_URI = "IMAGE_REPOSITORY_URI";
    public static final String BASE_IMAGE = "BASE_IMAGE";
    public static final String FUNCTION_NAME = "FUNCTION_NAME";
    public static final String BETA_ALIAS = "BETA_ALIAS";
    public static final String PROD_ALIAS = "PROD_ALIAS";
    public static final String REST_API_ID = "REST_API_ID";
    public static final String BETA_STAGE = "BETA_STAGE";
    public static final String PROD_STAGE = "PROD_STAGE";
    public static final String API_KEY_PARAMETER = "API_KEY_PARAMETER";

    /** Template parameters. */
    public static final String PARAM_IMAGE_URI = "ImageUri";
    public static final String PARAM_BASE_IMAGE = "BaseImage";
    public static final String PARAM_FULL_REPOSITORY_ID = "FullRepositoryId";
    public static final String PARAM_BRANCH = "BranchName";
    public static final String PARAM_PROD_API_DEPLOYMENT = "ProdApiDeploymentId";

    /** Template conditions. */
    public static final String CONDITION_HAS_IMAGE = "HasImage";
    public static final String CONDITION_PROD_PINNED = "ProdApiPinned";

    private PipelineNames() {
    }
}
