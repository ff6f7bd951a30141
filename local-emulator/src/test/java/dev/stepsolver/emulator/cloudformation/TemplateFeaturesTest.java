package dev.stepsolver.emulator.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepsolver.emulator.Clients;
import dev.stepsolver.emulator.LocalEmulator;
import dev.stepsolver.emulator.time.ManualClock;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.AlreadyExistsException;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.CreateStackRequest;
import software.amazon.awssdk.services.cloudformation.model.GetTemplateSummaryResponse;
import software.amazon.awssdk.services.cloudformation.model.InsufficientCapabilitiesException;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.cloudformation.model.ValidateTemplateResponse;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/** Template features through the SDK: parameters, conditions, YAML, TemplateURL, exports, and what is refused. */
class TemplateFeaturesTest {

    private static LocalEmulator emulator;
    private static CloudFormationClient cloudFormation;
    private static SsmClient ssm;
    private static S3Client s3;

    private static final String PARAMETERS = """
            {"Parameters": {
               "Env": {"Type": "String", "AllowedValues": ["dev", "prod"], "Default": "dev"},
               "Size": {"Type": "Number", "MinValue": 1},
               "Names": {"Type": "CommaDelimitedList", "Default": "a,b,c"},
               "Secret": {"Type": "String", "NoEcho": true, "Default": "hidden"}},
             "Resources": {
               "Setting": {"Type": "AWS::SSM::Parameter", "Properties": {"Name": {"Fn::Sub": "/${AWS::StackName}/setting"},
                 "Type": "String", "Value": {"Fn::Join": ["-", [{"Ref": "Env"}, {"Ref": "Size"},
                   {"Fn::Select": [1, {"Ref": "Names"}]}, {"Ref": "Secret"}]]}}}},
             "Outputs": {"Setting": {"Value": {"Fn::GetAtt": ["Setting", "Value"]}}}}
            """;

    private static final String CONDITIONS = """
            {"Parameters": {"Env": {"Type": "String", "Default": "dev"}},
             "Conditions": {
               "IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]},
               "IsDev": {"Fn::Not": [{"Condition": "IsProd"}]},
               "ProdInEast": {"Fn::And": [{"Condition": "IsProd"}, {"Fn::Equals": [{"Ref": "AWS::Region"}, "us-east-1"]}]},
               "Anything": {"Fn::Or": [{"Condition": "IsProd"}, {"Condition": "IsDev"}]}},
             "Resources": {
               "Always": {"Type": "AWS::SSM::Parameter", "Condition": "Anything", "Properties": {
                 "Name": {"Fn::Sub": "/${AWS::StackName}/always"}, "Type": "String",
                 "Value": {"Fn::If": ["IsProd", "production", "development"]},
                 "Description": {"Fn::If": ["ProdInEast", "east", {"Ref": "AWS::NoValue"}]}}},
               "ProdOnly": {"Type": "AWS::SSM::Parameter", "Condition": "IsProd", "Properties": {
                 "Name": {"Fn::Sub": "/${AWS::StackName}/prod"}, "Type": "String", "Value": "yes"}}},
             "Outputs": {
               "ProdName": {"Condition": "IsProd", "Value": {"Ref": "ProdOnly"}},
               "Mode": {"Value": {"Fn::If": ["IsDev", "dev-mode", "prod-mode"]}}}}
            """;

    @BeforeAll
    static void start() {
        emulator = LocalEmulator.builder().port(0).clock(new ManualClock(Instant.parse("2025-01-01T00:00:00Z")))
                .build().start();
        cloudFormation = Clients.cloudFormation(emulator.endpoint());
        ssm = Clients.ssm(emulator.endpoint());
        s3 = Clients.s3(emulator.endpoint());
    }

    @AfterAll
    static void stop() {
        cloudFormation.close();
        ssm.close();
        s3.close();
        emulator.close();
    }

    private static Stack create(Consumer<CreateStackRequest.Builder> request) {
        CreateStackRequest built = CreateStackRequest.builder().applyMutation(request)
                .capabilities(Capability.CAPABILITY_NAMED_IAM).build();
        cloudFormation.createStack(built);
        return StackFixtures.settled(cloudFormation, built.stackName());
    }

    private static Map<String, String> outputs(Stack stack) {
        return stack.outputs().stream().collect(Collectors.toMap(Output::outputKey, Output::outputValue));
    }

    private static Parameter parameter(String key, String value) {
        return Parameter.builder().parameterKey(key).parameterValue(value).build();
    }

