package dev.stepsolver.pipeline.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepsolver.pipeline.model.DeploymentModel;
import dev.stepsolver.pipeline.synth.PipelineSynthesizer;
import dev.stepsolver.pipeline.synth.PipelineValues;
import dev.stepsolver.pipeline.synth.SynthTarget;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codepipeline.model.ActionCategory;
import software.amazon.awssdk.services.codepipeline.model.ActionDeclaration;
import software.amazon.awssdk.services.codepipeline.model.InputArtifact;
import software.amazon.awssdk.services.codepipeline.model.OutputArtifact;
import software.amazon.awssdk.services.codepipeline.model.PipelineDeclaration;
import software.amazon.awssdk.services.codepipeline.model.PipelineType;
import software.amazon.awssdk.services.codepipeline.model.StageDeclaration;

/** Each rule: the synthesized pipeline passes it, and one broken the way the rule is about fails it. */
class PipelineRulesTest {

    private static final DeploymentModel MODEL = DeploymentModel.defaults();
    private static final PipelineDeclaration VALID = PipelineSynthesizer.declaration(MODEL,
            PipelineValues.concrete(MODEL, SynthTarget.of("000000000000", "us-east-1", "c")));
    private static final ActionVariables VARIABLES = ActionVariables.forModel(MODEL, Set.of("RestApiId"));

    private static final int SOURCE = 0;
    private static final int BUILD = 1;
    private static final int PRE_PROD = 2;
    private static final int INTEGRATION = 3;

    private static List<Problem> check(PipelineDeclaration pipeline) {
        return PipelineRules.check(pipeline, VARIABLES);
    }

    private static PipelineDeclaration withAction(int stage, int action, UnaryOperator<ActionDeclaration.Builder> change) {
        List<StageDeclaration> stages = new ArrayList<>(VALID.stages());
        List<ActionDeclaration> actions = new ArrayList<>(stages.get(stage).actions());
        actions.set(action, change.apply(actions.get(action).toBuilder()).build());
        stages.set(stage, stages.get(stage).toBuilder().actions(actions).build());
        return VALID.toBuilder().stages(stages).build();
    }

    private static Map<String, String> config(int stage, int action, String key, String value) {
        Map<String, String> config = new HashMap<>(VALID.stages().get(stage).actions().get(action).configuration());
        if (value == null) {
            config.remove(key);
        } else {
            config.put(key, value);
        }
        return config;
    }

    private static void assertOnly(List<Problem> problems, String rule, String... fragments) {
        assertThat(problems).isNotEmpty().allMatch(p -> p.rule().equals(rule), "every problem is " + rule);
        assertThat(problems.getFirst().toString()).contains(fragments);
    }

    @Test
    void theSynthesizedPipelinePassesEveryRule() {
        assertThat(check(VALID)).isEmpty();
    }

    @Test
    void aRepeatedStageNameFails() {
        List<StageDeclaration> stages = new ArrayList<>(VALID.stages());
        stages.set(PRE_PROD, stages.get(PRE_PROD).toBuilder().name("Build").build());

        assertOnly(check(VALID.toBuilder().stages(stages).build()), PipelineRules.UNIQUE_STAGE_NAMES, "stage 'Build'");
    }

    @Test
    void aRepeatedActionNameInAStageFails() {
        var broken = withAction(PRE_PROD, 1, a -> a.name("DeployApi"));

        assertOnly(check(broken), PipelineRules.UNIQUE_ACTION_NAMES, "stage 'PreProd' action 'DeployApi'");
    }

    @Test
    void anInputArtifactNobodyProducesFails() {
        var broken = withAction(PRE_PROD, 1, a -> a.inputArtifacts(InputArtifact.builder().name("Nowhere").build()));

        assertOnly(check(broken), PipelineRules.INPUT_PRODUCED_EARLIER, "action 'DeployLambda'", "'Nowhere'");
    }

