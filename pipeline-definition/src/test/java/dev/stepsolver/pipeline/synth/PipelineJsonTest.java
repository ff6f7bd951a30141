package dev.stepsolver.pipeline.synth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepsolver.pipeline.model.DeploymentModel;
import dev.stepsolver.pipeline.validate.ActionVariables;
import dev.stepsolver.pipeline.validate.Validation;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codepipeline.model.CreatePipelineRequest;

class PipelineJsonTest {

    private final DeploymentModel model = DeploymentModel.defaults();
    private final SynthTarget target = SynthTarget.of("123456789012", "eu-west-1", "stepsolver-github");
    private final String json = Synthesis.of(model, target).pipelineJson();

    @Test
    void thePipelineJsonSurvivesTheSdkModelWithoutLoss() throws Exception {
        assertThat(CanonicalJson.parse(PipelineJson.roundTrip(json))).isEqualTo(CanonicalJson.parse(json));
    }

    @Test
    void readingThePipelineJsonGivesTheDeclarationTheSynthesizerBuilt() {
        CreatePipelineRequest built = PipelineSynthesizer.request(model, PipelineValues.concrete(model, target));

        assertThat(PipelineJson.read(json)).isEqualTo(built);
    }

    @Test
    void aMemberTheSdkDoesNotKnowIsReportedAsLost() throws Exception {
        ObjectNode tree = (ObjectNode) CanonicalJson.parse(json);
        ((ObjectNode) tree.get("pipeline")).put("notAPipelineMember", "x");

        var problems = Validation.pipeline(CanonicalJson.pretty(tree), ActionVariables.of(Map.of(), Set.of()));

        assertThat(problems).anyMatch(p -> p.rule().equals(Validation.ROUND_TRIP));
    }

    @Test
    void thePipelineJsonHasTheShapeCreatePipelineTakes() throws Exception {
        var tree = CanonicalJson.parse(json);

        assertThat(tree.fieldNames()).toIterable().containsExactly("pipeline", "tags");
        assertThat(tree.path("pipeline").path("pipelineType").asText()).isEqualTo("V2");
        assertThat(tree.path("pipeline").path("executionMode").asText()).isEqualTo("SUPERSEDED");
        assertThat(tree.path("pipeline").path("roleArn").asText()).isEqualTo("arn:aws:iam::123456789012:role/stepsolver-pipeline");
        assertThat(tree.path("pipeline").path("artifactStore").path("location").asText())
                .isEqualTo("stepsolver-artifacts-123456789012-eu-west-1");
    }

    @Test
    void thePushTriggerSkipsReadmeAndLicenseChanges() throws Exception {
        var push = CanonicalJson.parse(json).path("pipeline").path("triggers").get(0).path("gitConfiguration").path("push").get(0);

        assertThat(push.path("branches").path("includes").get(0).asText()).isEqualTo("main");
        assertThat(push.path("filePaths").path("excludes").toString()).contains("README.md", "LICENSE");
    }

    @Test
    void theStagesRunInTheDesignedOrder() throws Exception {
        var stages = CanonicalJson.parse(json).path("pipeline").path("stages");

        assertThat(stages.findValuesAsText("name")).startsWith("Source", "Source");
        assertThat(java.util.stream.StreamSupport.stream(stages.spliterator(), false).map(s -> s.path("name").asText()))
                .containsExactly("Source", "Build", "PreProd", "IntegrationTests", "Prod");
    }
}
