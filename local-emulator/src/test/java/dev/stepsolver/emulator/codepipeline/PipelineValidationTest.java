package dev.stepsolver.emulator.codepipeline;

import static dev.stepsolver.emulator.codepipeline.PipelineFixtures.BUCKET;
import static dev.stepsolver.emulator.codepipeline.PipelineFixtures.approval;
import static dev.stepsolver.emulator.codepipeline.PipelineFixtures.codeBuildAction;
import static dev.stepsolver.emulator.codepipeline.PipelineFixtures.source;
import static dev.stepsolver.emulator.codepipeline.PipelineFixtures.stage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepsolver.emulator.LocalEmulator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.ActionDeclaration;
import software.amazon.awssdk.services.codepipeline.model.CodePipelineException;
import software.amazon.awssdk.services.codepipeline.model.InvalidActionDeclarationException;
import software.amazon.awssdk.services.codepipeline.model.InvalidStructureException;
import software.amazon.awssdk.services.codepipeline.model.PipelineDeclaration;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecutionNotFoundException;
import software.amazon.awssdk.services.codepipeline.model.PipelineNameInUseException;
import software.amazon.awssdk.services.codepipeline.model.PipelineNotFoundException;
import software.amazon.awssdk.services.codepipeline.model.StageDeclaration;

/** CreatePipeline refuses bad declarations with AWS's exceptions, naming what is wrong. */
class PipelineValidationTest {

    private static final String CONNECTION = "arn:aws:codeconnections:us-east-1:000000000000:connection/abc";
    private static LocalEmulator emulator;
    private static CodePipelineClient codePipeline;

    @BeforeAll
    static void start() {
        emulator = LocalEmulator.builder().port(0)
                .replaceModule(new CodePipelineModule(CodePipelineSettings.defaults().withStartOnCreate(false)))
                .build().start();
        codePipeline = PipelineFixtures.codePipeline(emulator.endpoint());
    }

    @AfterAll
    static void stop() {
        codePipeline.close();
        emulator.close();
    }

    private static ActionDeclaration build() {
        return codeBuildAction("Build", "Build", "project").inputArtifacts(i -> i.name("SourceOutput"))
                .outputArtifacts(o -> o.name("BuildOutput")).build();
    }

    private static PipelineDeclaration pipeline(String name, StageDeclaration... stages) {
        return PipelineDeclaration.builder().name(name).roleArn("arn:aws:iam::000000000000:role/pipeline")
                .artifactStore(a -> a.type("S3").location(BUCKET)).pipelineType("V2").stages(List.of(stages)).build();
    }

    private static PipelineDeclaration valid(String name) {
        return pipeline(name, stage("Source", source(CONNECTION, "acme/app", "main")), stage("Build", build()));
    }

    private static void create(PipelineDeclaration declaration) {
        codePipeline.createPipeline(r -> r.pipeline(declaration));
    }

    private static PipelineDeclaration withBuild(String name, UnaryOperator<ActionDeclaration.Builder> change) {
        return pipeline(name, stage("Source", source(CONNECTION, "acme/app", "main")),
                stage("Build", change.apply(build().toBuilder()).build()));
    }

    @Test
    void aValidDeclarationIsStoredAsVersionOneWithAwsDefaults() {
        create(valid("valid"));

        var stored = codePipeline.getPipeline(r -> r.name("valid"));

        assertThat(stored.pipeline().version()).isEqualTo(1);
        assertThat(stored.pipeline().executionModeAsString()).isEqualTo("SUPERSEDED");
        assertThat(stored.metadata().pipelineArn()).isEqualTo("arn:aws:codepipeline:us-east-1:000000000000:valid");
        assertThat(stored.pipeline().stages()).isEqualTo(valid("valid").stages());
    }

    @Test
    void anUpdateStoresTheNextVersion() {
        create(valid("updated"));

        var updated = codePipeline.updatePipeline(r -> r.pipeline(valid("updated").toBuilder()
                .executionMode("QUEUED").build()));

        assertThat(updated.pipeline().version()).isEqualTo(2);
        assertThat(codePipeline.getPipeline(r -> r.name("updated")).pipeline().executionModeAsString())
                .isEqualTo("QUEUED");
    }

