package dev.stepsolver.emulator.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepsolver.emulator.Clients;
import dev.stepsolver.emulator.LocalEmulator;
import dev.stepsolver.emulator.codepipeline.CodePipelineModule;
import dev.stepsolver.emulator.codepipeline.CodePipelineSettings;
import dev.stepsolver.emulator.time.ManualClock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.codeconnections.CodeConnectionsClient;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.PipelineNotFoundException;

/**
 * The delivery resources (API Gateway, CodeDeploy, CodeConnections, CodePipeline) created, updated in
 * place and deleted by a stack, checked through each service's own client.
 */
class DeliveryResourcesStackTest {

    /** {@code Rate} and {@code Alias} change between create and update. */
    private static final String TEMPLATE = """
            {
              "Parameters": {"Rate": {"Type": "Number"}, "Alias": {"Type": "String"}},
              "Resources": {
                "Api": {"Type": "AWS::ApiGateway::RestApi", "Properties": {"Name": "demo",
                  "EndpointConfiguration": {"Types": ["REGIONAL"]}}},
                "Post": {"Type": "AWS::ApiGateway::Method", "Properties": {"RestApiId": {"Ref": "Api"},
                  "ResourceId": {"Fn::GetAtt": ["Api", "RootResourceId"]}, "HttpMethod": "POST",
                  "AuthorizationType": "NONE", "ApiKeyRequired": true,
                  "Integration": {"Type": "AWS_PROXY", "IntegrationHttpMethod": "POST",
                    "Uri": "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:demo/invocations"}}},
                "Deployment": {"Type": "AWS::ApiGateway::Deployment", "DependsOn": ["Post"],
                  "Properties": {"RestApiId": {"Ref": "Api"}, "Description": {"Fn::Sub": "v1 for ${Alias}"}}},
                "Stage": {"Type": "AWS::ApiGateway::Stage", "Properties": {"RestApiId": {"Ref": "Api"},
                  "StageName": "live", "DeploymentId": {"Ref": "Deployment"},
                  "Variables": {"lambdaAlias": {"Ref": "Alias"}}}},
                "Key": {"Type": "AWS::ApiGateway::ApiKey", "Properties": {"Name": "clients", "Enabled": true}},
                "Plan": {"Type": "AWS::ApiGateway::UsagePlan", "Properties": {"UsagePlanName": "plan",
                  "ApiStages": [{"ApiId": {"Ref": "Api"}, "Stage": {"Ref": "Stage"}}],
                  "Throttle": {"RateLimit": {"Ref": "Rate"}, "BurstLimit": 20}}},
                "PlanKey": {"Type": "AWS::ApiGateway::UsagePlanKey", "Properties": {"KeyId": {"Ref": "Key"},
                  "KeyType": "API_KEY", "UsagePlanId": {"Ref": "Plan"}}},
                "Application": {"Type": "AWS::CodeDeploy::Application",
                  "Properties": {"ApplicationName": "demo", "ComputePlatform": "Lambda"}},
                "Linear": {"Type": "AWS::CodeDeploy::DeploymentConfig", "Properties": {"ComputePlatform": "Lambda",
                  "TrafficRoutingConfig": {"Type": "TimeBasedLinear",
                    "TimeBasedLinear": {"LinearPercentage": 20, "LinearInterval": 2}}}},
                "Group": {"Type": "AWS::CodeDeploy::DeploymentGroup", "Properties": {
                  "ApplicationName": {"Ref": "Application"}, "DeploymentGroupName": "demo-live",
                  "DeploymentConfigName": {"Fn::If": ["Slow", {"Ref": "Linear"},
                    "CodeDeployDefault.LambdaAllAtOnce"]},
                  "ServiceRoleArn": "arn:aws:iam::000000000000:role/codedeploy",
                  "AutoRollbackConfiguration": {"Enabled": true, "Events": ["DEPLOYMENT_FAILURE"]}}},
                "Connection": {"Type": "AWS::CodeConnections::Connection",
                  "Properties": {"ConnectionName": "demo-github", "ProviderType": "GitHub"}},
                "Pipeline": {"Type": "AWS::CodePipeline::Pipeline", "Properties": {"Name": "demo",
                  "RoleArn": "arn:aws:iam::000000000000:role/pipeline", "PipelineType": "V2",
                  "ArtifactStore": {"Type": "S3", "Location": "demo-artifacts"},
                  "Tags": [{"Key": "alias", "Value": {"Ref": "Alias"}}],
                  "Stages": [
                    {"Name": "Source", "Actions": [{"Name": "Source", "ActionTypeId": {"Category": "Source",
                      "Owner": "AWS", "Provider": "CodeStarSourceConnection", "Version": "1"},
                      "Configuration": {"ConnectionArn": {"Ref": "Connection"}, "FullRepositoryId": "demo/demo",
                        "BranchName": "main"}, "OutputArtifacts": [{"Name": "Src"}]}]},
                    {"Name": "Approve", "Actions": [{"Name": {"Fn::Sub": "Approve-${Alias}"},
                      "ActionTypeId": {"Category": "Approval", "Owner": "AWS", "Provider": "Manual",
                        "Version": "1"}}]}]}}
              },
              "Conditions": {"Slow": {"Fn::Equals": [{"Ref": "Alias"}, "prod"]}},
              "Outputs": {"ApiId": {"Value": {"Ref": "Api"}}, "KeyId": {"Value": {"Ref": "Key"}},
                "PlanId": {"Value": {"Ref": "Plan"}}, "Deployment": {"Value": {"Ref": "Deployment"}},
                "ConnectionArn": {"Value": {"Fn::GetAtt": ["Connection", "ConnectionArn"]}},
                "PipelineVersion": {"Value": {"Fn::GetAtt": ["Pipeline", "Version"]}},
                "LinearName": {"Value": {"Ref": "Linear"}}}
            }
            """;

