package dev.stepsolver.pipeline.appspec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepsolver.pipeline.model.DeploymentModel;
import dev.stepsolver.pipeline.validate.Problem;
import dev.stepsolver.pipeline.validate.Validation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

class AppSpecTemplateTest {

    private static final Path REPOSITORY_APPSPEC = Path.of("..", "appspec.yml");
    private static final AppSpecTemplate.Values VALUES = new AppSpecTemplate.Values("stepsolver-solver", "beta", "3", "4");

    private static AppSpecTemplate repositoryTemplate() throws Exception {
        return AppSpecTemplate.parse(Files.readString(REPOSITORY_APPSPEC), "appspec.yml");
    }

    @Test
    void renderingFillsTheFunctionAliasAndBothVersions() throws Exception {
        String yaml = repositoryTemplate().render(VALUES);

        Map<?, ?> doc = (Map<?, ?>) new Load(LoadSettings.builder().build()).loadFromString(yaml);
        @SuppressWarnings("unchecked")
        Map<String, Object> props = (Map<String, Object>) ((Map<?, ?>) ((Map<?, ?>) ((java.util.List<?>) doc.get("Resources"))
                .getFirst()).get("solver")).get("Properties");
        assertThat(props).containsEntry("Name", "stepsolver-solver").containsEntry("Alias", "beta")
                .containsEntry("CurrentVersion", "3").containsEntry("TargetVersion", "4");
    }

    @Test
    void theRenderedAppSpecIsItselfAValidAppSpec() throws Exception {
        String yaml = repositoryTemplate().render(VALUES);

        assertThat(AppSpecTemplate.parse(yaml, "rendered").target(VALUES))
                .isEqualTo(new AppSpecTemplate.LambdaTarget("stepsolver-solver", "beta", "3", "4"));
    }

    @Test
    void versionsStayStringsSoCodeDeployReadsThemAsVersions() throws Exception {
        String yaml = repositoryTemplate().render(VALUES);

        assertThat(yaml).contains("CurrentVersion: '3'").contains("TargetVersion: '4'");
    }

    @Test
    void anUnknownPlaceholderIsRejected() {
        String text = "version: 0.0\nResources:\n  - f:\n      Type: AWS::Lambda::Function\n      Properties:\n"
                + "        Name: ${FUNCTION}\n        Alias: a\n        CurrentVersion: '1'\n        TargetVersion: '2'\n";

        assertThatThrownBy(() -> AppSpecTemplate.parse(text, "x")).hasMessageContaining("unknown placeholders [FUNCTION]");
    }

    @Test
    void aResourceThatIsNotALambdaFunctionIsRejected() {
        String text = "version: 0.0\nResources:\n  - f:\n      Type: AWS::EC2::Instance\n";

        assertThatThrownBy(() -> AppSpecTemplate.parse(text, "x")).hasMessageContaining("Type AWS::Lambda::Function");
    }

    @Test
    void aMissingTargetVersionIsRejected() {
        String text = "version: 0.0\nResources:\n  - f:\n      Type: AWS::Lambda::Function\n      Properties:\n"
                + "        Name: n\n        Alias: a\n        CurrentVersion: '1'\n";

        assertThatThrownBy(() -> AppSpecTemplate.parse(text, "x")).hasMessageContaining("need TargetVersion");
    }

    @Test
    void theRepositoryAppSpecDescribesTheModelsFunctionForBothAliases() {
        assertThat(Validation.appSpec(DeploymentModel.defaults(), REPOSITORY_APPSPEC)).isEmpty();
    }

    @Test
    void anAppSpecWithAHardCodedAliasFailsForTheOtherStage(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("appspec.yml");
        Files.writeString(file, Files.readString(REPOSITORY_APPSPEC).replace("\"${ALIAS}\"", "beta"));

        assertThat(Validation.appSpec(DeploymentModel.defaults(), file)).extracting(Problem::message)
                .containsExactly("Alias renders as 'beta' when releasing to 'prod'");
    }
}
