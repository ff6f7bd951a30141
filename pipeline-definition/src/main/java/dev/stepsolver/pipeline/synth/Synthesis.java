package dev.stepsolver.pipeline.synth;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.stepsolver.pipeline.model.DeploymentModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.services.codepipeline.model.CreatePipelineRequest;

/** What {@code synth} writes: {@code template.json} and {@code pipeline.json}, byte for byte. */
public record Synthesis(String templateJson, String pipelineJson) {

    public static final String PIPELINE_FILE = "pipeline.json";

    public static Synthesis of(DeploymentModel model, SynthTarget target) {
        String template = CanonicalJson.pretty(TemplateSynthesizer.template(model));
        CreatePipelineRequest request = PipelineSynthesizer.request(model, PipelineValues.concrete(model, target));
        try {
            String pipeline = CanonicalJson.pretty(CanonicalJson.parse(PipelineJson.write(request)));
            return new Synthesis(template, pipeline);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the SDK wrote JSON Jackson cannot read", e);
        }
    }

    /** The same synthesis with the template on one line. */
    public Synthesis compact() {
        try {
            return new Synthesis(CanonicalJson.compact(CanonicalJson.parse(templateJson)) + "\n", pipelineJson);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the template is JSON this class wrote", e);
        }
    }

    public void writeTo(Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve(PipelineNames.TEMPLATE_FILE), templateJson, StandardCharsets.UTF_8);
        Files.writeString(directory.resolve(PIPELINE_FILE), pipelineJson, StandardCharsets.UTF_8);
    }
}
