package dev.stepsolver.emulator.codebuild;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a build will do once the project and the start request's overrides are merged.
 *
 * @param buildspec a path in the primary source, an {@code arn:aws:s3:::} location or inline YAML;
 *     empty for {@code buildspec.yml}
 * @param variables the project's environment variables with the request's overrides applied
 */
record BuildPlan(SourceInput primary, Map<String, SourceInput> secondary, Optional<String> buildspec,
        List<EnvironmentVariable> variables, int timeoutInMinutes, ArtifactTarget artifacts,
        Map<String, ArtifactTarget> secondaryArtifacts) {

    BuildPlan {
        secondary = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(secondary));
        variables = List.copyOf(variables);
        secondaryArtifacts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(secondaryArtifacts));
    }
}
