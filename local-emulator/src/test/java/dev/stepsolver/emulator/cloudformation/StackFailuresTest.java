package dev.stepsolver.emulator.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepsolver.emulator.Clients;
import dev.stepsolver.emulator.LocalEmulator;
import dev.stepsolver.emulator.time.ManualClock;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ssm.SsmClient;

/** Stacks whose resources fail: rollbacks of creates and updates, failed deletes, unsupported types. */
class StackFailuresTest {

    private static LocalEmulator emulator;
    private static CloudFormationClient cloudFormation;
    private static IamClient iam;
    private static SsmClient ssm;
    private static EcrClient ecr;
    private static S3Client s3;

    /** A role, then a function whose image does not exist (the repository exists, the tag does not). */
    private static final String FAILING_FUNCTION = """
            {"Resources": {
              "Role": {"Type": "AWS::IAM::Role", "Properties": {"RoleName": {"Fn::Sub": "${AWS::StackName}-fn"},
                "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                  "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}}},
              "Repository": {"Type": "AWS::ECR::Repository",
                "Properties": {"RepositoryName": {"Fn::Sub": "${AWS::StackName}-images"}, "EmptyOnDelete": true}},
              "Function": {"Type": "AWS::Lambda::Function", "Properties": {
                "PackageType": "Image", "Role": {"Fn::GetAtt": ["Role", "Arn"]},
                "Code": {"ImageUri": {"Fn::Sub": "${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/${Repository}:missing"}}}}
            }}
            """;

    private static final String PARAMETER = """
            {"Resources": {
              "Setting": {"Type": "AWS::SSM::Parameter", "Properties": {"Name": {"Fn::Sub": "/${AWS::StackName}/setting"},
                "Type": "String", "Value": "VALUE"}},
              "Repository": {"Type": "AWS::ECR::Repository", "Properties": {"RepositoryName": {"Fn::Sub": "${AWS::StackName}-REPO"}}}
            EXTRA}}
            """;

    @BeforeAll
    static void start() {
        emulator = LocalEmulator.builder().port(0).clock(new ManualClock(Instant.parse("2025-01-01T00:00:00Z")))
                .build().start();
        cloudFormation = Clients.cloudFormation(emulator.endpoint());
        iam = Clients.iam(emulator.endpoint());
        ssm = Clients.ssm(emulator.endpoint());
        ecr = Clients.ecr(emulator.endpoint());
        s3 = Clients.s3(emulator.endpoint());
    }

    @AfterAll
    static void stop() {
        cloudFormation.close();
        iam.close();
        ssm.close();
        ecr.close();
        s3.close();
        emulator.close();
    }

    private static Stack createAndSettle(String name, String template) {
        cloudFormation.createStack(r -> r.stackName(name).templateBody(template)
                .capabilities(Capability.CAPABILITY_NAMED_IAM));
        return StackFixtures.settled(cloudFormation, name);
    }

    private static String parameterTemplate(String value, String repository, String extra) {
        return PARAMETER.replace("VALUE", value).replace("REPO", repository).replace("EXTRA", extra);
    }

    private static StackEvent lastEvent(String stack, String logicalId, String status) {
        return StackFixtures.events(cloudFormation, stack).stream()
                .filter(e -> e.logicalResourceId().equals(logicalId) && e.resourceStatusAsString().equals(status))
                .findFirst().orElseThrow();
    }

    @Test
    void aResourceThatFailsRollsTheCreateBackWithTheServicesReason() {
        Stack stack = createAndSettle("broken", FAILING_FUNCTION);

        assertThat(stack.stackStatus()).isEqualTo(StackStatus.ROLLBACK_COMPLETE);
        assertThat(stack.stackStatusReason())
                .isEqualTo("The following resource(s) failed to create: [Function]. Rollback requested by user.");
        assertThat(lastEvent("broken", "Function", "CREATE_FAILED").resourceStatusReason())
                .startsWith("Resource handler returned message: \"Source image 000000000000.dkr.ecr.us-east-1"
                        + ".amazonaws.com/broken-images:missing does not exist. Provide a valid source image."
                        + " (Service: Lambda, Status Code: 400")
                .endsWith("HandlerErrorCode: InvalidRequest)");
        assertThat(lastEvent("broken", "broken", "ROLLBACK_IN_PROGRESS").resourceStatusReason())
                .isEqualTo(stack.stackStatusReason());
    }

