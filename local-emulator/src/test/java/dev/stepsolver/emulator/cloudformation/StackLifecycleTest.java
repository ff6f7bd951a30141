package dev.stepsolver.emulator.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepsolver.emulator.Clients;
import dev.stepsolver.emulator.LocalEmulator;
import dev.stepsolver.emulator.time.ManualClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackResource;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;
import software.amazon.awssdk.services.codebuild.model.Project;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * A stack with a bucket, a role, a parameter, a repository, a build project, a report group and an
 * alarm, created, updated and deleted through the SDK, and checked through each service's own client.
 */
class StackLifecycleTest {

    private static LocalEmulator emulator;
    private static CloudFormationClient cloudFormation;
    private static S3Client s3;
    private static IamClient iam;
    private static SsmClient ssm;
    private static EcrClient ecr;
    private static CodeBuildClient codeBuild;
    private static CloudWatchClient cloudWatch;

    /** Every resource depends on another one, by Ref, Fn::GetAtt or Fn::Sub. */
    static final String TEMPLATE = """
            {
              "AWSTemplateFormatVersion": "2010-09-09",
              "Description": "lifecycle",
              "Resources": {
                "Bucket": {"Type": "AWS::S3::Bucket",
                  "Properties": {"BucketName": {"Fn::Sub": "${AWS::StackName}-artifacts"}}},
                "Role": {"Type": "AWS::IAM::Role",
                  "Properties": {"RoleName": {"Fn::Sub": "${AWS::StackName}-build"},
                    "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                      "Principal": {"Service": ["codebuild.amazonaws.com"]}, "Action": ["sts:AssumeRole"]}]},
                    "Policies": [{"PolicyName": "artifacts", "PolicyDocument": {"Version": "2012-10-17",
                      "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject"],
                        "Resource": [{"Fn::Sub": "${Bucket.Arn}/*"}]}]}}],
                    "ManagedPolicyArns": ["arn:aws:iam::aws:policy/AWSCodeBuildDeveloperAccess"]}},
                "ReportsPolicy": {"Type": "AWS::IAM::Policy",
                  "Properties": {"PolicyName": "reports", "Roles": [{"Ref": "Role"}],
                    "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                      "Action": ["codebuild:CreateReport"], "Resource": "*"}]}}},
                "BucketParameter": {"Type": "AWS::SSM::Parameter",
                  "Properties": {"Name": {"Fn::Sub": "/${AWS::StackName}/bucket"}, "Type": "String",
                    "Value": {"Ref": "Bucket"}}},
                "Repository": {"Type": "AWS::ECR::Repository",
                  "Properties": {"RepositoryName": {"Fn::Sub": "${AWS::StackName}-repo"}, "EmptyOnDelete": true}},
                "Project": {"Type": "AWS::CodeBuild::Project",
                  "Properties": {"Name": {"Fn::Sub": "${AWS::StackName}-build"},
                    "ServiceRole": {"Fn::GetAtt": ["Role", "Arn"]},
                    "Source": {"Type": "NO_SOURCE", "BuildSpec": "version: 0.2\\nphases:\\n  build:\\n    commands: [echo hi]\\n"},
                    "Artifacts": {"Type": "NO_ARTIFACTS"},
                    "Environment": {"Type": "LINUX_CONTAINER", "ComputeType": "BUILD_GENERAL1_SMALL",
                      "Image": "aws/codebuild/standard:7.0",
                      "EnvironmentVariables": [{"Name": "IMAGE_REPOSITORY_URI", "Type": "PLAINTEXT",
                        "Value": {"Fn::GetAtt": ["Repository", "RepositoryUri"]}}]},
                    "TimeoutInMinutes": 20}},
                "Reports": {"Type": "AWS::CodeBuild::ReportGroup",
                  "Properties": {"Name": {"Fn::Sub": "${Project}-unit-tests"}, "Type": "TEST",
                    "ExportConfig": {"ExportConfigType": "NO_EXPORT"}, "DeleteReports": true}},
                "Alarm": {"Type": "AWS::CloudWatch::Alarm", "DependsOn": "Project",
                  "Properties": {"AlarmName": {"Fn::Sub": "${AWS::StackName}-error-rate"},
                    "ComparisonOperator": "GreaterThanOrEqualToThreshold", "Threshold": 1.0,
                    "EvaluationPeriods": 1, "TreatMissingData": "notBreaching",
                    "Metrics": [
                      {"Id": "errors", "ReturnData": false, "MetricStat": {"Metric": {"Namespace": "AWS/Lambda",
                        "MetricName": "Errors", "Dimensions": [{"Name": "FunctionName", "Value": "f"}]},
                        "Period": 60, "Stat": "Sum"}},
                      {"Id": "invocations", "ReturnData": false, "MetricStat": {"Metric": {"Namespace": "AWS/Lambda",
                        "MetricName": "Invocations", "Dimensions": [{"Name": "FunctionName", "Value": "f"}]},
                        "Period": 60, "Stat": "Sum"}},
                      {"Id": "rate", "Expression": "100 * errors / invocations", "Label": "Error rate", "ReturnData": true}]}}
              },
              "Outputs": {
                "BucketName": {"Value": {"Ref": "Bucket"}, "Description": "where artifacts go"},
                "RoleArn": {"Value": {"Fn::GetAtt": ["Role", "Arn"]}},
                "RepositoryUri": {"Value": {"Fn::GetAtt": ["Repository", "RepositoryUri"]}},
                "Summary": {"Value": {"Fn::Join": [",", [{"Ref": "Project"}, {"Ref": "Alarm"}, {"Ref": "AWS::Region"}]]}}
              }
            }
            """;