    @Test
    void anInputArtifactProducedLaterFails() {
        var broken = withAction(PRE_PROD, 1, a -> a.inputArtifacts(InputArtifact.builder().name("ProdAppSpec").build()));

        assertOnly(check(broken), PipelineRules.INPUT_PRODUCED_EARLIER, "'ProdAppSpec'", "does not run before");
    }

    @Test
    void anInputFromAnActionOfTheSameRunOrderFails() {
        List<StageDeclaration> stages = new ArrayList<>(VALID.stages());
        List<ActionDeclaration> preProd = new ArrayList<>(stages.get(PRE_PROD).actions());
        preProd.set(0, preProd.get(0).toBuilder().outputArtifacts(OutputArtifact.builder().name("StackOutputs").build()).build());
        preProd.set(1, preProd.get(1).toBuilder().runOrder(1)
                .inputArtifacts(InputArtifact.builder().name("StackOutputs").build()).build());
        stages.set(PRE_PROD, stages.get(PRE_PROD).toBuilder().actions(preProd).build());

        var problems = check(VALID.toBuilder().stages(stages).build());

        assertThat(problems).anyMatch(p -> p.rule().equals(PipelineRules.INPUT_PRODUCED_EARLIER)
                && p.message().contains("'StackOutputs'"));
    }

    @Test
    void aRepeatedOutputArtifactFails() {
        var broken = withAction(INTEGRATION, 0, a -> a.outputArtifacts(OutputArtifact.builder().name("ProdAppSpec").build(),
                OutputArtifact.builder().name("BuildOutput").build()));

        assertOnly(check(broken), PipelineRules.UNIQUE_OUTPUT_ARTIFACTS, "'BuildOutput'");
    }

    @Test
    void aRunOrderOutsideItsRangeFails() {
        var broken = withAction(PRE_PROD, 1, a -> a.runOrder(1000));

        assertOnly(check(broken), PipelineRules.RUN_ORDER, "action 'DeployLambda'", "1000");
    }

    @Test
    void aVariableFromANamespaceThatDoesNotExistFails() {
        var broken = withAction(INTEGRATION, 0, a -> a.configuration(config(INTEGRATION, 0, "EnvironmentVariables",
                "[{\"name\":\"X\",\"value\":\"#{Nowhere.X}\",\"type\":\"PLAINTEXT\"}]")));

        assertOnly(check(broken), PipelineRules.VARIABLE_REFERENCES, "action 'IntegrationTests' key 'EnvironmentVariables'",
                "namespace 'Nowhere'");
    }

    @Test
    void aVariableTheActionDoesNotExportFails() {
        var broken = withAction(INTEGRATION, 0, a -> a.configuration(config(INTEGRATION, 0, "EnvironmentVariables",
                "[{\"name\":\"X\",\"value\":\"#{BuildVariables.NOT_EXPORTED}\",\"type\":\"PLAINTEXT\"}]")));

        assertOnly(check(broken), PipelineRules.VARIABLE_REFERENCES, "does not export variable 'NOT_EXPORTED'");
    }

    @Test
    void aVariableFromALaterActionFails() {
        var broken = withAction(BUILD, 0, a -> a.configuration(config(BUILD, 0, "EnvironmentVariables",
                "[{\"name\":\"X\",\"value\":\"#{IntegrationVariables.X}\",\"type\":\"PLAINTEXT\"}]")));

        assertOnly(check(broken), PipelineRules.VARIABLE_REFERENCES, "stage 'Build' action 'Build'", "'IntegrationVariables'");
    }

    @Test
    void codePipelinesOwnVariablesAlwaysResolve() {
        var fine = withAction(INTEGRATION, 0, a -> a.configuration(config(INTEGRATION, 0, "EnvironmentVariables",
                "[{\"name\":\"X\",\"value\":\"#{codepipeline.PipelineExecutionId}\",\"type\":\"PLAINTEXT\"}]")));

        assertThat(check(fine)).isEmpty();
    }

