package dev.stepsolver.pipeline.synth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepsolver.pipeline.model.DeploymentModel;
import dev.stepsolver.pipeline.model.LambdaDeployMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code synth} output against the golden files in {@code src/test/resources/golden}.
 * After an intended change, regenerate them with
 * {@code ./mvnw -pl pipeline-definition -am verify -Dtest=GoldenFilesTest -Dsurefire.failIfNoSpecifiedTests=false -Dgolden.update=true}
 * and review the diff.
 */
class GoldenFilesTest {

    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");
    private static final SynthTarget TARGET = SynthTarget.of(SynthTarget.DEFAULT_ACCOUNT, SynthTarget.DEFAULT_REGION,
            "stepsolver-github");

    @Test
    void defaultModelSynthesizesTheGoldenTemplate() throws IOException {
        assertGolden("template.json", Synthesis.of(DeploymentModel.defaults(), TARGET).templateJson());
    }

    @Test
    void defaultModelSynthesizesTheGoldenPipeline() throws IOException {
        assertGolden("pipeline.json", Synthesis.of(DeploymentModel.defaults(), TARGET).pipelineJson());
    }

    @Test
    void nativeLambdaDeployModelSynthesizesItsGoldenPipeline() throws IOException {
        DeploymentModel model = DeploymentModel.defaults()
                .withDelivery(DeploymentModel.defaults().delivery().withMode(LambdaDeployMode.LAMBDA_ACTION));
        assertGolden("lambda-action-pipeline.json", Synthesis.of(model, TARGET).pipelineJson());
    }

    @Test
    void theSameModelSynthesizesTheSameBytes() {
        Synthesis first = Synthesis.of(DeploymentModel.defaults(), TARGET);
        Synthesis second = Synthesis.of(DeploymentModel.defaults(), TARGET);

        assertThat(second.templateJson().getBytes(StandardCharsets.UTF_8))
                .isEqualTo(first.templateJson().getBytes(StandardCharsets.UTF_8));
        assertThat(second.pipelineJson().getBytes(StandardCharsets.UTF_8))
                .isEqualTo(first.pipelineJson().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void synthWritesBothFilesIntoTheDirectory(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Synthesis synthesis = Synthesis.of(DeploymentModel.defaults(), TARGET);

        synthesis.writeTo(dir.resolve("out"));

        assertThat(dir.resolve("out/template.json")).hasContent(synthesis.templateJson());
        assertThat(dir.resolve("out/pipeline.json")).hasContent(synthesis.pipelineJson());
    }

    private static void assertGolden(String name, String actual) throws IOException {
        Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(actual);
    }
}