    @Test
    void aRollbackDeletesWhatTheCreateMadeLastFirst() {
        createAndSettle("undone", FAILING_FUNCTION);

        assertThatThrownBy(() -> iam.getRole(r -> r.roleName("undone-fn"))).isInstanceOf(NoSuchEntityException.class);
        assertThatThrownBy(() -> ecr.describeRepositories(r -> r.repositoryNames("undone-images")))
                .isInstanceOf(RepositoryNotFoundException.class);
        assertThat(StackFixtures.history(cloudFormation, "undone")).containsSubsequence("Function CREATE_FAILED",
                "undone ROLLBACK_IN_PROGRESS", "Function DELETE_COMPLETE", "Repository DELETE_COMPLETE",
                "undone ROLLBACK_COMPLETE");
        assertThat(StackFixtures.history(cloudFormation, "undone")).contains("Role DELETE_COMPLETE");
    }

    @Test
    void aRolledBackStackCannotBeUpdatedButCanBeDeleted() {
        String stackId = createAndSettle("stuck", FAILING_FUNCTION).stackId();

        assertThatThrownBy(() -> cloudFormation.updateStack(r -> r.stackName("stuck").usePreviousTemplate(true)
                .capabilities(Capability.CAPABILITY_NAMED_IAM)))
                .isInstanceOfSatisfying(CloudFormationException.class, e -> assertThat(e.awsErrorDetails()
                        .errorMessage()).isEqualTo("Stack:" + stackId + " is in ROLLBACK_COMPLETE state and can not be"
                        + " updated."));
        cloudFormation.deleteStack(r -> r.stackName("stuck"));
        assertThat(StackFixtures.settled(cloudFormation, stackId).stackStatus()).isEqualTo(StackStatus.DELETE_COMPLETE);
    }

    @Test
    void disableRollbackLeavesAFailedCreateAsItStands() {
        cloudFormation.createStack(r -> r.stackName("kept").templateBody(FAILING_FUNCTION).disableRollback(true)
                .capabilities(Capability.CAPABILITY_NAMED_IAM));
        Stack stack = StackFixtures.settled(cloudFormation, "kept");

        assertThat(stack.stackStatus()).isEqualTo(StackStatus.CREATE_FAILED);
        assertThat(iam.getRole(r -> r.roleName("kept-fn")).role().arn()).endsWith(":role/kept-fn");
    }

    @Test
    void aFailedUpdateRollsBackToThePreviousProperties() {
        createAndSettle("revert", parameterTemplate("one", "repo", ""));

        cloudFormation.updateStack(r -> r.stackName("revert").templateBody(parameterTemplate("two", "repo",
                ", \"Bad\": {\"Type\": \"AWS::S3::Bucket\", \"DependsOn\": \"Setting\","
                        + " \"Properties\": {\"BucketName\": \"Not_A_Valid_Name\"}}")));
        Stack stack = StackFixtures.settled(cloudFormation, "revert");

        assertThat(stack.stackStatus()).isEqualTo(StackStatus.UPDATE_ROLLBACK_COMPLETE);
        assertThat(stack.stackStatusReason()).isEqualTo("The following resource(s) failed to create: [Bad]. ");
        var parameter = ssm.getParameter(r -> r.name("/revert/setting")).parameter();
        assertThat(parameter.value()).isEqualTo("one");
        assertThat(parameter.version()).isEqualTo(3L);
        assertThat(lastEvent("revert", "Bad", "CREATE_FAILED").resourceStatusReason())
                .contains("The specified bucket is not valid. (Service: S3, Status Code: 400");
        assertThat(StackFixtures.history(cloudFormation, "revert")).containsSubsequence("revert UPDATE_IN_PROGRESS",
                "Setting UPDATE_COMPLETE", "Bad CREATE_FAILED", "revert UPDATE_ROLLBACK_IN_PROGRESS",
                "Setting UPDATE_COMPLETE", "revert UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS", "Bad DELETE_COMPLETE",
                "revert UPDATE_ROLLBACK_COMPLETE");
    }

    @Test
    void aFailedUpdateKeepsTheResourceItWasReplacingAndDeletesTheNewOne() {
        createAndSettle("keep", parameterTemplate("one", "old", ""));

        cloudFormation.updateStack(r -> r.stackName("keep").templateBody(parameterTemplate("one", "new",
                ", \"Bad\": {\"Type\": \"AWS::S3::Bucket\", \"DependsOn\": \"Repository\","
                        + " \"Properties\": {\"BucketName\": \"Not_A_Valid_Name\"}}")));
        Stack stack = StackFixtures.settled(cloudFormation, "keep");

        assertThat(stack.stackStatus()).isEqualTo(StackStatus.UPDATE_ROLLBACK_COMPLETE);
        ecr.describeRepositories(r -> r.repositoryNames("keep-old"));
        assertThatThrownBy(() -> ecr.describeRepositories(r -> r.repositoryNames("keep-new")))
                .isInstanceOf(RepositoryNotFoundException.class);
        assertThat(cloudFormation.describeStackResource(r -> r.stackName("keep").logicalResourceId("Repository"))
                .stackResourceDetail().physicalResourceId()).isEqualTo("keep-old");
        assertThat(cloudFormation.getTemplate(r -> r.stackName("keep")).templateBody()).contains("-old\"");
    }

