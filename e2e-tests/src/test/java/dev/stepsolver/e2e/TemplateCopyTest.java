package dev.stepsolver.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepsolver.pipeline.model.DeploymentModel;
import dev.stepsolver.pipeline.synth.Synthesis;
import dev.stepsolver.pipeline.synth.SynthTarget;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The emulator's own tests deploy a copy of the project's template (the emulator does not depend on
 * pipeline-definition): that copy must be the template the model synthesizes today, or those tests
 * would prove the emulator against a template nobody deploys.
 */
class TemplateCopyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theEmulatorTestsDeployTheTemplateTheModelSynthesizes() throws IOException {
        Path root = Path.of(System.getProperty("repository.root", "..")).toAbsolutePath().normalize();
        Path copy = root.resolve("local-emulator/src/test/resources/cloudformation/stepsolver-template.json");
        String synthesized = Synthesis.of(DeploymentModel.defaults(), SynthTarget.of(SynthTarget.DEFAULT_ACCOUNT,
                SynthTarget.DEFAULT_REGION, DeploymentModel.defaults().source().connectionName())).templateJson();

        assertThat(JSON.readTree(copy.toFile()))
                .as("%s is out of date: copy pipeline-definition/src/test/resources/golden/template.json over it", copy)
                .isEqualTo(JSON.readTree(synthesized));
    }
}
