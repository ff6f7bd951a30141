package dev.stepsolver.emulator.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepsolver.emulator.Clients;
import dev.stepsolver.emulator.LocalEmulator;
import dev.stepsolver.emulator.lambda.HandlerImage;
import dev.stepsolver.emulator.time.ManualClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.State;

/**
 * A Lambda function, its first version, an alias on it and the permission API Gateway would need,
 * from a template, with the test handler image pushed to the emulator's registry.
 */
class LambdaStackTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalEmulator emulator;
    private static CloudFormationClient cloudFormation;
    private static LambdaClient lambda;
    private static EcrClient ecr;
    private static HandlerImage.Pushed first;
    private static HandlerImage.Pushed second;

    @TempDir
    static Path scratch;

    private static final String TEMPLATE = """
            {"Parameters": {"ImageUri": {"Type": "String"}},
             "Resources": {
               "Role": {"Type": "AWS::IAM::Role", "Properties": {
                 "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                   "Principal": {"Service": ["lambda.amazonaws.com"]}, "Action": ["sts:AssumeRole"]}]}}},
               "Function": {"Type": "AWS::Lambda::Function", "Properties": {
                 "FunctionName": {"Fn::Sub": "${AWS::StackName}-fn"}, "PackageType": "Image",
                 "Code": {"ImageUri": {"Ref": "ImageUri"}}, "Role": {"Fn::GetAtt": ["Role", "Arn"]},
                 "MemorySize": 256, "Timeout": 30, "Architectures": ["x86_64"],
                 "Environment": {"Variables": {"MARKER": "from-stack"}}}},
               "FirstVersion": {"Type": "AWS::Lambda::Version", "Properties": {
                 "FunctionName": {"Ref": "Function"}, "Description": "bootstrap"}},
               "Beta": {"Type": "AWS::Lambda::Alias", "Properties": {"FunctionName": {"Ref": "Function"},
                 "FunctionVersion": {"Fn::GetAtt": ["FirstVersion", "Version"]}, "Name": "beta"}},
               "BetaPermission": {"Type": "AWS::Lambda::Permission", "Properties": {
                 "Action": "lambda:InvokeFunction", "FunctionName": {"Ref": "Beta"},
                 "Principal": "apigateway.amazonaws.com",
                 "SourceArn": {"Fn::Sub": "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:api/beta/*"}}}},
             "Outputs": {
               "FunctionArn": {"Value": {"Fn::GetAtt": ["Function", "Arn"]}},
               "AliasArn": {"Value": {"Ref": "Beta"}},
               "Version": {"Value": {"Fn::GetAtt": ["FirstVersion", "Version"]}}}}
            """;

    @BeforeAll
    static void start() throws Exception {
        emulator = LocalEmulator.builder().port(0).clock(new ManualClock(Instant.parse("2025-01-01T00:00:00Z")))
                .build().start();
        cloudFormation = Clients.cloudFormation(emulator.endpoint());
        lambda = Clients.lambda(emulator.endpoint());
        ecr = Clients.ecr(emulator.endpoint());
        ecr.createRepository(r -> r.repositoryName("handler"));
        first = HandlerImage.push(ecr, "handler", "v1", Map.of("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1"),
                List.of(), scratch);
        second = HandlerImage.push(ecr, "handler", "v2", Map.of("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1",
                "IMAGE", "second"), List.of(), scratch);
    }

    @AfterAll
    static void stop() {
        cloudFormation.close();
        lambda.close();
        ecr.close();
        emulator.close();
    }

    private static Stack create(String name, String imageUri) {
        cloudFormation.createStack(r -> r.stackName(name).templateBody(TEMPLATE).capabilities(Capability.CAPABILITY_IAM)
                .parameters(Parameter.builder().parameterKey("ImageUri").parameterValue(imageUri).build()));
        return StackFixtures.settled(cloudFormation, name);
    }

    private static Map<String, String> outputs(Stack stack) {
        return stack.outputs().stream().collect(Collectors.toMap(Output::outputKey, Output::outputValue));
    }

    @Test
    void theFunctionItsVersionAndItsAliasAreCreatedActiveAndRunnable() throws Exception {
        Stack stack = create("lambda-create", first.uri());

        assertThat(stack.stackStatus()).isEqualTo(StackStatus.CREATE_COMPLETE);
        assertThat(outputs(stack)).containsEntry("Version", "1")
                .containsEntry("AliasArn", "arn:aws:lambda:us-east-1:000000000000:function:lambda-create-fn:beta")
                .containsEntry("FunctionArn", "arn:aws:lambda:us-east-1:000000000000:function:lambda-create-fn");
        GetFunctionResponse function = lambda.getFunction(r -> r.functionName("lambda-create-fn"));
        assertThat(function.configuration().state()).isEqualTo(State.ACTIVE);
        assertThat(function.configuration().memorySize()).isEqualTo(256);
        assertThat(function.configuration().role()).contains(":role/lambda-create-Role-");
        assertThat(lambda.getAlias(r -> r.functionName("lambda-create-fn").name("beta")).functionVersion())
                .isEqualTo("1");
        JsonNode out = JSON.readTree(lambda.invoke(r -> r.functionName("lambda-create-fn").qualifier("beta")
                .payload(SdkBytes.fromUtf8String("{}"))).payload().asByteArray());
        assertThat(out.path("marker").asText()).isEqualTo("from-stack");
        assertThat(out.path("version").asText()).isEqualTo("1");
    }

    @Test
    void thePermissionIsInTheAliasesResourcePolicy() throws Exception {
        create("lambda-policy", first.uri());

        JsonNode policy = JSON.readTree(lambda.getPolicy(r -> r.functionName("lambda-policy-fn").qualifier("beta"))
                .policy());

        JsonNode statement = policy.path("Statement").get(0);
        assertThat(statement.path("Principal").path("Service").asText()).isEqualTo("apigateway.amazonaws.com");
        assertThat(statement.path("Action").asText()).isEqualTo("lambda:InvokeFunction");
        assertThat(statement.path("Resource").asText()).endsWith(":function:lambda-policy-fn:beta");
        assertThat(statement.path("Condition").path("ArnLike").path("AWS:SourceArn").asText())
                .isEqualTo("arn:aws:execute-api:us-east-1:000000000000:api/beta/*");
        assertThat(statement.path("Sid").asText()).isEqualTo(cloudFormation.describeStackResource(r -> r
                .stackName("lambda-policy").logicalResourceId("BetaPermission")).stackResourceDetail()
                .physicalResourceId());
    }

    @Test
    void aNewImageUpdatesTheFunctionsCodeInPlaceAndLeavesTheVersionAndAlias() {
        create("lambda-update", first.uri());

        cloudFormation.updateStack(r -> r.stackName("lambda-update").usePreviousTemplate(true)
                .capabilities(Capability.CAPABILITY_IAM)
                .parameters(Parameter.builder().parameterKey("ImageUri").parameterValue(second.uri()).build()));
        Stack stack = StackFixtures.settled(cloudFormation, "lambda-update");

        assertThat(stack.stackStatus()).isEqualTo(StackStatus.UPDATE_COMPLETE);
        var latest = lambda.getFunction(r -> r.functionName("lambda-update-fn"));
        assertThat(latest.code().imageUri()).isEqualTo(second.uri());
        assertThat(latest.configuration().state()).isEqualTo(State.ACTIVE);
        assertThat(lambda.getAlias(r -> r.functionName("lambda-update-fn").name("beta")).functionVersion())
                .isEqualTo("1");
        assertThat(lambda.getFunction(r -> r.functionName("lambda-update-fn").qualifier("1")).code().imageUri())
                .isEqualTo(first.uri());
        assertThat(StackFixtures.history(cloudFormation, "lambda-update")).contains("Function UPDATE_COMPLETE")
                .doesNotContain("FirstVersion UPDATE_COMPLETE", "Beta UPDATE_COMPLETE");
    }

    @Test
    void deletingTheStackDeletesTheFunctionWithItsVersionsAndPolicies() {
        String stackId = create("lambda-delete", first.uri()).stackId();

        cloudFormation.deleteStack(r -> r.stackName("lambda-delete"));
        Stack stack = StackFixtures.settled(cloudFormation, stackId);

        assertThat(stack.stackStatus()).isEqualTo(StackStatus.DELETE_COMPLETE);
        assertThatThrownBy(() -> lambda.getFunction(r -> r.functionName("lambda-delete-fn")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(StackFixtures.history(cloudFormation, stackId)).containsSubsequence(
                "BetaPermission DELETE_COMPLETE", "Beta DELETE_COMPLETE", "FirstVersion DELETE_COMPLETE",
                "Function DELETE_COMPLETE", "Role DELETE_COMPLETE");
    }
}
