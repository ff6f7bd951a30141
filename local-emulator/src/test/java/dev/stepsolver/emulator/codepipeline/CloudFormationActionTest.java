package dev.stepsolver.emulator.codepipeline;

import static dev.stepsolver.emulator.codepipeline.PipelineFixtures.BUCKET;
import static dev.stepsolver.emulator.codepipeline.PipelineFixtures.action;
import static dev.stepsolver.emulator.codepipeline.PipelineFixtures.awaitEnd;
import static dev.stepsolver.emulator.codepipeline.PipelineFixtures.source;
import static dev.stepsolver.emulator.codepipeline.PipelineFixtures.stage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepsolver.emulator.Clients;
import dev.stepsolver.emulator.LocalEmulator;
import dev.stepsolver.emulator.cloudformation.CloudFormationBackend;
import dev.stepsolver.emulator.cloudformation.StackDeployment;
import dev.stepsolver.emulator.cloudformation.StackOutcome;
import dev.stepsolver.emulator.cloudformation.StackStatus;
import dev.stepsolver.emulator.codeconnections.ConnectionsBackend;
import dev.stepsolver.emulator.codeconnections.GitFixture;
import dev.stepsolver.emulator.protocol.Mappers;
import dev.stepsolver.emulator.time.ManualClock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.Tag;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.ActionDeclaration;
import software.amazon.awssdk.services.codepipeline.model.ActionExecutionDetail;
import software.amazon.awssdk.services.codepipeline.model.InvalidActionDeclarationException;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecution;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecutionStatus;
import software.amazon.awssdk.services.codepipeline.model.StageDeclaration;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/**
 * The CloudFormation deploy action: a template from an input artifact becomes a stack (created,
 * updated, replaced or deleted by ActionMode), its outputs the action's variables and OutputFileName,
 * and a stack that rolls back fails the action with its reason. Each test has its own repository,
 * pipeline and stacks.
 */
class CloudFormationActionTest {

    /** An SSM parameter named after the stack, holding Stage; Kind is its SSM type (SecureString fails). */
    private static final String TEMPLATE = """
            {"Parameters": {"Stage": {"Type": "String", "Default": "beta"},
                            "Note": {"Type": "String", "Default": "none"},
                            "Kind": {"Type": "String", "Default": "String"}},
             "Resources": {"Setting": {"Type": "AWS::SSM::Parameter", "Properties": {
               "Name": {"Fn::Sub": "/${AWS::StackName}/stage"}, "Type": {"Ref": "Kind"}, "Value": {"Ref": "Stage"}}}},
             "Outputs": {"Stage": {"Value": {"Fn::GetAtt": ["Setting", "Value"]}},
                         "Parameter": {"Value": {"Ref": "Setting"}},
                         "Note": {"Value": {"Ref": "Note"}}}}
            """;
    private static final String ROLE_TEMPLATE = """
            {"Resources": {"Role": {"Type": "AWS::IAM::Role", "Properties": {
              "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": []}}}}}
            """;

    private static LocalEmulator emulator;
    private static CodePipelineClient codePipeline;
    private static CloudFormationClient cloudFormationClient;
    private static CloudFormationBackend cloudFormation;
    private static SsmClient ssm;
    private static S3Client s3;
    private static ConnectionsBackend connections;
    private static String connectionArn;

    @TempDir
    static Path temp;

    @BeforeAll
    static void start() {
        emulator = LocalEmulator.builder().port(0).clock(new ManualClock(Instant.parse("2026-03-01T09:00:00Z")))
                .replaceModule(new CodePipelineModule(CodePipelineSettings.defaults().withStartOnCreate(false)))
                .build().start();
        codePipeline = PipelineFixtures.codePipeline(emulator.endpoint());
        cloudFormationClient = Clients.cloudFormation(emulator.endpoint());
        cloudFormation = emulator.context().backend(CloudFormationBackend.class);
        connections = emulator.context().backend(ConnectionsBackend.class);
        ssm = Clients.ssm(emulator.endpoint());
        s3 = Clients.s3(emulator.endpoint());
        s3.createBucket(r -> r.bucket(BUCKET));
        try (var connectionsClient = PipelineFixtures.connections(emulator.endpoint())) {
            connectionArn = connectionsClient.createConnection(r -> r.connectionName("gh").providerType("GitHub"))
                    .connectionArn();
        }
    }

    @AfterAll
    static void stop() {
        codePipeline.close();
        cloudFormationClient.close();
        ssm.close();
        s3.close();
        emulator.close();
    }