    private static void assertValidationError(ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(CloudFormationException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    private static void createWith(String name, String template) {
        cloudFormation.createStack(r -> r.stackName(name).templateBody(template));
    }

    // ================================================================ parameters

    @Test
    void parametersTakeTheirDefaultsOrTheGivenValuesAndNoEchoValuesAreMasked() {
        Stack stack = create(r -> r.stackName("params").templateBody(PARAMETERS)
                .parameters(parameter("Size", "3"), parameter("Env", "prod")));

        assertThat(stack.stackStatus()).isEqualTo(StackStatus.CREATE_COMPLETE);
        assertThat(outputs(stack)).containsEntry("Setting", "prod-3-b-hidden");
        assertThat(stack.parameters().stream().collect(Collectors.toMap(Parameter::parameterKey,
                Parameter::parameterValue))).containsEntry("Env", "prod").containsEntry("Size", "3")
                .containsEntry("Names", "a,b,c").containsEntry("Secret", "****");
    }

    @Test
    void aValueOutsideTheAllowedValuesIsRefused() {
        assertValidationError(() -> cloudFormation.createStack(r -> r.stackName("bad-env").templateBody(PARAMETERS)
                .parameters(parameter("Env", "qa"), parameter("Size", "1"))),
                "Parameter 'Env' must be one of AllowedValues");
    }

    @Test
    void aParameterWithoutADefaultMustBeGiven() {
        assertValidationError(() -> createWith("no-size", PARAMETERS), "Parameters: [Size] must have values");
    }

    @Test
    void aParameterTheTemplateDoesNotDeclareIsRefused() {
        assertValidationError(() -> cloudFormation.createStack(r -> r.stackName("extra").templateBody(PARAMETERS)
                .parameters(parameter("Size", "1"), parameter("Colour", "red"))),
                "Parameters: [Colour] do not exist in the template");
    }

    @Test
    void aNumberParameterRefusesText() {
        assertValidationError(() -> cloudFormation.createStack(r -> r.stackName("nan").templateBody(PARAMETERS)
                .parameters(parameter("Size", "large"))), "Parameter 'Size' must be a number.");
    }

    @Test
    void aParameterStoreTypedParameterIsReadFromTheEmulatedSsm() {
        ssm.putParameter(r -> r.name("/config/image").value("registry/solver:7").type("String"));
        Stack stack = create(r -> r.stackName("from-ssm").templateBody("""
                {"Parameters": {"Image": {"Type": "AWS::SSM::Parameter::Value<String>", "Default": "/config/image"}},
                 "Resources": {"Copy": {"Type": "AWS::SSM::Parameter", "Properties": {"Name": "/from-ssm/copy",
                   "Type": "String", "Value": {"Ref": "Image"}}}}}
                """));

        assertThat(ssm.getParameter(r -> r.name("/from-ssm/copy")).parameter().value()).isEqualTo("registry/solver:7");
        Parameter image = stack.parameters().getFirst();
        assertThat(image.parameterValue()).isEqualTo("/config/image");
        assertThat(image.resolvedValue()).isEqualTo("registry/solver:7");
    }

    @Test
    void aParameterStoreParameterThatDoesNotExistIsRefused() {
        assertValidationError(() -> createWith("no-ssm", """
                {"Parameters": {"Image": {"Type": "AWS::SSM::Parameter::Value<String>", "Default": "/config/none"}},
                 "Resources": {"Copy": {"Type": "AWS::SSM::Parameter", "Properties": {"Type": "String",
                   "Value": {"Ref": "Image"}}}}}
                """), "Unable to fetch parameters [/config/none] from parameter store for this account.");
    }

    @Test
    void anUpdateKeepsAPreviousValueWhenAskedAndTakesNewOnes() {
        create(r -> r.stackName("previous").templateBody(PARAMETERS).parameters(parameter("Size", "5"),
                parameter("Secret", "first")));

        cloudFormation.updateStack(r -> r.stackName("previous").usePreviousTemplate(true).parameters(
                Parameter.builder().parameterKey("Size").usePreviousValue(true).build(),
                Parameter.builder().parameterKey("Secret").usePreviousValue(true).build(),
                parameter("Env", "prod")));
        Stack stack = StackFixtures.settled(cloudFormation, "previous");

        assertThat(stack.stackStatus()).isEqualTo(StackStatus.UPDATE_COMPLETE);
        assertThat(outputs(stack)).containsEntry("Setting", "prod-5-b-first");
    }

    @Test
    void usePreviousValueForAParameterTheStackDidNotHaveIsRefused() {
        create(r -> r.stackName("unknown-previous").templateBody(CONDITIONS));

        assertValidationError(() -> cloudFormation.updateStack(r -> r.stackName("unknown-previous")
                .templateBody(PARAMETERS).parameters(Parameter.builder().parameterKey("Size").usePreviousValue(true)
                        .build())),
                "Invalid input for parameter key Size. Cannot specify usePreviousValue as true for a parameter key not"
                        + " in the previous template");
    }

    // ================================================================ conditions

    @Test
    void conditionsDecideWhichResourcesAndOutputsExist() {
        Stack stack = create(r -> r.stackName("cond").templateBody(CONDITIONS));

        assertThat(outputs(stack)).containsOnlyKeys("Mode").containsEntry("Mode", "dev-mode");
        var always = ssm.getParameter(r -> r.name("/cond/always")).parameter();
        assertThat(always.value()).isEqualTo("development");
        assertThatThrownBy(() -> ssm.getParameter(r -> r.name("/cond/prod")))
                .isInstanceOf(ParameterNotFoundException.class);
        assertThat(cloudFormation.describeStackResources(r -> r.stackName("cond")).stackResources()).hasSize(1);
    }

    @Test
    void changingAConditionsParameterAddsTheResourcesItGuards() {
        create(r -> r.stackName("cond-update").templateBody(CONDITIONS));

        cloudFormation.updateStack(r -> r.stackName("cond-update").usePreviousTemplate(true)
                .parameters(parameter("Env", "prod")));
        Stack stack = StackFixtures.settled(cloudFormation, "cond-update");

        assertThat(stack.stackStatus()).isEqualTo(StackStatus.UPDATE_COMPLETE);
        assertThat(outputs(stack)).containsEntry("ProdName", "/cond-update/prod").containsEntry("Mode", "prod-mode");
        assertThat(ssm.getParameter(r -> r.name("/cond-update/always")).parameter().value()).isEqualTo("production");
        assertThat(ssm.getParameter(r -> r.name("/cond-update/prod")).parameter().value()).isEqualTo("yes");
    }

    @Test
    void aReferenceToAResourceItsConditionLeavesOutIsRefused() {
        assertValidationError(() -> createWith("dangling", CONDITIONS.replace("\"Value\": \"yes\"}}",
                "\"Value\": \"yes\"}}, \"Copy\": {\"Type\": \"AWS::SSM::Parameter\", \"Properties\": {"
                        + "\"Type\": \"String\", \"Value\": {\"Ref\": \"ProdOnly\"}}}")),
                "Template format error: Unresolved resource dependencies [ProdOnly] in the Resources block of the"
                        + " template");
    }

    // ================================================================ what is refused

    @Test
    void malformedJsonIsRefusedWithItsPosition() {
        assertValidationError(() -> createWith("malformed", "{\"Resources\": {"),
                "Template format error: JSON not well-formed. (line 1, column 16)");
    }

    @Test
    void aTemplateWithoutResourcesIsRefused() {
        assertValidationError(() -> createWith("empty", "{\"Outputs\": {}}"),
                "Template format error: At least one Resources member must be defined.");
    }

    @Test
    void aReferenceToNothingIsRefused() {
        assertValidationError(() -> createWith("nothing", """
                {"Resources": {"P": {"Type": "AWS::SSM::Parameter", "Properties": {"Type": "String",
                  "Value": {"Ref": "Missing"}}}}}
                """), "Template format error: Unresolved resource dependencies [Missing] in the Resources block of the"
                + " template");
    }

    @Test
    void aDependencyCycleIsRefused() {
        assertValidationError(() -> createWith("cycle", """
                {"Resources": {
                  "A": {"Type": "AWS::SSM::Parameter", "Properties": {"Type": "String", "Value": {"Ref": "B"}}},
                  "B": {"Type": "AWS::SSM::Parameter", "Properties": {"Type": "String", "Value": {"Fn::Sub": "${A}"}}},
                  "C": {"Type": "AWS::SSM::Parameter", "Properties": {"Type": "String", "Value": "free"}}}}
                """), "Circular dependency between resources: [A, B]");
    }

    @Test
    void anAttributeTheTypeDoesNotHaveIsRefused() {
        assertValidationError(() -> createWith("attribute", """
                {"Resources": {"Bucket": {"Type": "AWS::S3::Bucket"},
                  "P": {"Type": "AWS::SSM::Parameter", "Properties": {"Type": "String",
                    "Value": {"Fn::GetAtt": ["Bucket", "Colour"]}}}}}
                """), "Template error: resource Bucket does not support attribute type Colour in Fn::GetAtt");
    }

    @Test
    void iamResourcesNeedTheirCapability() {
        String role = """
                {"Resources": {"Role": {"Type": "AWS::IAM::Role", "Properties": {NAME
                  "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": []}}}}}
                """;
        assertThatThrownBy(() -> createWith("named", role.replace("NAME", "\"RoleName\": \"named\",")))
                .isInstanceOfSatisfying(InsufficientCapabilitiesException.class, e -> assertThat(e.awsErrorDetails()
                        .errorMessage()).isEqualTo("Requires capabilities : [CAPABILITY_NAMED_IAM]"));
        assertThatThrownBy(() -> cloudFormation.createStack(r -> r.stackName("unnamed")
                .templateBody(role.replace("NAME", "")).capabilities(Capability.CAPABILITY_AUTO_EXPAND)))
                .isInstanceOfSatisfying(InsufficientCapabilitiesException.class, e -> assertThat(e.awsErrorDetails()
                        .errorMessage()).isEqualTo("Requires capabilities : [CAPABILITY_IAM]"));
    }

    @Test
    void aSecondStackOfTheSameNameIsRefused() {
        create(r -> r.stackName("twice").templateBody(CONDITIONS));

        assertThatThrownBy(() -> createWith("twice", CONDITIONS)).isInstanceOfSatisfying(AlreadyExistsException.class,
                e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Stack [twice] already exists"));
    }

    // ================================================================ templates

    @Test
    void aYamlTemplateWithShortFormTagsDeploys() {
        Stack stack = create(r -> r.stackName("yaml").templateBody("""
                AWSTemplateFormatVersion: 2010-09-09
                Description: short forms
                Parameters:
                  Prefix: {Type: String, Default: app}
                Conditions:
                  HasPrefix: !Not [!Equals [!Ref Prefix, ""]]
                Resources:
                  Bucket:
                    Type: AWS::S3::Bucket
                    Properties:
                      BucketName: !Sub "${Prefix}-${AWS::StackName}-bucket"
                  Setting:
                    Type: AWS::SSM::Parameter
                    Properties:
                      Name: !Join [/, ["", !Ref Prefix, setting]]
                      Type: String
                      Value: !If [HasPrefix, !GetAtt Bucket.Arn, none]
                  Second:
                    Type: AWS::SSM::Parameter
                    Properties:
                      Type: String
                      Value: !Select [1, !Split [",", "x,y,z"]]
                Outputs:
                  Arn:
                    Value: !GetAtt [Bucket, Arn]
                  Second:
                    Value: !GetAtt Second.Value
                """));

        assertThat(stack.stackStatus()).isEqualTo(StackStatus.CREATE_COMPLETE);
        assertThat(stack.description()).isEqualTo("short forms");
        assertThat(ssm.getParameter(r -> r.name("/app/setting")).parameter().value())
                .isEqualTo("arn:aws:s3:::app-yaml-bucket");
        assertThat(outputs(stack)).containsEntry("Arn", "arn:aws:s3:::app-yaml-bucket").containsEntry("Second", "y");
    }

    @Test
    void aTemplateUrlReadsTheTemplateFromTheEmulatedS3() {
        s3.createBucket(r -> r.bucket("templates"));
        s3.putObject(r -> r.bucket("templates").key("dir/stack.json"), RequestBody.fromString(CONDITIONS));

        Stack stack = create(r -> r.stackName("from-url")
                .templateURL(emulator.endpoint() + "/templates/dir/stack.json"));

        assertThat(stack.stackStatus()).isEqualTo(StackStatus.CREATE_COMPLETE);
        assertThat(cloudFormation.getTemplate(r -> r.stackName("from-url")).templateBody()).isEqualTo(CONDITIONS);
    }

    @Test
    void aTemplateUrlThatNamesNoObjectIsRefused() {
        assertValidationError(() -> cloudFormation.createStack(r -> r.stackName("no-url")
                .templateURL("https://s3.amazonaws.com/templates/none.json")),
                "TemplateURL must reference a valid S3 object to which you have access.");
    }

    @Test
    void validateTemplateReportsParametersAndTheCapabilityNeeded() {
        ValidateTemplateResponse response = cloudFormation.validateTemplate(r -> r.templateBody("""
                {"Description": "checked", "Parameters": {"Name": {"Type": "String", "Default": "x",
                   "Description": "a name"}},
                 "Resources": {"Role": {"Type": "AWS::IAM::Role", "Properties": {
                   "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": []}}}}}
                """));

        assertThat(response.description()).isEqualTo("checked");
        assertThat(response.parameters().getFirst().parameterKey()).isEqualTo("Name");
        assertThat(response.parameters().getFirst().defaultValue()).isEqualTo("x");
        assertThat(response.capabilities()).containsExactly(Capability.CAPABILITY_IAM);
        assertThat(response.capabilitiesReason())
                .isEqualTo("The following resource(s) require capabilities: [AWS::IAM::Role]");
    }

    @Test
    void getTemplateSummaryListsTheResourceTypesAndParameterTypes() {
        GetTemplateSummaryResponse summary = cloudFormation.getTemplateSummary(r -> r.templateBody(PARAMETERS));

        assertThat(summary.resourceTypes()).containsExactly("AWS::SSM::Parameter");
        assertThat(summary.parameters()).anySatisfy(p -> {
            assertThat(p.parameterKey()).isEqualTo("Env");
            assertThat(p.parameterType()).isEqualTo("String");
            assertThat(p.parameterConstraints().allowedValues()).containsExactly("dev", "prod");
        });
    }

    @Test
    void listStacksFiltersByStatus() {
        create(r -> r.stackName("listed").templateBody(CONDITIONS));

        assertThat(cloudFormation.listStacks(r -> r.stackStatusFilters(StackStatus.CREATE_COMPLETE)).stackSummaries())
                .anyMatch(s -> s.stackName().equals("listed"))
                .allMatch(s -> s.stackStatus() == StackStatus.CREATE_COMPLETE);
        assertThat(cloudFormation.listStacks(r -> r.stackStatusFilters(StackStatus.DELETE_COMPLETE)).stackSummaries())
                .noneMatch(s -> s.stackName().equals("listed"));
    }

    @Test
    void eventsComeInPagesNewestFirstWithoutRepeats() {
        StringBuilder resources = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            resources.append(i == 0 ? "" : ",").append("\"P").append(i).append("\": {\"Type\": \"AWS::SSM::Parameter\",")
                    .append(" \"Properties\": {\"Type\": \"String\", \"Value\": \"v\"}}");
        }
        create(r -> r.stackName("paged").templateBody("{\"Resources\": {" + resources + "}}"));

        var firstPage = cloudFormation.describeStackEvents(r -> r.stackName("paged"));
        var all = StackFixtures.events(cloudFormation, "paged");

        assertThat(firstPage.stackEvents()).hasSize(100);
        assertThat(firstPage.nextToken()).isNotNull();
        assertThat(all).hasSize(2 + 40 * 3);
        assertThat(all.stream().map(e -> e.eventId()).distinct()).hasSize(all.size());
        assertThat(all.getFirst().resourceStatusAsString()).isEqualTo("CREATE_COMPLETE");
        assertThat(all.getFirst().logicalResourceId()).isEqualTo("paged");
        assertThat(cloudFormation.listStackResources(r -> r.stackName("paged")).stackResourceSummaries()).hasSize(40);
    }

    @Test
    void anExportedValueIsImportedByAnotherStackAndCannotGoWhileItIsUsed() {
        String exporter = create(r -> r.stackName("exporter").templateBody("""
                {"Resources": {"Bucket": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "shared-bucket"}}},
                 "Outputs": {"Bucket": {"Value": {"Ref": "Bucket"}, "Export": {"Name": "SharedBucket"}}}}
                """)).stackId();
        create(r -> r.stackName("importer").templateBody("""
                {"Resources": {"P": {"Type": "AWS::SSM::Parameter", "Properties": {"Name": "/importer/bucket",
                  "Type": "String", "Value": {"Fn::ImportValue": "SharedBucket"}}}}}
                """));

        cloudFormation.deleteStack(r -> r.stackName("exporter"));
        Stack stack = StackFixtures.settled(cloudFormation, exporter);

        assertThat(ssm.getParameter(r -> r.name("/importer/bucket")).parameter().value()).isEqualTo("shared-bucket");
        assertThat(cloudFormation.listExports(r -> { }).exports()).anyMatch(e -> e.name().equals("SharedBucket")
                && e.value().equals("shared-bucket") && e.exportingStackId().equals(exporter));
        assertThat(stack.stackStatus()).isEqualTo(StackStatus.DELETE_FAILED);
        assertThat(stack.stackStatusReason()).isEqualTo("Export SharedBucket cannot be deleted as it is in use by"
                + " importer");
    }
}