    /**
     * The update: the parameter's value changes (in place), a parameter is added, the report group
     * removed, and the repository renamed (replaced), which changes the project's variable too.
     */
    static final String UPDATED = TEMPLATE
            .replace("\"Value\": {\"Ref\": \"Bucket\"}}},",
                    "\"Value\": {\"Fn::Sub\": \"${Bucket}-v2\"}}},\n"
                            + "\"Extra\": {\"Type\": \"AWS::SSM::Parameter\", \"Properties\": {\"Name\":"
                            + " {\"Fn::Sub\": \"/${AWS::StackName}/extra\"}, \"Type\": \"String\", \"Value\": \"added\"}},")
            .replace("${AWS::StackName}-repo\"", "${AWS::StackName}-images\"")
            .replaceAll("(?s)\"Reports\": \\{.*?\"DeleteReports\": true}},", "");

    @BeforeAll
    static void start() {
        emulator = LocalEmulator.builder().port(0).clock(new ManualClock(Instant.parse("2025-01-01T00:00:00Z")))
                .build().start();
        cloudFormation = Clients.cloudFormation(emulator.endpoint());
        s3 = Clients.s3(emulator.endpoint());
        iam = Clients.iam(emulator.endpoint());
        ssm = Clients.ssm(emulator.endpoint());
        ecr = Clients.ecr(emulator.endpoint());
        codeBuild = Clients.codeBuild(emulator.endpoint());
        cloudWatch = Clients.cloudWatch(emulator.endpoint());
    }

    @AfterAll
    static void stop() {
        List.<SdkAutoCloseable>of(cloudFormation, s3, iam, ssm, ecr, codeBuild, cloudWatch).forEach(SdkAutoCloseable::close);
        emulator.close();
    }

    private static Stack create(String name, String template) {
        cloudFormation.createStack(r -> r.stackName(name).templateBody(template)
                .capabilities(Capability.CAPABILITY_NAMED_IAM));
        try (var waiter = StackFixtures.waiter(cloudFormation)) {
            waiter.waitUntilStackCreateComplete(r -> r.stackName(name));
        }
        return cloudFormation.describeStacks(r -> r.stackName(name)).stacks().getFirst();
    }

    private static Map<String, String> outputs(Stack stack) {
        return stack.outputs().stream().collect(Collectors.toMap(Output::outputKey, Output::outputValue));
    }

    private static Map<String, String> physicalIds(String stack) {
        return cloudFormation.describeStackResources(r -> r.stackName(stack)).stackResources().stream()
                .collect(Collectors.toMap(StackResource::logicalResourceId, StackResource::physicalResourceId));
    }