    @Test
    void aCustomNamedResourceThatNeedsReplacingUnderTheSameNameFailsTheUpdate() {
        String role = """
                {"Resources": {"Role": {"Type": "AWS::IAM::Role", "Properties": {"RoleName": "same-name", "Path": "PATH",
                  "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": []}}}}}
                """;
        createAndSettle("renamed", role.replace("PATH", "/a/"));

        cloudFormation.updateStack(r -> r.stackName("renamed").templateBody(role.replace("PATH", "/b/"))
                .capabilities(Capability.CAPABILITY_NAMED_IAM));
        Stack stack = StackFixtures.settled(cloudFormation, "renamed");

        assertThat(stack.stackStatus()).isEqualTo(StackStatus.UPDATE_ROLLBACK_COMPLETE);
        assertThat(lastEvent("renamed", "Role", "UPDATE_FAILED").resourceStatusReason()).isEqualTo("CloudFormation"
                + " cannot update a stack when a custom-named resource requires replacing. Rename same-name and update"
                + " the stack again.");
        assertThat(iam.getRole(r -> r.roleName("same-name")).role().path()).isEqualTo("/a/");
    }

    @Test
    void aTypeWithoutAProviderFailsTheStackRatherThanPretending() {
        Stack stack = createAndSettle("unsupported", """
                {"Resources": {"Queue": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": "jobs"}}}}
                """);

        assertThat(stack.stackStatus()).isEqualTo(StackStatus.ROLLBACK_COMPLETE);
        assertThat(lastEvent("unsupported", "Queue", "CREATE_FAILED").resourceStatusReason())
                .isEqualTo("Unsupported resource type AWS::SQS::Queue: this emulator has no provider for it");
    }

    @Test
    void aBucketThatIsNotEmptyFailsTheDeleteUntilItIsRetained() {
        String stackId = createAndSettle("full", """
                {"Resources": {"Bucket": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "full-bucket"}},
                  "Setting": {"Type": "AWS::SSM::Parameter", "Properties": {"Name": "/full/bucket", "Type": "String",
                    "Value": {"Ref": "Bucket"}}}}}
                """).stackId();
        s3.putObject(r -> r.bucket("full-bucket").key("kept.txt"), RequestBody.fromString("data"));

        cloudFormation.deleteStack(r -> r.stackName("full"));
        Stack failed = StackFixtures.settled(cloudFormation, stackId);
        cloudFormation.deleteStack(r -> r.stackName("full").retainResources("Bucket"));
        Stack deleted = StackFixtures.settled(cloudFormation, stackId);

        assertThat(failed.stackStatus()).isEqualTo(StackStatus.DELETE_FAILED);
        assertThat(failed.stackStatusReason()).isEqualTo("The following resource(s) failed to delete: [Bucket]. ");
        assertThat(lastEvent(stackId, "Bucket", "DELETE_FAILED").resourceStatusReason())
                .contains("The bucket you tried to delete is not empty");
        assertThat(deleted.stackStatus()).isEqualTo(StackStatus.DELETE_COMPLETE);
        assertThat(s3.getObjectAsBytes(r -> r.bucket("full-bucket").key("kept.txt")).asUtf8String()).isEqualTo("data");
        assertThat(StackFixtures.history(cloudFormation, stackId)).containsSubsequence("Setting DELETE_COMPLETE",
                "Bucket DELETE_FAILED", "full DELETE_FAILED", "Bucket DELETE_SKIPPED", "full DELETE_COMPLETE");
    }

    @Test
    void retainedResourcesOutliveTheStack() {
        String stackId = createAndSettle("retain", """
                {"Resources": {"Bucket": {"Type": "AWS::S3::Bucket", "DeletionPolicy": "Retain",
                  "Properties": {"BucketName": "retained-bucket"}}}}
                """).stackId();

        cloudFormation.deleteStack(r -> r.stackName("retain"));
        StackFixtures.settled(cloudFormation, stackId);

        s3.headBucket(r -> r.bucket("retained-bucket"));
        assertThat(StackFixtures.history(cloudFormation, stackId)).contains("Bucket DELETE_SKIPPED");
    }
}
