package dev.stepsolver.pipeline.synth;

import static dev.stepsolver.pipeline.synth.PipelineNames.*;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepsolver.pipeline.model.DeploymentModel;
import dev.stepsolver.pipeline.model.LambdaDeployMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.codepipeline.model.ActionCategory;
import software.amazon.awssdk.services.codepipeline.model.ActionDeclaration;
import software.amazon.awssdk.services.codepipeline.model.ActionOwner;
import software.amazon.awssdk.services.codepipeline.model.ActionTypeId;
import software.amazon.awssdk.services.codepipeline.model.ArtifactStore;
import software.amazon.awssdk.services.codepipeline.model.ArtifactStoreType;
import software.amazon.awssdk.services.codepipeline.model.CreatePipelineRequest;
import software.amazon.awssdk.services.codepipeline.model.ExecutionMode;
import software.amazon.awssdk.services.codepipeline.model.GitBranchFilterCriteria;
import software.amazon.awssdk.services.codepipeline.model.GitConfiguration;
import software.amazon.awssdk.services.codepipeline.model.GitFilePathFilterCriteria;
import software.amazon.awssdk.services.codepipeline.model.GitPushFilter;
import software.amazon.awssdk.services.codepipeline.model.InputArtifact;
import software.amazon.awssdk.services.codepipeline.model.OutputArtifact;
import software.amazon.awssdk.services.codepipeline.model.PipelineDeclaration;
import software.amazon.awssdk.services.codepipeline.model.PipelineTriggerDeclaration;
import software.amazon.awssdk.services.codepipeline.model.PipelineTriggerProviderType;
import software.amazon.awssdk.services.codepipeline.model.PipelineType;
import software.amazon.awssdk.services.codepipeline.model.StageDeclaration;
import software.amazon.awssdk.services.codepipeline.model.Tag;

/**
 * The V2 pipeline as the SDK models it: Source → Build → PreProd → IntegrationTests → Prod,
 * SUPERSEDED, started by pushes to the branch except for README/LICENSE-only changes.
 */
public final class PipelineSynthesizer {

    private PipelineSynthesizer() {
    }

    public static CreatePipelineRequest request(DeploymentModel model, PipelineValues values) {
        return CreatePipelineRequest.builder()
                .pipeline(declaration(model, values))
                .tags(Tag.builder().key("project").value(model.stackName()).build())
                .build();
    }

    public static PipelineDeclaration declaration(DeploymentModel model, PipelineValues values) {
        var stages = model.pipeline().stages();
        boolean codeDeploy = model.delivery().mode() == LambdaDeployMode.CODE_DEPLOY;
        return PipelineDeclaration.builder()
                .name(model.pipeline().name())
                .roleArn(values.pipelineRoleArn())
                .artifactStore(ArtifactStore.builder().type(ArtifactStoreType.S3).location(values.artifactBucket()).build())
                .pipelineType(PipelineType.V2)
                .executionMode(ExecutionMode.SUPERSEDED)
                .stages(
                        StageDeclaration.builder().name(stages.source()).actions(source(model, values)).build(),
                        StageDeclaration.builder().name(stages.build()).actions(build(model, codeDeploy)).build(),
                        StageDeclaration.builder().name(stages.preProd()).actions(
                                deployApi(values, false),
                                deployLambda(model, false, codeDeploy)).build(),
                        StageDeclaration.builder().name(stages.integrationTests()).actions(integration(model, codeDeploy)).build(),
                        StageDeclaration.builder().name(stages.prod()).actions(
                                deployApi(values, true),
                                deployLambda(model, true, codeDeploy)).build())
                .triggers(PipelineTriggerDeclaration.builder()
                        .providerType(PipelineTriggerProviderType.CODE_STAR_SOURCE_CONNECTION)
                        .gitConfiguration(GitConfiguration.builder()
                                .sourceActionName(SOURCE_ACTION)
                                .push(GitPushFilter.builder()
                                        .branches(GitBranchFilterCriteria.builder().includes(values.branch()).build())
                                        .filePaths(GitFilePathFilterCriteria.builder()
                                                .excludes(model.source().excludedFilePaths()).build())
                                        .build())
                                .build())
                        .build())
                .build();
    }

    private static ActionDeclaration source(DeploymentModel model, PipelineValues values) {
        return action(SOURCE_ACTION, ActionCategory.SOURCE, "CodeStarSourceConnection", 1)
                .configuration(config(
                        "ConnectionArn", values.connectionArn(),
                        "FullRepositoryId", values.fullRepositoryId(),
                        "BranchName", values.branch(),
                        "OutputArtifactFormat", "CODE_ZIP"))
                .outputArtifacts(out(SOURCE_ARTIFACT))
                .namespace(SOURCE_NAMESPACE)
                .build();
    }