    @Test
    void aRepeatedNamespaceFails() {
        var broken = withAction(INTEGRATION, 0, a -> a.namespace("SourceVariables"));

        assertOnly(check(broken), PipelineRules.UNIQUE_NAMESPACES, "'SourceVariables'");
    }

    @Test
    void anUnknownProviderFails() {
        var broken = withAction(PRE_PROD, 1, a -> a.actionTypeId(t -> t.category(ActionCategory.DEPLOY).owner("AWS")
                .provider("CodeDeployToMars").version("1")));

        assertOnly(check(broken), PipelineRules.KNOWN_PROVIDER, "unknown action provider 'CodeDeployToMars'");
    }

    @Test
    void aProviderInTheWrongCategoryFails() {
        var broken = withAction(PRE_PROD, 1, a -> a.actionTypeId(t -> t.category(ActionCategory.BUILD).owner("AWS")
                .provider("CodeDeploy").version("1")));

        assertOnly(check(broken), PipelineRules.KNOWN_PROVIDER, "'CodeDeploy' does not take category 'Build'");
    }

    @Test
    void aMissingRequiredSourceKeyNamesTheActionAndTheKey() {
        var broken = withAction(SOURCE, 0, a -> a.configuration(config(SOURCE, 0, "FullRepositoryId", null)));

        assertOnly(check(broken), PipelineRules.REQUIRED_CONFIGURATION, "stage 'Source' action 'Source' key 'FullRepositoryId'");
    }

    @Test
    void aMissingProjectNameFails() {
        var broken = withAction(BUILD, 0, a -> a.configuration(config(BUILD, 0, "ProjectName", null)));

        // Without a project the build exports nothing, so the variables read from it fail too.
        var problems = check(broken);
        assertThat(problems.getFirst().rule()).isEqualTo(PipelineRules.REQUIRED_CONFIGURATION);
        assertThat(problems.getFirst().toString()).contains("action 'Build' key 'ProjectName'");
    }

    @Test
    void aMissingDeploymentGroupFails() {
        var broken = withAction(PRE_PROD, 1, a -> a.configuration(config(PRE_PROD, 1, "DeploymentGroupName", null)));

        assertOnly(check(broken), PipelineRules.REQUIRED_CONFIGURATION, "action 'DeployLambda' key 'DeploymentGroupName'");
    }

    @Test
    void aKeyTheProviderDoesNotTakeFailsWithTheKeysName() {
        var broken = withAction(BUILD, 0, a -> a.configuration(config(BUILD, 0, "Project", "stepsolver-build")));

        assertOnly(check(broken), PipelineRules.ALLOWED_CONFIGURATION, "action 'Build' key 'Project'",
                "CodeBuild does not accept configuration key 'Project'");
    }

    @Test
    void aManualApprovalWithAnUnknownKeyFails() {
        List<StageDeclaration> stages = new ArrayList<>(VALID.stages());
        ActionDeclaration approval = ActionDeclaration.builder().name("Approve")
                .actionTypeId(t -> t.category(ActionCategory.APPROVAL).owner("AWS").provider("Manual").version("1"))
                .configuration(Map.of("CustomData", "ok", "Approvers", "me"))
                .runOrder(1).build();
        stages.add(INTEGRATION + 1, StageDeclaration.builder().name("Approval").actions(approval).build());

        assertOnly(check(VALID.toBuilder().stages(stages).build()), PipelineRules.ALLOWED_CONFIGURATION,
                "action 'Approve' key 'Approvers'");
    }

    @Test
    void aCodeDeployActionWithoutItsAppSpecArtifactFails() {
        var broken = withAction(PRE_PROD, 1, a -> a.inputArtifacts(List.of()));

        assertOnly(check(broken), PipelineRules.ARTIFACT_COUNTS, "CodeDeploy takes 1 input artifacts, found 0");
    }