    @Test
    void createMakesEveryResourceThroughItsServiceAndReportsTheOutputs() {
        Stack stack = create("alpha", TEMPLATE);

        assertThat(stack.stackStatus()).isEqualTo(StackStatus.CREATE_COMPLETE);
        assertThat(stack.description()).isEqualTo("lifecycle");
        assertThat(outputs(stack)).containsEntry("BucketName", "alpha-artifacts")
                .containsEntry("RoleArn", "arn:aws:iam::000000000000:role/alpha-build")
                .containsEntry("Summary", "alpha-build,alpha-error-rate,us-east-1");
        assertThat(outputs(stack).get("RepositoryUri")).endsWith("/alpha-repo");
        s3.headBucket(r -> r.bucket("alpha-artifacts"));
        assertThat(iam.getRolePolicy(r -> r.roleName("alpha-build").policyName("artifacts")).policyDocument())
                .contains("arn%3Aaws%3As3%3A%3A%3Aalpha-artifacts%2F%2A");
        assertThat(iam.listRolePolicies(r -> r.roleName("alpha-build")).policyNames())
                .containsExactlyInAnyOrder("artifacts", "reports");
        assertThat(iam.listAttachedRolePolicies(r -> r.roleName("alpha-build")).attachedPolicies())
                .singleElement().satisfies(p -> assertThat(p.policyArn())
                        .isEqualTo("arn:aws:iam::aws:policy/AWSCodeBuildDeveloperAccess"));
        assertThat(ssm.getParameter(r -> r.name("/alpha/bucket")).parameter().value()).isEqualTo("alpha-artifacts");
        Project project = codeBuild.batchGetProjects(r -> r.names("alpha-build")).projects().getFirst();
        assertThat(project.serviceRole()).isEqualTo("arn:aws:iam::000000000000:role/alpha-build");
        assertThat(project.environment().environmentVariables().getFirst().value())
                .isEqualTo(outputs(stack).get("RepositoryUri"));
        assertThat(project.timeoutInMinutes()).isEqualTo(20);
        assertThat(codeBuild.listReportGroups(r -> { }).reportGroups())
                .contains("arn:aws:codebuild:us-east-1:000000000000:report-group/alpha-build-unit-tests");
        MetricAlarm alarm = cloudWatch.describeAlarms(r -> r.alarmNames("alpha-error-rate")).metricAlarms().getFirst();
        assertThat(alarm.metrics()).hasSize(3);
        assertThat(alarm.metrics().get(2).expression()).isEqualTo("100 * errors / invocations");
    }

    @Test
    void resourcesAreCreatedAfterWhatTheyDependOn() {
        create("beta", TEMPLATE);

        List<String> completed = StackFixtures.history(cloudFormation, "beta").stream()
                .filter(line -> line.endsWith(" CREATE_COMPLETE")).map(line -> line.split(" ")[0]).toList();
        assertThat(completed).containsSubsequence("Bucket", "Role", "Project", "Reports");
        assertThat(completed).containsSubsequence("Bucket", "BucketParameter");
        assertThat(completed).containsSubsequence("Repository", "Project", "Alarm");
        assertThat(completed.getLast()).isEqualTo("beta");
    }

    @Test
    void eventsComeNewestFirstWithAResourceCreationInitiatedStep() {
        create("gamma", TEMPLATE);

        List<String> history = StackFixtures.history(cloudFormation, "gamma");
        assertThat(history.getFirst()).isEqualTo("gamma CREATE_IN_PROGRESS");
        assertThat(history.getLast()).isEqualTo("gamma CREATE_COMPLETE");
        assertThat(history).containsSubsequence("Bucket CREATE_IN_PROGRESS", "Bucket CREATE_IN_PROGRESS",
                "Bucket CREATE_COMPLETE");
        assertThat(StackFixtures.events(cloudFormation, "gamma").stream()
                .filter(e -> e.logicalResourceId().equals("Bucket")).map(e -> e.resourceStatusReason()))
                .contains("Resource creation Initiated");
    }

