package dev.stepsolver.emulator.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepsolver.emulator.Clients;
import dev.stepsolver.emulator.LocalEmulator;
import dev.stepsolver.emulator.lambda.HandlerImage;
import dev.stepsolver.emulator.time.ManualClock;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;
import software.amazon.awssdk.services.codebuild.model.EnvironmentVariable;
import software.amazon.awssdk.services.codeconnections.CodeConnectionsClient;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The bootstrap of the project's template as {@code pipeline-definition bootstrap} runs it: deploy
 * with {@code ImageUri=""} (the repository only), push an image to it, update with the image. Every
 * resource is made by its service's real provider.
 */
class ProjectTemplateBootstrapTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalEmulator emulator;
    private static CloudFormationClient cloudFormation;
    private static String template;
    private static Stack bootstrapped;
    private static String imageUri;

    @TempDir
    static Path scratch;

    @BeforeAll
    static void bootstrap() throws Exception {
        emulator = LocalEmulator.builder().port(0).clock(new ManualClock(Instant.parse("2025-01-01T00:00:00Z")))
                .build().start();
        cloudFormation = Clients.cloudFormation(emulator.endpoint());
        try (InputStream in = ProjectTemplateBootstrapTest.class.getResourceAsStream(
                "/cloudformation/stepsolver-template.json")) {
            template = JSON.writeValueAsString(JSON.readTree(in));
        }
        deploy("", false);
        try (EcrClient ecr = Clients.ecr(emulator.endpoint())) {
            imageUri = HandlerImage.push(ecr, "stepsolver-solver", "bootstrap", Map.of(), List.of(), scratch).uri();
        }
        bootstrapped = deploy(imageUri, true);
    }

    @AfterAll
    static void stop() {
        cloudFormation.close();
        emulator.close();
    }

    private static Stack deploy(String image, boolean update) {
        Parameter imageParameter = Parameter.builder().parameterKey("ImageUri").parameterValue(image).build();
        if (update) {
            cloudFormation.updateStack(r -> r.stackName("stepsolver").templateBody(template)
                    .parameters(imageParameter).capabilities(Capability.CAPABILITY_NAMED_IAM));
        } else {
            cloudFormation.createStack(r -> r.stackName("stepsolver").templateBody(template)
                    .parameters(imageParameter).capabilities(Capability.CAPABILITY_NAMED_IAM));
        }
        return StackFixtures.settled(cloudFormation, "stepsolver");
    }

    private static Map<String, String> outputs() {
        return bootstrapped.outputs().stream().collect(Collectors.toMap(Output::outputKey, Output::outputValue));
    }

    @Test
    void theUpdateWithAnImageDeploysEveryResource() {
        assertThat(bootstrapped.stackStatus()).isEqualTo(StackStatus.UPDATE_COMPLETE);
        assertThat(cloudFormation.describeStackResources(r -> r.stackName("stepsolver")).stackResources())
                .hasSize(36).allSatisfy(r -> assertThat(r.resourceStatusAsString()).isIn("CREATE_COMPLETE",
                        "UPDATE_COMPLETE"));
        assertThat(outputs()).containsEntry("FunctionName", "stepsolver-solver")
                .containsEntry("ArtifactBucketName", "stepsolver-artifacts-000000000000-us-east-1")
                .containsEntry("ApiKeyParameterName", "/stepsolver/api-key")
                .containsKeys("RestApiId", "BetaUrl", "ProdUrl", "ConnectionArn", "PipelineName", "ApiDeploymentId");
    }

    @Test
    void theFunctionRunsTheImageWithItsFirstVersionBehindBothAliases() {
        try (LambdaClient lambda = Clients.lambda(emulator.endpoint())) {
            var function = lambda.getFunction(r -> r.functionName("stepsolver-solver"));
            assertThat(function.code().imageUri()).isEqualTo(imageUri);
            assertThat(function.configuration().memorySize()).isEqualTo(1024);
            assertThat(function.configuration().role()).isEqualTo("arn:aws:iam::000000000000:role/stepsolver-function");
            assertThat(lambda.getAlias(r -> r.functionName("stepsolver-solver").name("beta")).functionVersion())
                    .isEqualTo("1");
            assertThat(lambda.getAlias(r -> r.functionName("stepsolver-solver").name("prod")).functionVersion())
                    .isEqualTo("1");
            assertThat(lambda.getPolicy(r -> r.functionName("stepsolver-solver").qualifier("prod")).policy())
                    .contains("apigateway.amazonaws.com").contains(":" + outputs().get("RestApiId") + "/prod/*");
        }
    }

    @Test
    void theBuildProjectsGetTheirRolesAndTheValuesOfOtherResources() {
        try (CodeBuildClient codeBuild = Clients.codeBuild(emulator.endpoint());
                EcrClient ecr = Clients.ecr(emulator.endpoint())) {
            var project = codeBuild.batchGetProjects(r -> r.names("stepsolver-build")).projects().getFirst();
            Map<String, String> variables = project.environment().environmentVariables().stream()
                    .collect(Collectors.toMap(EnvironmentVariable::name, EnvironmentVariable::value));
            assertThat(project.serviceRole()).isEqualTo("arn:aws:iam::000000000000:role/stepsolver-build");
            assertThat(project.source().buildspec()).isEqualTo("buildspec.yml");
            assertThat(variables).containsEntry("FUNCTION_NAME", "stepsolver-solver")
                    .containsEntry("REST_API_ID", outputs().get("RestApiId"))
                    .containsEntry("IMAGE_REPOSITORY_URI", ecr.describeRepositories(r -> r.repositoryNames(
                            "stepsolver-solver")).repositories().getFirst().repositoryUri());
            assertThat(codeBuild.listReportGroups(r -> { }).reportGroups()).hasSize(3);
        }
    }

    @Test
    void theRolesTheBucketAndTheAlarmExist() {
        try (IamClient iam = Clients.iam(emulator.endpoint()); S3Client s3 = Clients.s3(emulator.endpoint());
                CloudWatchClient cloudWatch = Clients.cloudWatch(emulator.endpoint())) {
            assertThat(iam.listRoles().roles()).extracting(r -> r.roleName()).contains("stepsolver-function",
                    "stepsolver-build", "stepsolver-integration-tests", "stepsolver-codedeploy",
                    "stepsolver-cloudformation", "stepsolver-pipeline");
            s3.headBucket(r -> r.bucket("stepsolver-artifacts-000000000000-us-east-1"));
            var alarm = cloudWatch.describeAlarms(r -> r.alarmNames("stepsolver-prod-error-rate")).metricAlarms()
                    .getFirst();
            assertThat(alarm.metrics()).extracting(m -> m.id()).containsExactly("errors", "invocations", "errorRate");
        }
    }

    @Test
    void theApiServesBothStagesFromTheTemplatesDeploymentBehindTheKey() {
        String apiId = outputs().get("RestApiId");
        try (ApiGatewayClient apiGateway = Clients.apiGateway(emulator.endpoint())) {
            var api = apiGateway.getRestApi(r -> r.restApiId(apiId));
            assertThat(api.name()).isEqualTo("stepsolver-api");
            assertThat(api.endpointConfiguration().typesAsStrings()).containsExactly("REGIONAL");
            var root = apiGateway.getResources(r -> r.restApiId(apiId)).items().getFirst();
            assertThat(root.path()).isEqualTo("/");
            assertThat(root.resourceMethods()).containsOnlyKeys("GET", "POST", "OPTIONS");
            var post = apiGateway.getMethod(r -> r.restApiId(apiId).resourceId(root.id()).httpMethod("POST"));
            assertThat(post.apiKeyRequired()).isTrue();
            assertThat(post.methodIntegration().uri())
                    .endsWith(":function:stepsolver-solver:${stageVariables.lambdaAlias}/invocations");
            for (String stage : List.of("beta", "prod")) {
                var described = apiGateway.getStage(r -> r.restApiId(apiId).stageName(stage));
                assertThat(described.deploymentId()).isEqualTo(outputs().get("ApiDeploymentId"));
                assertThat(described.variables()).containsEntry("lambdaAlias", stage);
            }
            var plan = apiGateway.getUsagePlans(r -> { }).items().getFirst();
            assertThat(plan.name()).isEqualTo("stepsolver-usage-plan");
            assertThat(plan.apiStages()).extracting(s -> s.apiId() + "/" + s.stage())
                    .containsExactlyInAnyOrder(apiId + "/beta", apiId + "/prod");
            assertThat(plan.throttle().burstLimit()).isEqualTo(100);
            assertThat(apiGateway.getUsagePlanKeys(r -> r.usagePlanId(plan.id())).items())
                    .extracting(k -> k.id()).containsExactly(outputs().get("ApiKeyId"));
            assertThat(apiGateway.getApiKey(r -> r.apiKey(outputs().get("ApiKeyId"))).enabled()).isTrue();
        }
    }

    @Test
    void theDeploymentGroupsThePipelineAndTheConnectionAreReal() {
        try (CodeDeployClient codeDeploy = Clients.codeDeploy(emulator.endpoint());
                CodePipelineClient codePipeline = Clients.codePipeline(emulator.endpoint());
                CodeConnectionsClient connections = Clients.codeConnections(emulator.endpoint())) {
            var prod = codeDeploy.getDeploymentGroup(r -> r.applicationName("stepsolver")
                    .deploymentGroupName("stepsolver-prod")).deploymentGroupInfo();
            assertThat(prod.deploymentConfigName()).isEqualTo("stepsolver-canary-25-percent-10-minutes");
            assertThat(prod.alarmConfiguration().alarms()).extracting(a -> a.name())
                    .containsExactly("stepsolver-prod-error-rate");
            assertThat(prod.autoRollbackConfiguration().eventsAsStrings()).contains("DEPLOYMENT_STOP_ON_ALARM");
            assertThat(prod.serviceRoleArn()).isEqualTo("arn:aws:iam::000000000000:role/stepsolver-codedeploy");
            var canary = codeDeploy.getDeploymentConfig(r -> r.deploymentConfigName(
                    "stepsolver-canary-25-percent-10-minutes")).deploymentConfigInfo().trafficRoutingConfig();
            assertThat(canary.timeBasedCanary().canaryPercentage()).isEqualTo(25);
            assertThat(canary.timeBasedCanary().canaryInterval()).isEqualTo(10);

            var pipeline = codePipeline.getPipeline(r -> r.name(outputs().get("PipelineName"))).pipeline();
            assertThat(pipeline.stages()).extracting(s -> s.name())
                    .containsExactly("Source", "Build", "PreProd", "IntegrationTests", "Prod");
            assertThat(pipeline.artifactStore().location()).isEqualTo("stepsolver-artifacts-000000000000-us-east-1");
            assertThat(pipeline.roleArn()).isEqualTo("arn:aws:iam::000000000000:role/stepsolver-pipeline");
            assertThat(pipeline.executionModeAsString()).isEqualTo("SUPERSEDED");
            assertThat(pipeline.stages().getFirst().actions().getFirst().configuration())
                    .containsEntry("ConnectionArn", outputs().get("ConnectionArn"));
            assertThat(connections.getConnection(r -> r.connectionArn(outputs().get("ConnectionArn"))).connection()
                    .connectionStatusAsString()).isEqualTo("AVAILABLE");
        }
    }

    @Test
    void aRedeployKeepingEveryValueHasNothingToDo() {
        assertThatThrownBy(() -> cloudFormation.updateStack(r -> r.stackName("stepsolver").templateBody(template)
                .capabilities(Capability.CAPABILITY_NAMED_IAM)
                .parameters(List.of("BaseImage", "BranchName", "FullRepositoryId", "ImageUri", "ProdApiDeploymentId")
                        .stream().map(key -> Parameter.builder().parameterKey(key).usePreviousValue(true).build())
                        .toList())))
                .isInstanceOfSatisfying(CloudFormationException.class, e -> assertThat(e.awsErrorDetails()
                        .errorMessage()).isEqualTo("No updates are to be performed."));
    }
}
