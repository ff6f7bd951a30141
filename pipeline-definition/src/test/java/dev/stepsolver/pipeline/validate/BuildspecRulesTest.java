package dev.stepsolver.pipeline.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepsolver.pipeline.model.DeploymentModel;
import dev.stepsolver.pipeline.synth.PipelineNames;
import dev.stepsolver.pipeline.synth.PipelineSynthesizer;
import dev.stepsolver.pipeline.synth.PipelineValues;
import dev.stepsolver.pipeline.synth.SynthTarget;
import dev.stepsolver.pipeline.synth.TemplateSynthesizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repository's buildspecs against the model, and each buildspec rule failing on a broken one. */
class BuildspecRulesTest {

    private static final DeploymentModel MODEL = DeploymentModel.defaults();
    private static final JsonNode TEMPLATE = TemplateSynthesizer.template(MODEL);
    private static final software.amazon.awssdk.services.codepipeline.model.PipelineDeclaration PIPELINE = PipelineSynthesizer.declaration(MODEL,
            PipelineValues.concrete(MODEL, SynthTarget.of("000000000000", "us-east-1", "c")));

    private static final BuildspecExpectations BUILD = Validation.expectations(MODEL, TEMPLATE, PIPELINE,
            MODEL.builds().build(), TemplateSynthesizer.BUILD_PROJECT, PipelineNames.BUILD_NAMESPACE,
            MODEL.function().betaAlias(), Optional.of(PipelineNames.BETA_APPSPEC_ARTIFACT));
    private static final BuildspecExpectations INTEGRATION = Validation.expectations(MODEL, TEMPLATE, PIPELINE,
            MODEL.builds().integration(), TemplateSynthesizer.INTEGRATION_PROJECT, PipelineNames.INTEGRATION_NAMESPACE,
            MODEL.function().prodAlias(), Optional.of(PipelineNames.PROD_APPSPEC_ARTIFACT));

    private static final String BUILDSPEC = RepositoryFiles.read("buildspec.yml");
    private static final String INTEGRATION_BUILDSPEC = RepositoryFiles.read("buildspec-integration.yml");

    private static List<Problem> build(String yaml) {
        return BuildspecRules.check(yaml, "buildspec.yml", BUILD);
    }

    private static void assertOnly(List<Problem> problems, String rule, String... fragments) {
        assertThat(problems).isNotEmpty().allMatch(p -> p.rule().equals(rule), "every problem is " + rule);
        assertThat(problems.getFirst().toString()).contains(fragments);
    }

    private static String replace(String text, String from, String to) {
        assertThat(text).contains(from);
        return text.replace(from, to);
    }

    @Test
    void theRepositoryBuildspecMatchesTheModel() {
        assertThat(build(BUILDSPEC)).isEmpty();
    }

    @Test
    void theRepositoryIntegrationBuildspecMatchesTheModel() {
        assertThat(BuildspecRules.check(INTEGRATION_BUILDSPEC, "buildspec-integration.yml", INTEGRATION)).isEmpty();
    }

    @Test
    void theRepositoryPassesTheWholeValidation() {
        assertThat(Validation.repository(MODEL, RepositoryFiles.ROOT)).isEmpty();
    }

    @Test
    void aBuildspecThatIsNotYamlFails() {
        assertOnly(build("version: 0.2\nphases: [unclosed"), BuildspecRules.BUILDSPEC_SYNTAX, "not valid YAML");
    }

    @Test
    void anUnknownPhaseFails() {
        assertOnly(build(replace(BUILDSPEC, "  pre_build:", "  prebuild:")), BuildspecRules.BUILDSPEC_SYNTAX, "phases.prebuild");
    }

    @Test
    void aReportGroupTheModelDoesNotHaveFails() {
        assertOnly(build(replace(BUILDSPEC, "  unit-tests:", "  unit:")), BuildspecRules.REPORT_GROUPS, "reports.unit");
    }

    @Test
    void aCoverageReportInATestFormatFails() {
        assertOnly(build(replace(BUILDSPEC, "file-format: JACOCOXML", "file-format: JUNITXML")), BuildspecRules.REPORT_GROUPS,
                "reports.coverage", "CODE_COVERAGE");
    }

    @Test
    void aSecondaryArtifactNamedUnlikeThePipelinesOutputFails() {
        assertOnly(build(replace(BUILDSPEC, "    BetaAppSpec:", "    BetaAppspec:")), BuildspecRules.ARTIFACTS,
                "no artifact 'BetaAppSpec'");
    }

    @Test
    void anAppSpecWrittenBelowTheArtifactRootFails() {
        assertOnly(build(replace(BUILDSPEC, "--appspec-out build-output/beta/appspec.yaml",
                "--appspec-out build-output/beta/deploy/appspec.yaml")), BuildspecRules.ARTIFACTS, "root of artifact 'BetaAppSpec'");
    }

    @Test
    void aMissingExportedVariableFails() {
        assertOnly(build(replace(BUILDSPEC, "    - TARGET_VERSION\n", "")), BuildspecRules.EXPORTED_VARIABLES, "TARGET_VERSION");
    }

    @Test
    void anEnvironmentVariableNobodyDefinesFails() {
        assertOnly(build(replace(BUILDSPEC, "\"$FUNCTION_NAME\"", "\"$FUNCTION\"")), BuildspecRules.ENVIRONMENT_VARIABLES, "$FUNCTION,");
    }

    @Test
    void aVariableWithADefaultNeedsNoDefinition() {
        assertThat(build(replace(BUILDSPEC, "- JIB_FLAGS=\"\"", "- JIB_FLAGS=\"${EXTRA_JIB_FLAGS:-}\""))).isEmpty();
    }

    @Test
    void publishingToTheWrongAliasFails() {
        assertOnly(build(replace(BUILDSPEC, "--alias \"$BETA_ALIAS\"", "--alias prod")), BuildspecRules.PUBLISH_ALIAS,
                "'prod'", "'beta'");
    }

    @Test
    void aBuildspecThatNeverPublishesFails() {
        String withoutPublish = BUILDSPEC.lines().filter(l -> !l.contains(" publish ")).reduce("", (a, b) -> a + b + "\n");

        assertThat(build(withoutPublish)).anyMatch(p -> p.rule().equals(BuildspecRules.PUBLISH_ALIAS));
    }

    @Test
    void theIntegrationBuildspecMustReportIntoItsGroup() {
        var problems = BuildspecRules.check(replace(INTEGRATION_BUILDSPEC, "  integration-tests:", "  contract:"),
                "buildspec-integration.yml", INTEGRATION);

        assertThat(problems).anyMatch(p -> p.rule().equals(BuildspecRules.REPORT_GROUPS) && p.message().contains("'integration-tests'"));
    }

    @Test
    void aMissingBuildspecIsReported(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("appspec.yml"), RepositoryFiles.read("appspec.yml"));

        assertThat(Validation.repository(MODEL, dir)).extracting(Problem::rule).contains(Validation.FILE_PRESENT);
    }
}