    @Test
    void aSecondPipelineOfTheSameNameIsRefused() {
        create(valid("twice"));

        assertThatThrownBy(() -> create(valid("twice"))).isInstanceOf(PipelineNameInUseException.class)
                .hasMessageContaining("A pipeline with the name 'twice' already exists");
    }

    @Test
    void anUnknownPipelineIsNotFound() {
        assertThatThrownBy(() -> codePipeline.getPipeline(r -> r.name("nowhere")))
                .isInstanceOf(PipelineNotFoundException.class)
                .hasMessageContaining("does not have a pipeline with name 'nowhere'");
    }

    @Test
    void anUnknownExecutionIsNotFound() {
        create(valid("no-executions"));

        assertThatThrownBy(() -> codePipeline.getPipelineExecution(r -> r.pipelineName("no-executions")
                .pipelineExecutionId("00000000-0000-0000-0000-000000000000")))
                .isInstanceOf(PipelineExecutionNotFoundException.class);
    }

    @Test
    void aPipelineWithOneStageIsRefused() {
        assertThatThrownBy(() -> create(pipeline("one-stage", stage("Source", source(CONNECTION, "a/b", "main")))))
                .isInstanceOf(InvalidStructureException.class)
                .hasMessageContaining("Pipeline has only 1 stage(s)");
    }

    @Test
    void duplicateStageNamesAreRefused() {
        assertThatThrownBy(() -> create(pipeline("dup-stage", stage("Source", source(CONNECTION, "a/b", "main")),
                stage("Build", build()), stage("Build", approval("Approve")))))
                .isInstanceOf(InvalidStructureException.class).hasMessageContaining("Stage name Build");
    }

    @Test
    void anInputArtifactNoEarlierActionProducesIsRefused() {
        assertThatThrownBy(() -> create(withBuild("no-input", b -> b.inputArtifacts(i -> i.name("Elsewhere")))))
                .isInstanceOf(InvalidStructureException.class)
                .hasMessageContaining("Input artifact Elsewhere of action Build");
    }

    @Test
    void anUnknownProviderIsRefused() {
        assertThatThrownBy(() -> create(withBuild("bad-provider", b -> b.actionTypeId(t -> t.category("Build")
                .owner("AWS").provider("Jenkins2").version("1")))))
                .isInstanceOf(InvalidActionDeclarationException.class)
                .hasMessageContaining("ActionType (Category: 'Build', Provider: 'Jenkins2', Owner: 'AWS',"
                        + " Version: '1') in action 'Build' is not available");
    }

    @Test
    void anUnknownConfigurationKeyIsRefused() {
        assertThatThrownBy(() -> create(withBuild("bad-key", b -> b.configuration(Map.of("ProjectName", "p",
                "Colour", "blue")))))
                .isInstanceOf(InvalidActionDeclarationException.class)
                .hasMessageContaining("Action configuration for action 'Build' contains unknown configuration"
                        + " 'Colour'");
    }

    @Test
    void aMissingRequiredConfigurationKeyIsRefused() {
        assertThatThrownBy(() -> create(withBuild("no-project", b -> b.configuration(Map.of()))))
                .isInstanceOf(InvalidActionDeclarationException.class)
                .hasMessageContaining("is missing required configuration 'ProjectName'");
    }

    @Test
    void malformedCodeBuildEnvironmentVariablesAreRefused() {
        assertThatThrownBy(() -> create(withBuild("bad-env", b -> b.configuration(Map.of("ProjectName", "p",
                "EnvironmentVariables", "[{\"name\":\"A\"}]")))))
                .isInstanceOf(InvalidActionDeclarationException.class)
                .hasMessageContaining("invalid EnvironmentVariables");
    }