    @Test
    void aNonSourceActionInTheFirstStageFails() {
        List<StageDeclaration> stages = new ArrayList<>(VALID.stages());
        stages.set(SOURCE, stages.get(SOURCE).toBuilder().actions(stages.get(SOURCE).actions().getFirst(),
                VALID.stages().get(BUILD).actions().getFirst().toBuilder().runOrder(2).build()).build());
        stages.remove(BUILD);

        var problems = check(VALID.toBuilder().stages(stages).build());

        assertThat(problems).anyMatch(p -> p.rule().equals(PipelineRules.SOURCE_STAGE_FIRST)
                && p.message().contains("only Source actions"));
    }

    @Test
    void aSourceActionAfterTheFirstStageFails() {
        List<StageDeclaration> stages = new ArrayList<>(VALID.stages());
        stages.add(StageDeclaration.builder().name("Again").actions(VALID.stages().get(SOURCE).actions().getFirst()
                .toBuilder().name("Again").namespace("AgainVariables")
                .outputArtifacts(OutputArtifact.builder().name("AgainOutput").build()).build()).build());

        assertOnly(check(VALID.toBuilder().stages(stages).build()), PipelineRules.SOURCE_STAGE_FIRST,
                "Source actions belong in the first stage only");
    }

    @Test
    void aTriggerOnAnActionThatIsNotASourceFails() {
        var broken = VALID.toBuilder().triggers(VALID.triggers().getFirst().toBuilder()
                .gitConfiguration(g -> g.sourceActionName("Build")).build()).build();

        assertOnly(check(broken), PipelineRules.TRIGGER_SOURCE_ACTION, "sourceActionName 'Build'");
    }

    @Test
    void environmentVariablesThatAreNotAJsonArrayFail() {
        var broken = withAction(BUILD, 0, a -> a.configuration(config(BUILD, 0, "EnvironmentVariables", "{\"name\":\"X\"}")));

        assertOnly(check(broken), PipelineRules.CONFIGURATION_VALUES, "key 'EnvironmentVariables'", "JSON array");
    }

    @Test
    void parameterOverridesThatAreNotJsonFail() {
        var broken = withAction(PRE_PROD, 0, a -> a.configuration(config(PRE_PROD, 0, "ParameterOverrides", "ImageUri=x")));

        assertOnly(check(broken), PipelineRules.CONFIGURATION_VALUES, "key 'ParameterOverrides'", "not valid JSON");
    }

    @Test
    void aTemplatePathOutsideTheActionsInputsFails() {
        var broken = withAction(PRE_PROD, 0, a -> a.configuration(config(PRE_PROD, 0, "TemplatePath", "SourceOutput::template.json")));

        assertOnly(check(broken), PipelineRules.CONFIGURATION_VALUES, "key 'TemplatePath'", "'SourceOutput'");
    }

    @Test
    void theNativeLambdaDeployActionNeedsAV2Pipeline() {
        var nativeModel = MODEL.withDelivery(MODEL.delivery().withMode(dev.stepsolver.pipeline.model.LambdaDeployMode.LAMBDA_ACTION));
        var v1 = PipelineSynthesizer.declaration(nativeModel, PipelineValues.concrete(nativeModel, SynthTarget.of("0", "r", "c")))
                .toBuilder().pipelineType(PipelineType.V1).build();

        assertThat(check(v1)).anyMatch(p -> p.rule().equals(PipelineRules.PIPELINE_TYPE)
                && p.where().contains("action 'DeployLambda'"));
    }

    @Test
    void theNativeLambdaDeployPipelinePassesEveryRule() {
        var nativeModel = MODEL.withDelivery(MODEL.delivery().withMode(dev.stepsolver.pipeline.model.LambdaDeployMode.LAMBDA_ACTION));
        var pipeline = PipelineSynthesizer.declaration(nativeModel, PipelineValues.concrete(nativeModel, SynthTarget.of("0", "r", "c")));

        assertThat(PipelineRules.check(pipeline, ActionVariables.forModel(nativeModel, Set.of()))).isEmpty();
    }
}