    /** A repository {@code acme/<name>} holding {@code files} on main. */
    private static GitFixture repository(String name, Map<String, String> files) {
        GitFixture git = GitFixture.init(temp.resolve(name));
        git.commit("initial", files);
        connections.linkRepository("acme/" + name, git.directory().toString());
        return git;
    }

    private static ActionDeclaration.Builder deploy(String name, Map<String, String> configuration) {
        return ActionDeclaration.builder().name(name)
                .actionTypeId(t -> t.category("Deploy").owner("AWS").provider("CloudFormation").version("1"))
                .configuration(configuration)
                .inputArtifacts(a -> a.name("SourceOutput"))
                .runOrder(1);
    }

    /** A V2 pipeline {@code name}: Source from {@code acme/<repository>}, then the given stages. */
    private static void pipeline(String name, String repository, StageDeclaration... stages) {
        StageDeclaration[] all = new StageDeclaration[stages.length + 1];
        all[0] = stage("Source", source(connectionArn, "acme/" + repository, "main"));
        System.arraycopy(stages, 0, all, 1, stages.length);
        codePipeline.createPipeline(r -> r.pipeline(p -> p.name(name)
                .roleArn("arn:aws:iam::000000000000:role/pipeline")
                .artifactStore(a -> a.type("S3").location(BUCKET)).pipelineType("V2")
                .variables(v -> v.name("stage").defaultValue("one"))
                .stages(all)));
    }

    private static PipelineExecution run(String pipeline, String stageVariable) {
        String id = codePipeline.startPipelineExecution(r -> r.name(pipeline)
                .variables(v -> v.name("stage").value(stageVariable))).pipelineExecutionId();
        return awaitEnd(codePipeline, pipeline, id);
    }

    private static ActionExecutionDetail actionOf(String pipeline, PipelineExecution execution, String actionName) {
        return action(codePipeline, pipeline, execution.pipelineExecutionId(), actionName);
    }

    private static String failure(String pipeline, PipelineExecution execution, String actionName) {
        assertThat(execution.status()).isEqualTo(PipelineExecutionStatus.FAILED);
        return actionOf(pipeline, execution, actionName).output().executionResult().errorDetails().message();
    }

    private static Stack stack(String name) {
        return cloudFormationClient.describeStacks(r -> r.stackName(name)).stacks().get(0);
    }

    private static String ssmValue(String name) {
        return ssm.getParameter(r -> r.name(name)).parameter().value();
    }

