package dev.stepsolver.pipeline.validate;

import dev.stepsolver.pipeline.model.ReportGroupSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the model and the pipeline expect of one buildspec: the project's report groups, the
 * artifacts its action outputs, the variables later actions read from it, the environment it
 * is given (with the values known at synth time), and the alias its {@code publish} targets
 * together with the artifact directory the AppSpec must land at the root of.
 */
public record BuildspecExpectations(
        String projectName,
        List<ReportGroupSpec> reportGroups,
        List<String> outputArtifacts,
        Set<String> requiredExports,
        Map<String, String> environment,
        String publishAlias,
        Optional<String> appSpecArtifact) {

    public BuildspecExpectations {
        reportGroups = List.copyOf(reportGroups);
        outputArtifacts = List.copyOf(outputArtifacts);
        requiredExports = Set.copyOf(requiredExports);
        environment = Map.copyOf(environment);
    }
}
