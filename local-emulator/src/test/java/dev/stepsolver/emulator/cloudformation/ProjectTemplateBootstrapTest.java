package dev.stepsolver.emulator.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.stepsolver.emulator.Clients;
import dev.stepsolver.emulator.EmulatorContext;
import dev.stepsolver.emulator.LocalEmulator;
import dev.stepsolver.emulator.lambda.HandlerImage;
import dev.stepsolver.emulator.time.ManualClock;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The bootstrap of the project's template as {@code pipeline-definition bootstrap} runs it: deploy
 * with {@code ImageUri=""} (the repository only), push an image to it, update with the image. Every
 * type this emulator provides is made by its real provider; the types whose services are not in
 * this emulator yet (API Gateway, CodeDeploy, CodeConnections, CodePipeline) are stood in for by
 * a test provider that records what it is given.
 */
class ProjectTemplateBootstrapTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> STOOD_IN = Set.of("AWS::ApiGateway::RestApi", "AWS::ApiGateway::Method",
            "AWS::ApiGateway::Deployment", "AWS::ApiGateway::Stage", "AWS::ApiGateway::ApiKey",
            "AWS::ApiGateway::UsagePlan", "AWS::ApiGateway::UsagePlanKey", "AWS::CodeDeploy::Application",
            "AWS::CodeDeploy::DeploymentConfig", "AWS::CodeDeploy::DeploymentGroup",
            "AWS::CodeConnections::Connection", "AWS::CodePipeline::Pipeline");
    /** What the stand-ins were given, by logical id. */
    private static final Map<String, JsonNode> GIVEN = new ConcurrentHashMap<>();

    private static LocalEmulator emulator;
    private static CloudFormationClient cloudFormation;
    private static String template;
    private static Stack bootstrapped;
    private static String imageUri;

    @TempDir
    static Path scratch;

    /** Makes up a physical id and the attributes the template reads; keeps the properties. */
    private record StandIn(String type) implements ResourceProvider {
        @Override
        public Set<String> attributeNames() {
            return Set.of("RootResourceId", "ConnectionArn");
        }

        @Override
        public Set<String> replacementProperties() {
            return Set.of();
        }

        @Override
        public String create(ResourceRequest request) {
            GIVEN.put(request.logicalId(), request.properties());
            return request.generatedName(64);
        }

        @Override
        public void update(ResourceRequest request, String physicalId, JsonNode oldProperties) {
            GIVEN.put(request.logicalId(), request.properties());
        }

        @Override
        public void delete(ResourceRequest request, String physicalId) {
        }

        @Override
        public Map<String, JsonNode> attributes(ResourceRequest request, String physicalId) {
            return Map.of("RootResourceId", TextNode.valueOf("root-" + physicalId),
                    "ConnectionArn", TextNode.valueOf(request.arnPrefix("codeconnections") + "connection/"
                            + physicalId));
        }
    }

    @BeforeAll
    static void bootstrap() throws Exception {
        List<Function<EmulatorContext, ResourceProvider>> standIns = STOOD_IN.stream()
                .<Function<EmulatorContext, ResourceProvider>>map(type -> context -> new StandIn(type)).toList();
        emulator = LocalEmulator.builder().port(0).clock(new ManualClock(Instant.parse("2025-01-01T00:00:00Z")))
                .replaceModule(new CloudFormationModule(standIns)).build().start();
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
    void theStandInsReceiveTheResolvedValuesOfTheRealResources() {
        JsonNode pipeline = GIVEN.get("Pipeline");
        assertThat(pipeline.path("ArtifactStore").path("Location").asText())
                .isEqualTo("stepsolver-artifacts-000000000000-us-east-1");
        assertThat(pipeline.path("RoleArn").asText()).isEqualTo("arn:aws:iam::000000000000:role/stepsolver-pipeline");
        assertThat(GIVEN.get("ProdStage").path("DeploymentId").asText()).isEqualTo(outputs().get("ApiDeploymentId"));
        assertThat(GIVEN.get("RootPostMethod").path("Integration").path("Uri").asText())
                .contains(":function:stepsolver-solver:${stageVariables.lambdaAlias}/invocations");
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