    private static Map<String, String> parameters(Stack stack) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Parameter parameter : stack.parameters()) {
            values.put(parameter.parameterKey(), parameter.parameterValue());
        }
        return values;
    }

    private static StackOutcome deployDirectly(String stack, String template, Map<String, String> parameters)
            throws Exception {
        return cloudFormation.deploy(StackDeployment.of(stack, template, parameters, Set.of()))
                .get(1, TimeUnit.MINUTES);
    }

    @Test
    void createUpdateCreatesTheStackWithItsParametersAndExposesTheOutputs() throws Exception {
        repository("cfn-create", Map.of("infra/template.json", TEMPLATE,
                "infra/config.json", """
                        {"Parameters": {"Stage": "from-config", "Note": "from-config"}, "Tags": {"team": "pipeline"}}
                        """));
        pipeline("cfn-create", "cfn-create",
                stage("Deploy", deploy("DeployStack", Map.of("ActionMode", "CREATE_UPDATE", "StackName", "cfn-create",
                        "TemplatePath", "SourceOutput::infra/template.json",
                        "TemplateConfiguration", "SourceOutput::infra/config.json",
                        "ParameterOverrides", "{\"Stage\": \"#{variables.stage}\"}",
                        "OutputFileName", "outputs.json"))
                        .outputArtifacts(a -> a.name("StackOutput")).namespace("StackVariables").build()),
                stage("Copy", deploy("CopyStack", Map.of("ActionMode", "CREATE_UPDATE", "StackName", "cfn-create-copy",
                        "TemplatePath", "SourceOutput::infra/template.json",
                        "ParameterOverrides", "{\"Stage\": \"#{StackVariables.Stage}-copy\"}")).build()));

        PipelineExecution done = run("cfn-create", "prod");

        assertThat(done.status()).as("%s", done.statusSummary()).isEqualTo(PipelineExecutionStatus.SUCCEEDED);
        Stack stack = stack("cfn-create");
        assertThat(stack.stackStatusAsString()).isEqualTo("CREATE_COMPLETE");
        assertThat(parameters(stack)).containsEntry("Stage", "prod").containsEntry("Note", "from-config");
        assertThat(stack.tags()).contains(Tag.builder().key("team").value("pipeline").build());
        assertThat(ssmValue("/cfn-create/stage")).isEqualTo("prod");
        ActionExecutionDetail action = actionOf("cfn-create", done, "DeployStack");
        assertThat(action.output().outputVariables()).containsEntry("Stage", "prod")
                .containsEntry("Parameter", "/cfn-create/stage").containsEntry("Note", "from-config");
        assertThat(action.output().executionResult().externalExecutionId()).isEqualTo(stack.stackId());
        var artifact = action.output().outputArtifacts().get(0).s3location();
        byte[] zip = s3.getObjectAsBytes(r -> r.bucket(artifact.bucket()).key(artifact.key())).asByteArray();
        JsonNode outputs = Mappers.JSON.readTree(entry(zip, "outputs.json"));
        assertThat(outputs.path("Stage").asText()).isEqualTo("prod");
        assertThat(outputs.path("Parameter").asText()).isEqualTo("/cfn-create/stage");
        assertThat(outputs.path("Note").asText()).isEqualTo("from-config");
        // the next stage's configuration saw the output variable resolved
        assertThat(ssmValue("/cfn-create-copy/stage")).isEqualTo("prod-copy");
    }

    @Test
    void aSecondRunUpdatesTheStackAndARunWithoutChangesSucceeds() {
        repository("cfn-update", Map.of("template.json", TEMPLATE));
        pipeline("cfn-update", "cfn-update", stage("Deploy", deploy("DeployStack", Map.of(
                "ActionMode", "CREATE_UPDATE", "StackName", "cfn-update", "TemplatePath", "SourceOutput::template.json",
                "ParameterOverrides", "{\"Stage\": \"#{variables.stage}\"}")).build()));

        PipelineExecution first = run("cfn-update", "one");
        String stackId = stack("cfn-update").stackId();
        PipelineExecution second = run("cfn-update", "two");

        assertThat(first.status()).isEqualTo(PipelineExecutionStatus.SUCCEEDED);
        assertThat(second.status()).as("%s", second.statusSummary()).isEqualTo(PipelineExecutionStatus.SUCCEEDED);
        assertThat(stack("cfn-update").stackStatusAsString()).isEqualTo("UPDATE_COMPLETE");
        assertThat(stack("cfn-update").stackId()).isEqualTo(stackId);
        assertThat(ssmValue("/cfn-update/stage")).isEqualTo("two");
        assertThat(actionOf("cfn-update", second, "DeployStack").output().outputVariables())
                .containsEntry("Stage", "two");

        PipelineExecution unchanged = run("cfn-update", "two");

        assertThat(unchanged.status()).as("%s", unchanged.statusSummary())
                .isEqualTo(PipelineExecutionStatus.SUCCEEDED);
        ActionExecutionDetail action = actionOf("cfn-update", unchanged, "DeployStack");
        assertThat(action.output().outputVariables()).containsEntry("Stage", "two");
        assertThat(action.output().executionResult().externalExecutionSummary()).contains("no changes");
    }

    @Test
    void aResourceThatFailsFailsTheActionWithTheStacksStatusAndReasons() {
        repository("cfn-broken", Map.of("template.json", TEMPLATE));
        pipeline("cfn-broken", "cfn-broken", stage("Deploy", deploy("DeployStack", Map.of(
                "ActionMode", "CREATE_UPDATE", "StackName", "cfn-broken", "TemplatePath", "SourceOutput::template.json",
                "ParameterOverrides", "{\"Kind\": \"#{variables.stage}\"}")).build()));

        PipelineExecution created = run("cfn-broken", "String");
        PipelineExecution broken = run("cfn-broken", "SecureString");

        assertThat(created.status()).isEqualTo(PipelineExecutionStatus.SUCCEEDED);
        assertThat(stack("cfn-broken").stackStatusAsString()).isEqualTo("UPDATE_ROLLBACK_COMPLETE");
        String message = failure("cfn-broken", broken, "DeployStack");
        assertThat(message).startsWith("Stack cfn-broken in UPDATE_ROLLBACK_COMPLETE state: The following"
                + " resource(s) failed to update: [Setting]. Setting UPDATE_FAILED: ").contains("SecureString");
        assertThat(broken.statusSummary()).contains(message);
    }

    @Test
    void aCreateThatRollsBackFailsAndCreateUpdateCannotUpdateTheRolledBackStack() {
        repository("cfn-rolled", Map.of("template.json", TEMPLATE));
        pipeline("cfn-rolled", "cfn-rolled", stage("Deploy", deploy("DeployStack", Map.of(
                "ActionMode", "CREATE_UPDATE", "StackName", "cfn-rolled", "TemplatePath", "SourceOutput::template.json",
                "ParameterOverrides", "{\"Kind\": \"#{variables.stage}\"}")).build()));

        PipelineExecution failed = run("cfn-rolled", "SecureString");
        PipelineExecution again = run("cfn-rolled", "String");

        assertThat(failure("cfn-rolled", failed, "DeployStack")).startsWith("Stack cfn-rolled in ROLLBACK_COMPLETE"
                + " state: The following resource(s) failed to create: [Setting]. Rollback requested by user."
                + " Setting CREATE_FAILED: ").contains("SecureString");
        assertThat(failure("cfn-rolled", again, "DeployStack"))
                .contains("is in ROLLBACK_COMPLETE state and can not be updated.");
    }

    @Test
    void replaceOnFailureDeletesARolledBackStackAndCreatesItAgain() throws Exception {
        StackOutcome rolledBack = deployDirectly("cfn-replace", TEMPLATE, Map.of("Kind", "SecureString"));
        assertThat(rolledBack.status()).isEqualTo(StackStatus.ROLLBACK_COMPLETE);
        repository("cfn-replace", Map.of("template.json", TEMPLATE));
        pipeline("cfn-replace", "cfn-replace", stage("Deploy", deploy("DeployStack", Map.of(
                "ActionMode", "REPLACE_ON_FAILURE", "StackName", "cfn-replace",
                "TemplatePath", "SourceOutput::template.json",
                "ParameterOverrides", "{\"Stage\": \"#{variables.stage}\"}")).build()));

        PipelineExecution replaced = run("cfn-replace", "replaced");

        assertThat(replaced.status()).as("%s", replaced.statusSummary()).isEqualTo(PipelineExecutionStatus.SUCCEEDED);
        Stack stack = stack("cfn-replace");
        assertThat(stack.stackStatusAsString()).isEqualTo("CREATE_COMPLETE");
        assertThat(stack.stackId()).isNotEqualTo(rolledBack.stackId());
        assertThat(cloudFormation.stack(rolledBack.stackId()).status()).isEqualTo(StackStatus.DELETE_COMPLETE);
        assertThat(ssmValue("/cfn-replace/stage")).isEqualTo("replaced");

        PipelineExecution updated = run("cfn-replace", "updated");

        assertThat(updated.status()).as("%s", updated.statusSummary()).isEqualTo(PipelineExecutionStatus.SUCCEEDED);
        assertThat(stack("cfn-replace").stackId()).isEqualTo(stack.stackId());
        assertThat(stack("cfn-replace").stackStatusAsString()).isEqualTo("UPDATE_COMPLETE");
    }

    @Test
    void deleteOnlyDeletesTheStackAndSucceedsWhenThereIsNone() throws Exception {
        deployDirectly("cfn-delete", TEMPLATE, Map.of());
        assertThat(ssmValue("/cfn-delete/stage")).isEqualTo("beta");
        repository("cfn-delete", Map.of("README.md", "no template needed"));
        pipeline("cfn-delete", "cfn-delete", stage("Teardown", deploy("DeleteStack", Map.of(
                "ActionMode", "DELETE_ONLY", "StackName", "cfn-delete")).build()));

        PipelineExecution deleted = run("cfn-delete", "any");
        PipelineExecution nothingLeft = run("cfn-delete", "any");

        assertThat(deleted.status()).as("%s", deleted.statusSummary()).isEqualTo(PipelineExecutionStatus.SUCCEEDED);
        assertThat(cloudFormation.findStack("cfn-delete")).isEmpty();
        assertThatThrownBy(() -> ssmValue("/cfn-delete/stage")).isInstanceOf(ParameterNotFoundException.class);
        assertThat(nothingLeft.status()).isEqualTo(PipelineExecutionStatus.SUCCEEDED);
        assertThat(actionOf("cfn-delete", nothingLeft, "DeleteStack").output().executionResult()
                .externalExecutionSummary()).contains("does not exist");
    }

    @Test
    void aMissingTemplateOrArtifactFailsTheActionClearly() {
        repository("cfn-missing", Map.of("template.json", TEMPLATE));
        pipeline("cfn-missing", "cfn-missing", stage("Deploy",
                deploy("MissingFile", Map.of("ActionMode", "CREATE_UPDATE", "StackName", "cfn-missing",
                        "TemplatePath", "SourceOutput::infra/template.json")).build(),
                deploy("MissingArtifact", Map.of("ActionMode", "CREATE_UPDATE", "StackName", "cfn-missing-other",
                        "TemplatePath", "BuildOutput::template.json")).build()));

        PipelineExecution done = run("cfn-missing", "any");

        assertThat(failure("cfn-missing", done, "MissingFile"))
                .isEqualTo("TemplatePath file infra/template.json does not exist in input artifact SourceOutput");
        assertThat(failure("cfn-missing", done, "MissingArtifact")).isEqualTo("TemplatePath names artifact"
                + " BuildOutput, which is not an input artifact of the action [SourceOutput]");
        assertThat(cloudFormation.findStack("cfn-missing")).isEmpty();
    }

    @Test
    void fnGetParamAndFnGetArtifactAttReadTheInputArtifact() {
        repository("cfn-getparam", Map.of("template.json", TEMPLATE, "params.json", """
                {"stage": "from-file"}
                """));
        pipeline("cfn-getparam", "cfn-getparam", stage("Deploy", deploy("DeployStack", Map.of(
                "ActionMode", "CREATE_UPDATE", "StackName", "cfn-getparam", "TemplatePath", "SourceOutput::template.json",
                "ParameterOverrides", """
                        {"Stage": {"Fn::GetParam": ["SourceOutput", "params.json", "stage"]},
                         "Note": {"Fn::GetArtifactAtt": ["SourceOutput", "BucketName"]}}
                        """)).build()));

        PipelineExecution done = run("cfn-getparam", "any");

        assertThat(done.status()).as("%s", done.statusSummary()).isEqualTo(PipelineExecutionStatus.SUCCEEDED);
        assertThat(ssmValue("/cfn-getparam/stage")).isEqualTo("from-file");
        assertThat(parameters(stack("cfn-getparam"))).containsEntry("Note", BUCKET);
    }

    @Test
    void whatCloudFormationRefusesFailsTheActionWithItsMessage() {
        repository("cfn-refused", Map.of("role.json", ROLE_TEMPLATE));
        pipeline("cfn-refused", "cfn-refused", stage("Deploy", deploy("DeployStack", Map.of(
                "ActionMode", "CREATE_UPDATE", "StackName", "cfn-refused", "TemplatePath", "SourceOutput::role.json"))
                .build()));

        PipelineExecution done = run("cfn-refused", "any");

        assertThat(failure("cfn-refused", done, "DeployStack")).isEqualTo("Requires capabilities : [CAPABILITY_IAM]");
    }

    @Test
    void declarationsWithAnUnknownActionModeOrAnOutputFileWithoutArtifactAreRefused() {
        assertThatThrownBy(() -> pipeline("cfn-invalid-mode", "none", stage("Deploy", deploy("DeployStack", Map.of(
                "ActionMode", "CREATE_OR_WHATEVER", "StackName", "s", "TemplatePath", "SourceOutput::t.json")).build())))
                .isInstanceOf(InvalidActionDeclarationException.class).hasMessageContaining("ActionMode");
        assertThatThrownBy(() -> pipeline("cfn-invalid-output", "none", stage("Deploy", deploy("DeployStack", Map.of(
                "ActionMode", "CREATE_UPDATE", "StackName", "s", "TemplatePath", "SourceOutput::t.json",
                "OutputFileName", "out.json")).build())))
                .isInstanceOf(InvalidActionDeclarationException.class).hasMessageContaining("OutputFileName");
        assertThatThrownBy(() -> pipeline("cfn-invalid-capability", "none", stage("Deploy", deploy("DeployStack",
                Map.of("ActionMode", "CREATE_UPDATE", "StackName", "s", "TemplatePath", "SourceOutput::t.json",
                        "Capabilities", "CAPABILITY_IAM,CAPABILITY_ROOT")).build())))
                .isInstanceOf(InvalidActionDeclarationException.class).hasMessageContaining("CAPABILITY_ROOT");
    }

    private static byte[] entry(byte[] zip, String name) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (entry.getName().equals(name)) {
                    return in.readAllBytes();
                }
            }
        }
        throw new AssertionError("no " + name + " in the artifact; " + new String(zip, StandardCharsets.ISO_8859_1));
    }
}
