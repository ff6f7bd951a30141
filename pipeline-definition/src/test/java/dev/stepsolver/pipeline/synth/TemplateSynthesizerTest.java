package dev.stepsolver.pipeline.synth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepsolver.pipeline.model.ApiSpec;
import dev.stepsolver.pipeline.model.DeploymentModel;
import dev.stepsolver.pipeline.model.LambdaDeployMode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateSynthesizerTest {

    private final DeploymentModel model = DeploymentModel.defaults();
    private final JsonNode template = TemplateSynthesizer.template(model);

    private JsonNode resource(String id) {
        return template.path("Resources").path(id);
    }

    @Test
    void everyResourceButTheImageRepositoryWaitsForAnImage() {
        List<String> unconditional = new ArrayList<>();
        template.path("Resources").properties().forEach(e -> {
            if (!e.getValue().path("Condition").asText().equals(PipelineNames.CONDITION_HAS_IMAGE)) {
                unconditional.add(e.getKey());
            }
        });

        assertThat(unconditional).containsExactly(TemplateSynthesizer.IMAGE_REPOSITORY);
    }

    @Test
    void theFunctionRunsTheImageParameter() {
        JsonNode code = resource(TemplateSynthesizer.FUNCTION).path("Properties").path("Code");

        assertThat(code.path("ImageUri").path("Ref").asText()).isEqualTo(PipelineNames.PARAM_IMAGE_URI);
        assertThat(resource(TemplateSynthesizer.FUNCTION).path("Properties").path("PackageType").asText()).isEqualTo("Image");
    }

    @Test
    void eachStageVariableNamesTheAliasOfTheSameName() {
        assertThat(resource(TemplateSynthesizer.BETA_STAGE_ID).path("Properties").path("Variables").path("lambdaAlias").asText())
                .isEqualTo("beta");
        assertThat(resource(TemplateSynthesizer.PROD_STAGE_ID).path("Properties").path("Variables").path("lambdaAlias").asText())
                .isEqualTo("prod");
    }

    @Test
    void methodsInvokeTheAliasTheStageVariableNames() {
        JsonNode uri = resource("RootPostMethod").path("Properties").path("Integration").path("Uri").path("Fn::Join").path(1);

        assertThat(uri.get(uri.size() - 1).asText()).isEqualTo(":${stageVariables.lambdaAlias}/invocations");
    }

    @Test
    void theApiKeyHasNoValueInTheTemplate() {
        assertThat(resource(TemplateSynthesizer.API_KEY).path("Properties").has("Value")).isFalse();
    }

    @Test
    void theProdStageKeepsAPinnedDeploymentUntilTheProdStageReleasesIt() {
        JsonNode deployment = resource(TemplateSynthesizer.PROD_STAGE_ID).path("Properties").path("DeploymentId").path("Fn::If");

        assertThat(deployment.get(0).asText()).isEqualTo(PipelineNames.CONDITION_PROD_PINNED);
        assertThat(deployment.get(1).path("Ref").asText()).isEqualTo(PipelineNames.PARAM_PROD_API_DEPLOYMENT);
        assertThat(deployment.get(2).path("Ref").asText()).isEqualTo(TemplateSynthesizer.apiDeploymentId(model));
    }

    @Test
    void apiDeploymentsAreRetainedSoProdCanServeAnOlderOne() {
        assertThat(resource(TemplateSynthesizer.apiDeploymentId(model)).path("DeletionPolicy").asText()).isEqualTo("Retain");
    }

    @Test
    void aChangedApiDefinitionGetsANewDeploymentResource() {
        ApiSpec api = model.api();
        DeploymentModel renamed = model.withApi(new ApiSpec("another-api", api.betaStage(), api.prodStage(),
                api.aliasStageVariable(), api.apiKeyName(), api.apiKeyParameterName(), api.usagePlanName(),
                api.rateLimit(), api.burstLimit()));

        assertThat(TemplateSynthesizer.apiDeploymentId(renamed)).isNotEqualTo(TemplateSynthesizer.apiDeploymentId(model));
    }

    @Test
    void aChangeOutsideTheApiKeepsTheDeploymentResource() {
        DeploymentModel other = model.withAlarm(new dev.stepsolver.pipeline.model.AlarmSpec("other", 5, 60, 2));

        assertThat(TemplateSynthesizer.apiDeploymentId(other)).isEqualTo(TemplateSynthesizer.apiDeploymentId(model));
    }

    @Test
    void theAlarmWatchesTheProdAliasErrorRateInPercent() {
        JsonNode props = resource(TemplateSynthesizer.ALARM).path("Properties");

        assertThat(props.path("Metrics").get(2).path("Expression").asText()).isEqualTo("100 * errors / invocations");
        assertThat(props.path("Threshold").asDouble()).isEqualTo(1.0);
        assertThat(props.path("ComparisonOperator").asText()).isEqualTo("GreaterThanOrEqualToThreshold");
        assertThat(props.path("Metrics").get(0).path("MetricStat").path("Metric").path("Dimensions").get(1).path("Value").asText())
                .isEqualTo("stepsolver-solver:prod");
    }

    @Test
    void productionDeploysWithATwentyFivePercentTenMinuteCanaryAndAlarmRollback() {
        JsonNode canary = resource(TemplateSynthesizer.CANARY_CONFIG).path("Properties").path("TrafficRoutingConfig");
        JsonNode group = resource(TemplateSynthesizer.PROD_DEPLOYMENT_GROUP).path("Properties");

        assertThat(canary.path("TimeBasedCanary").path("CanaryPercentage").asInt()).isEqualTo(25);
        assertThat(canary.path("TimeBasedCanary").path("CanaryInterval").asInt()).isEqualTo(10);
        assertThat(group.path("AlarmConfiguration").path("Alarms").get(0).path("Name").path("Ref").asText())
                .isEqualTo(TemplateSynthesizer.ALARM);
        assertThat(group.path("AutoRollbackConfiguration").path("Events").toString())
                .contains("DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_ALARM", "DEPLOYMENT_STOP_ON_REQUEST");
    }

    @Test
    void preProductionDeploysAllAtOnce() {
        assertThat(resource(TemplateSynthesizer.BETA_DEPLOYMENT_GROUP).path("Properties").path("DeploymentConfigName").asText())
                .isEqualTo("CodeDeployDefault.LambdaAllAtOnce");
    }

    @Test
    void theNativeLambdaDeployModeNeedsNoCodeDeployResources() {
        DeploymentModel nativeMode = model.withDelivery(model.delivery().withMode(LambdaDeployMode.LAMBDA_ACTION));
        JsonNode t = TemplateSynthesizer.template(nativeMode);

        List<String> types = new ArrayList<>();
        t.path("Resources").forEach(r -> types.add(r.path("Type").asText()));
        assertThat(types).noneMatch(type -> type.startsWith("AWS::CodeDeploy::"));
    }

    @Test
    void reportGroupsAreNamedAsCodeBuildNamesThemFromTheBuildspec() {
        assertThat(resource("UnitTestsReportGroup").path("Properties").path("Name").asText()).isEqualTo("stepsolver-build-unit-tests");
        assertThat(resource("IntegrationTestsReportGroup").path("Properties").path("Name").asText())
                .isEqualTo("stepsolver-integration-tests-integration-tests");
    }

    @Test
    void theBuildProjectGetsTheBaseImageFromATemplateParameter() {
        JsonNode vars = resource(TemplateSynthesizer.BUILD_PROJECT).path("Properties").path("Environment").path("EnvironmentVariables");
        JsonNode base = null;
        for (JsonNode v : vars) {
            if (v.path("Name").asText().equals("BASE_IMAGE")) {
                base = v;
            }
        }

        assertThat(base).isNotNull();
        assertThat(base.path("Value").path("Ref").asText()).isEqualTo(PipelineNames.PARAM_BASE_IMAGE);
        assertThat(template.path("Parameters").path(PipelineNames.PARAM_BASE_IMAGE).path("Default").asText())
                .isEqualTo("public.ecr.aws/lambda/java:21");
    }

    @Test
    void thePipelineResourceUsesIntrinsicsForWhatTheStackCreates() {
        JsonNode pipeline = resource(TemplateSynthesizer.PIPELINE).path("Properties");

        assertThat(pipeline.path("RoleArn").path("Fn::GetAtt").get(0).asText()).isEqualTo(TemplateSynthesizer.PIPELINE_ROLE);
        assertThat(pipeline.path("ArtifactStore").path("Location").path("Ref").asText()).isEqualTo(TemplateSynthesizer.ARTIFACT_BUCKET);
        assertThat(pipeline.path("Stages").get(0).path("Actions").get(0).path("Configuration").path("ConnectionArn")
                .path("Fn::GetAtt").get(0).asText()).isEqualTo(TemplateSynthesizer.CONNECTION);
    }

    @Test
    void everyNameComesFromTheModel() {
        DeploymentModel renamed = DeploymentModel.withPrefix("acme");
        String text = TemplateSynthesizer.template(renamed).toString();

        assertThat(text).contains("acme-solver", "acme-build", "acme-artifacts-${AWS::AccountId}-${AWS::Region}")
                .doesNotContain("stepsolver-");
    }

    @Test
    void aModelWithoutThePipelineInTheTemplateLeavesItOut() {
        DeploymentModel outside = model.withPipeline(model.pipeline().withInTemplate(false));

        assertThat(TemplateSynthesizer.template(outside).path("Resources").has(TemplateSynthesizer.PIPELINE)).isFalse();
    }
}