    @Test
    void anUpdateChangesInPlaceAddsRemovesAndReplacesOnlyWhatChanged() {
        create("delta", TEMPLATE);
        Map<String, String> before = physicalIds("delta");

        cloudFormation.updateStack(r -> r.stackName("delta").templateBody(UPDATED)
                .capabilities(Capability.CAPABILITY_NAMED_IAM));
        try (var waiter = StackFixtures.waiter(cloudFormation)) {
            waiter.waitUntilStackUpdateComplete(r -> r.stackName("delta"));
        }

        Map<String, String> after = physicalIds("delta");
        assertThat(after).doesNotContainKey("Reports").containsKey("Extra");
        assertThat(after.get("Repository")).isEqualTo("delta-images").isNotEqualTo(before.get("Repository"));
        assertThat(after.get("Bucket")).isEqualTo(before.get("Bucket"));
        var parameter = ssm.getParameter(r -> r.name("/delta/bucket")).parameter();
        assertThat(parameter.value()).isEqualTo("delta-artifacts-v2");
        assertThat(parameter.version()).isEqualTo(2L);
        assertThat(ssm.getParameter(r -> r.name("/delta/extra")).parameter().value()).isEqualTo("added");
        assertThatThrownBy(() -> ecr.describeRepositories(r -> r.repositoryNames("delta-repo")))
                .isInstanceOf(RepositoryNotFoundException.class);
        ecr.describeRepositories(r -> r.repositoryNames("delta-images"));
        assertThat(codeBuild.listReportGroups(r -> { }).reportGroups()).noneMatch(arn -> arn.endsWith("/delta-build-unit-tests"));
        assertThat(codeBuild.batchGetProjects(r -> r.names("delta-build")).projects().getFirst().environment()
                .environmentVariables().getFirst().value()).endsWith("/delta-images");
    }

    @Test
    void anUpdateLeavesUnchangedResourcesAlone() {
        create("epsilon", TEMPLATE);
        int before = StackFixtures.events(cloudFormation, "epsilon").size();

        cloudFormation.updateStack(r -> r.stackName("epsilon").templateBody(UPDATED)
                .capabilities(Capability.CAPABILITY_NAMED_IAM));
        StackFixtures.settled(cloudFormation, "epsilon");

        List<String> update = StackFixtures.history(cloudFormation, "epsilon").subList(before,
                StackFixtures.events(cloudFormation, "epsilon").size());
        assertThat(update).noneMatch(line -> line.startsWith("Bucket ") || line.startsWith("Role ")
                || line.startsWith("Alarm "));
        assertThat(update).containsSubsequence("epsilon UPDATE_IN_PROGRESS", "Repository UPDATE_IN_PROGRESS",
                "Repository UPDATE_COMPLETE", "Project UPDATE_COMPLETE", "epsilon UPDATE_COMPLETE_CLEANUP_IN_PROGRESS",
                "Repository DELETE_COMPLETE", "Reports DELETE_COMPLETE", "epsilon UPDATE_COMPLETE");
        assertThat(update).contains("BucketParameter UPDATE_COMPLETE", "Extra CREATE_COMPLETE");
    }