    private LocalEmulator emulator;
    private CloudFormationClient cloudFormation;

    @BeforeEach
    void start() {
        emulator = LocalEmulator.builder().port(0).clock(new ManualClock(Instant.parse("2025-01-01T00:00:00Z")))
                .replaceModule(new CodePipelineModule(CodePipelineSettings.defaults().withStartOnCreate(false)))
                .build().start();
        cloudFormation = Clients.cloudFormation(emulator.endpoint());
    }

    @AfterEach
    void stop() {
        cloudFormation.close();
        emulator.close();
    }

    private Stack deploy(boolean update, String rate, String alias) {
        List<Parameter> parameters = List.of(Parameter.builder().parameterKey("Rate").parameterValue(rate).build(),
                Parameter.builder().parameterKey("Alias").parameterValue(alias).build());
        if (update) {
            cloudFormation.updateStack(r -> r.stackName("delivery").templateBody(TEMPLATE).parameters(parameters));
        } else {
            cloudFormation.createStack(r -> r.stackName("delivery").templateBody(TEMPLATE).parameters(parameters));
        }
        return StackFixtures.settled(cloudFormation, "delivery");
    }

    private static String output(Stack stack, String key) {
        return stack.outputs().stream().filter(o -> o.outputKey().equals(key)).findFirst().orElseThrow()
                .outputValue();
    }

