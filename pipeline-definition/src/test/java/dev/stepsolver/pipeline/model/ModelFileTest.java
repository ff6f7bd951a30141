package dev.stepsolver.pipeline.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModelFileTest {

    @Test
    void anEmptyFileIsTheDefaultModel() throws Exception {
        assertThat(ModelFile.parse("", "empty.yaml")).isEqualTo(DeploymentModel.defaults());
    }

    @Test
    void aPrefixRenamesEverythingAndTheRestOverrides() throws Exception {
        DeploymentModel model = ModelFile.parse("""
                prefix: acme
                source:
                  branch: release
                  excludedFilePaths: [docs/**]
                delivery:
                  mode: LAMBDA_ACTION
                """, "m.yaml");

        assertThat(model.function().name()).isEqualTo("acme-solver");
        assertThat(model.source().branch()).isEqualTo("release");
        assertThat(model.source().excludedFilePaths()).isEqualTo(List.of("docs/**"));
        assertThat(model.delivery().mode()).isEqualTo(LambdaDeployMode.LAMBDA_ACTION);
        assertThat(model.delivery().applicationName()).isEqualTo("acme");
    }

    @Test
    void jsonIsAModelFileToo() throws Exception {
        assertThat(ModelFile.parse("{\"stackName\": \"other\"}", "m.json").stackName()).isEqualTo("other");
    }

    @Test
    void anUnknownKeyIsNamedWithItsPath() {
        assertThatThrownBy(() -> ModelFile.parse("api:\n  stages: 2\n", "m.yaml"))
                .hasMessageContaining("unknown model key 'api.stages'");
    }

    @Test
    void aValueOfTheWrongKindIsRejected() {
        assertThatThrownBy(() -> ModelFile.parse("delivery:\n  mode: SOMETIMES\n", "m.yaml"))
                .isInstanceOf(ModelFile.InvalidModelException.class).hasMessageContaining("m.yaml");
    }

    @Test
    void aFileThatIsNotAMappingIsRejected() {
        assertThatThrownBy(() -> ModelFile.parse("- a\n- b\n", "m.yaml")).hasMessageContaining("mapping at the top level");
    }
}