    @Test
    void anUpdateWithNothingToChangeIsRefused() {
        create("zeta", TEMPLATE);

        assertThatThrownBy(() -> cloudFormation.updateStack(r -> r.stackName("zeta").templateBody(TEMPLATE)
                .capabilities(Capability.CAPABILITY_NAMED_IAM)))
                .isInstanceOfSatisfying(CloudFormationException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("No updates are to be performed.");
                });
    }

    @Test
    void aResourceTheUpdateRemovesIsKeptWhenItsDeletionPolicyRetainsIt() {
        String template = """
                {"Resources": {"DeploymentA1": {"Type": "AWS::SSM::Parameter", "DeletionPolicy": "Retain",
                  "Properties": {"Name": "/iota/NAME", "Type": "String", "Value": "v"}}}}
                """;
        create("iota", template.replace("NAME", "first"));

        cloudFormation.updateStack(r -> r.stackName("iota").templateBody(template.replace("A1", "B2")
                .replace("NAME", "second")));
        StackFixtures.settled(cloudFormation, "iota");

        assertThat(ssm.getParameter(r -> r.name("/iota/first")).parameter().value()).isEqualTo("v");
        assertThat(ssm.getParameter(r -> r.name("/iota/second")).parameter().value()).isEqualTo("v");
        assertThat(physicalIds("iota")).containsOnlyKeys("DeploymentB2");
        assertThat(StackFixtures.history(cloudFormation, "iota")).containsSubsequence("DeploymentB2 CREATE_COMPLETE",
                "iota UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", "DeploymentA1 DELETE_SKIPPED", "iota UPDATE_COMPLETE");
    }

    @Test
    void aReplacedResourceIsKeptWhenItsUpdateReplacePolicyRetainsIt() {
        String template = """
                {"Resources": {"Setting": {"Type": "AWS::SSM::Parameter", "UpdateReplacePolicy": "Retain",
                  "Properties": {"Name": "/kappa/NAME", "Type": "String", "Value": "v"}}}}
                """;
        create("kappa", template.replace("NAME", "old"));

        cloudFormation.updateStack(r -> r.stackName("kappa").templateBody(template.replace("NAME", "new")));
        StackFixtures.settled(cloudFormation, "kappa");

        assertThat(ssm.getParameter(r -> r.name("/kappa/old")).parameter().value()).isEqualTo("v");
        assertThat(physicalIds("kappa")).containsEntry("Setting", "/kappa/new");
        assertThat(StackFixtures.history(cloudFormation, "kappa")).contains("Setting DELETE_SKIPPED");
    }

    @Test
    void deleteRemovesEveryResourceAndTheStackStaysVisibleByItsId() {
        String stackId = create("eta", TEMPLATE).stackId();

        cloudFormation.deleteStack(r -> r.stackName("eta"));
        try (var waiter = StackFixtures.waiter(cloudFormation)) {
            waiter.waitUntilStackDeleteComplete(r -> r.stackName("eta"));
        }

        assertThatThrownBy(() -> s3.headBucket(r -> r.bucket("eta-artifacts"))).isInstanceOf(NoSuchBucketException.class);
        assertThatThrownBy(() -> iam.getRole(r -> r.roleName("eta-build"))).isInstanceOf(NoSuchEntityException.class);
        assertThatThrownBy(() -> ssm.getParameter(r -> r.name("/eta/bucket")))
                .isInstanceOf(ParameterNotFoundException.class);
        assertThatThrownBy(() -> ecr.describeRepositories(r -> r.repositoryNames("eta-repo")))
                .isInstanceOf(RepositoryNotFoundException.class);
        assertThat(codeBuild.batchGetProjects(r -> r.names("eta-build")).projects()).isEmpty();
        assertThat(cloudWatch.describeAlarms(r -> r.alarmNames("eta-error-rate")).metricAlarms()).isEmpty();
        assertThatThrownBy(() -> cloudFormation.describeStacks(r -> r.stackName("eta")))
                .hasMessageContaining("Stack with id eta does not exist");
        assertThat(cloudFormation.describeStacks(r -> r.stackName(stackId)).stacks().getFirst().stackStatus())
                .isEqualTo(StackStatus.DELETE_COMPLETE);
    }

    @Test
    void resourcesAreDeletedBeforeWhatTheyDependOn() {
        create("theta", TEMPLATE);

        cloudFormation.deleteStack(r -> r.stackName("theta"));
        String stackId = cloudFormation.listStacks().stackSummaries().stream()
                .filter(s -> s.stackName().equals("theta")).findFirst().orElseThrow().stackId();
        StackFixtures.settled(cloudFormation, stackId);

        List<String> deleted = StackFixtures.history(cloudFormation, stackId).stream()
                .filter(line -> line.endsWith(" DELETE_COMPLETE")).map(line -> line.split(" ")[0]).toList();
        assertThat(deleted).containsSubsequence("Alarm", "Project", "Role", "Bucket");
        assertThat(deleted).containsSubsequence("Reports", "Project", "Repository");
    }
}