    @Test
    void createsUpdatesInPlaceAndDeletesEveryDeliveryResource() {
        Stack created = deploy(false, "10", "beta");
        assertThat(created.stackStatus()).isEqualTo(StackStatus.CREATE_COMPLETE);
        String apiId = output(created, "ApiId");
        String planId = output(created, "PlanId");

        try (ApiGatewayClient apiGateway = Clients.apiGateway(emulator.endpoint());
                CodeDeployClient codeDeploy = Clients.codeDeploy(emulator.endpoint());
                CodePipelineClient codePipeline = Clients.codePipeline(emulator.endpoint());
                CodeConnectionsClient connections = Clients.codeConnections(emulator.endpoint())) {
            assertThat(apiGateway.getStage(r -> r.restApiId(apiId).stageName("live")).variables())
                    .containsEntry("lambdaAlias", "beta");
            assertThat(apiGateway.getUsagePlan(r -> r.usagePlanId(planId)).throttle().rateLimit()).isEqualTo(10.0);
            assertThat(apiGateway.getUsagePlanKeys(r -> r.usagePlanId(planId)).items()).extracting(k -> k.id())
                    .containsExactly(output(created, "KeyId"));
            assertThat(codeDeploy.getDeploymentGroup(r -> r.applicationName("demo").deploymentGroupName("demo-live"))
                    .deploymentGroupInfo().deploymentConfigName()).isEqualTo("CodeDeployDefault.LambdaAllAtOnce");
            assertThat(codeDeploy.getDeploymentConfig(r -> r.deploymentConfigName(output(created, "LinearName")))
                    .deploymentConfigInfo().trafficRoutingConfig().timeBasedLinear().linearPercentage()).isEqualTo(20);
            assertThat(codePipeline.getPipeline(r -> r.name("demo")).pipeline().stages().get(1).actions().getFirst()
                    .name()).isEqualTo("Approve-beta");
            assertThat(output(created, "PipelineVersion")).isEqualTo("1");
            assertThat(connections.getConnection(r -> r.connectionArn(output(created, "ConnectionArn"))).connection()
                    .connectionName()).isEqualTo("demo-github");

            Stack updated = deploy(true, "25", "prod");

            assertThat(updated.stackStatus()).isEqualTo(StackStatus.UPDATE_COMPLETE);
            assertThat(output(updated, "ApiId")).isEqualTo(apiId);
            assertThat(output(updated, "PlanId")).isEqualTo(planId);
            assertThat(output(updated, "Deployment")).isEqualTo(output(created, "Deployment"));
            assertThat(apiGateway.getDeployment(r -> r.restApiId(apiId).deploymentId(output(created, "Deployment")))
                    .description()).isEqualTo("v1 for prod");
            assertThat(apiGateway.updateDeployment(r -> r.restApiId(apiId).deploymentId(output(created, "Deployment"))
                    .patchOperations(p -> p.op("replace").path("/description").value("by hand"))).description())
                    .isEqualTo("by hand");
            assertThat(apiGateway.getStage(r -> r.restApiId(apiId).stageName("live")).variables())
                    .containsEntry("lambdaAlias", "prod");
            assertThat(apiGateway.getUsagePlan(r -> r.usagePlanId(planId)).throttle().rateLimit()).isEqualTo(25.0);
            assertThat(codeDeploy.getDeploymentGroup(r -> r.applicationName("demo").deploymentGroupName("demo-live"))
                    .deploymentGroupInfo().deploymentConfigName()).isEqualTo(output(created, "LinearName"));
            var pipeline = codePipeline.getPipeline(r -> r.name("demo"));
            assertThat(pipeline.pipeline().stages().get(1).actions().getFirst().name()).isEqualTo("Approve-prod");
            assertThat(pipeline.pipeline().version()).isEqualTo(2);
            assertThat(output(updated, "PipelineVersion")).isEqualTo("2");
            assertThat(codePipeline.listTagsForResource(r -> r.resourceArn(pipeline.metadata().pipelineArn())).tags())
                    .singleElement().satisfies(tag -> assertThat(tag.value()).isEqualTo("prod"));

            cloudFormation.deleteStack(r -> r.stackName("delivery"));
            assertThat(StackFixtures.settled(cloudFormation, created.stackId()).stackStatus())
                    .isEqualTo(StackStatus.DELETE_COMPLETE);

            assertThatThrownBy(() -> apiGateway.getRestApi(r -> r.restApiId(apiId)))
                    .isInstanceOf(NotFoundException.class);
            assertThat(apiGateway.getApiKeys(r -> { }).items()).isEmpty();
            assertThat(apiGateway.getUsagePlans(r -> { }).items()).isEmpty();
            assertThat(codeDeploy.listApplications().applications()).isEmpty();
            assertThat(codeDeploy.listDeploymentConfigs().deploymentConfigsList())
                    .doesNotContain(output(created, "LinearName"));
            assertThatThrownBy(() -> codePipeline.getPipeline(r -> r.name("demo")))
                    .isInstanceOf(PipelineNotFoundException.class);
            assertThat(connections.listConnections(r -> { }).connections()).isEmpty();
        }
    }
}