    @Test
    void aVariableFromANamespaceNoEarlierActionHasIsRefused() {
        assertThatThrownBy(() -> create(withBuild("bad-variable", b -> b.configuration(Map.of("ProjectName", "p",
                "EnvironmentVariables", "[{\"name\":\"A\",\"value\":\"#{Later.X}\"}]")))))
                .isInstanceOf(InvalidActionDeclarationException.class)
                .hasMessageContaining("#{Later.X}");
    }

    @Test
    void aSourceActionOutsideTheFirstStageIsRefused() {
        assertThatThrownBy(() -> create(pipeline("late-source", stage("Source", source(CONNECTION, "a/b", "main")),
                stage("Later", source(CONNECTION, "a/c", "main").toBuilder().name("Other")
                        .outputArtifacts(o -> o.name("Other")).namespace(null).build()))))
                .isInstanceOf(InvalidStructureException.class)
                .hasMessageContaining("source actions can only be in the first stage");
    }

    @Test
    void theLambdaDeployActionIsRefusedInAVersionOnePipeline() {
        ActionDeclaration deploy = ActionDeclaration.builder().name("Deploy")
                .actionTypeId(t -> t.category("Deploy").owner("AWS").provider("Lambda").version("1"))
                .configuration(Map.of("FunctionName", "fn", "FunctionAlias", "live", "PublishedTargetVersion", "2"))
                .build();

        assertThatThrownBy(() -> create(pipeline("v1-lambda", stage("Source", source(CONNECTION, "a/b", "main")),
                stage("Deploy", deploy)).toBuilder().pipelineType("V1").build()))
                .isInstanceOf(InvalidActionDeclarationException.class)
                .hasMessageContaining("only supported for pipelines of type V2");
    }

    @Test
    void aBadDeployStrategyIsRefused() {
        ActionDeclaration deploy = ActionDeclaration.builder().name("Deploy")
                .actionTypeId(t -> t.category("Deploy").owner("AWS").provider("Lambda").version("1"))
                .configuration(Map.of("FunctionName", "fn", "FunctionAlias", "live", "PublishedTargetVersion", "2",
                        "DeployStrategy", "Canary150Percent5Minutes"))
                .build();

        assertThatThrownBy(() -> create(pipeline("bad-strategy", stage("Source", source(CONNECTION, "a/b", "main")),
                stage("Deploy", deploy))))
                .isInstanceOf(InvalidActionDeclarationException.class)
                .hasMessageContaining("Canary150Percent5Minutes");
    }

    @Test
    void aTriggerNamingNoSourceActionIsRefused() {
        assertThatThrownBy(() -> create(valid("bad-trigger").toBuilder().triggers(t -> t
                .providerType("CodeStarSourceConnection").gitConfiguration(g -> g.sourceActionName("Nope")
                        .push(p -> p.branches(b -> b.includes("main"))))).build()))
                .isInstanceOf(InvalidStructureException.class)
                .hasMessageContaining("Trigger source action Nope");
    }

    @Test
    void theProjectsOwnPipelineDeclarationIsAccepted() throws Exception {
        // CloudFormation actions are accepted in declarations before its provider exists
        String json = new String(getClass().getResourceAsStream("/codepipeline/stepsolver-pipeline.json")
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        PipelineDeclaration declaration = dev.stepsolver.emulator.protocol.ModelJson.read(
                dev.stepsolver.emulator.protocol.Mappers.JSON.readTree(json).get("pipeline").toString(),
                PipelineDeclaration::builder);

        create(declaration);

        assertThat(codePipeline.getPipeline(r -> r.name("stepsolver")).pipeline().stages())
                .extracting(StageDeclaration::name)
                .containsExactly("Source", "Build", "PreProd", "IntegrationTests", "Prod");
    }

    @Test
    void missingRequiredMembersAreAValidationError() {
        assertThatThrownBy(() -> codePipeline.createPipeline(r -> r.pipeline(p -> p.name("x"))))
                .isInstanceOf(CodePipelineException.class)
                .satisfies(e -> assertThat(((CodePipelineException) e).awsErrorDetails().errorCode())
                        .isEqualTo("ValidationException"));
    }
}