    private static ActionDeclaration build(DeploymentModel model, boolean codeDeploy) {
        List<OutputArtifact> outputs = new ArrayList<>(List.of(out(BUILD_ARTIFACT)));
        if (codeDeploy) {
            outputs.add(out(BETA_APPSPEC_ARTIFACT));
        }
        return action(BUILD_ACTION, ActionCategory.BUILD, "CodeBuild", 1)
                .configuration(config(
                        "ProjectName", model.builds().build().name(),
                        "EnvironmentVariables", environment(COMMIT_ID, "#{" + SOURCE_NAMESPACE + ".CommitId}")))
                .inputArtifacts(in(SOURCE_ARTIFACT))
                .outputArtifacts(outputs)
                .namespace(BUILD_NAMESPACE)
                .build();
    }

    private static ActionDeclaration deployApi(PipelineValues values, boolean prod) {
        ObjectNode overrides = CanonicalJson.MAPPER.createObjectNode();
        overrides.put(PARAM_BASE_IMAGE, "#{" + BUILD_NAMESPACE + "." + BASE_IMAGE_EXPORT + "}");
        overrides.put(PARAM_IMAGE_URI, "#{" + BUILD_NAMESPACE + "." + IMAGE_URI + "}");
        // PreProd keeps prod on the deployment it serves; Prod releases the pin.
        overrides.put(PARAM_PROD_API_DEPLOYMENT, prod ? "" : "#{" + BUILD_NAMESPACE + "." + PROD_API_DEPLOYMENT_ID + "}");
        return action(DEPLOY_API_ACTION, ActionCategory.DEPLOY, "CloudFormation", 1)
                .configuration(config(
                        "ActionMode", "CREATE_UPDATE",
                        "StackName", values.stackName(),
                        "TemplatePath", BUILD_ARTIFACT + "::" + TEMPLATE_FILE,
                        "Capabilities", "CAPABILITY_NAMED_IAM",
                        "RoleArn", values.cloudFormationRoleArn(),
                        "ParameterOverrides", CanonicalJson.compact(overrides)))
                .inputArtifacts(in(BUILD_ARTIFACT))
                .build();
    }

    private static ActionDeclaration deployLambda(DeploymentModel model, boolean prod, boolean codeDeploy) {
        var delivery = model.delivery();
        if (codeDeploy) {
            return action(DEPLOY_LAMBDA_ACTION, ActionCategory.DEPLOY, "CodeDeploy", 2)
                    .configuration(config(
                            "ApplicationName", delivery.applicationName(),
                            "DeploymentGroupName", prod ? delivery.prodDeploymentGroup() : delivery.betaDeploymentGroup()))
                    .inputArtifacts(in(prod ? PROD_APPSPEC_ARTIFACT : BETA_APPSPEC_ARTIFACT))
                    .build();
        }
        Map<String, String> config = new TreeMap<>(Map.of(
                "FunctionName", model.function().name(),
                "FunctionAlias", prod ? model.function().prodAlias() : model.function().betaAlias(),
                "PublishedTargetVersion", "#{" + BUILD_NAMESPACE + "." + TARGET_VERSION + "}",
                "DeployStrategy", prod ? delivery.canary().lambdaActionStrategy() : "AllAtOnce"));
        if (prod) {
            config.put("Alarms", model.alarm().name());
        }
        return action(DEPLOY_LAMBDA_ACTION, ActionCategory.DEPLOY, "Lambda", 2)
                .configuration(config)
                .build();
    }

    private static ActionDeclaration integration(DeploymentModel model, boolean codeDeploy) {
        var builder = action(INTEGRATION_ACTION, ActionCategory.TEST, "CodeBuild", 1)
                .configuration(config(
                        "ProjectName", model.builds().integration().name(),
                        "EnvironmentVariables", environment(TARGET_VERSION, "#{" + BUILD_NAMESPACE + "." + TARGET_VERSION + "}")))
                .inputArtifacts(in(BUILD_ARTIFACT))
                .namespace(INTEGRATION_NAMESPACE);
        if (codeDeploy) {
            builder.outputArtifacts(out(PROD_APPSPEC_ARTIFACT));
        }
        return builder.build();
    }

    private static ActionDeclaration.Builder action(String name, ActionCategory category, String provider, int runOrder) {
        return ActionDeclaration.builder()
                .name(name)
                .actionTypeId(ActionTypeId.builder().category(category).owner(ActionOwner.AWS)
                        .provider(provider).version("1").build())
                .runOrder(runOrder);
    }

    /** Configuration in key order, so the JSON does not depend on insertion order. */
    private static Map<String, String> config(String... keysAndValues) {
        Map<String, String> map = new TreeMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static String environment(String name, String value) {
        ArrayNode list = CanonicalJson.MAPPER.createArrayNode();
        list.addObject().put("name", name).put("value", value).put("type", "PLAINTEXT");
        return CanonicalJson.compact(list);
    }

    private static InputArtifact in(String name) {
        return InputArtifact.builder().name(name).build();
    }

    private static OutputArtifact out(String name) {
        return OutputArtifact.builder().name(name).build();
    }
}
