package dev.stepsolver.pipeline.model;

import java.util.List;

/**
 * The GitHub repository the pipeline follows, through a CodeConnections connection.
 * {@code fullRepositoryId} and {@code branch} become template parameters (their defaults are
 * these values) so a stack can point at a fork without a new synth.
 */
public record SourceSpec(
        String connectionName,
        String providerType,
        String fullRepositoryId,
        String branch,
        List<String> excludedFilePaths) {

    public SourceSpec {
        excludedFilePaths = List.copyOf(excludedFilePaths);
    }

    static SourceSpec defaults(String prefix) {
        return new SourceSpec(prefix + "-github", "GitHub", "stepsolver/stepsolver", "main",
                List.of("README.md", "**/README.md", "LICENSE"));
    }

    public SourceSpec withFullRepositoryId(String value) {
        return new SourceSpec(connectionName, providerType, value, branch, excludedFilePaths);
    }

    public SourceSpec withBranch(String value) {
        return new SourceSpec(connectionName, providerType, fullRepositoryId, value, excludedFilePaths);
    }

    public SourceSpec withConnectionName(String value) {
        return new SourceSpec(value, providerType, fullRepositoryId, branch, excludedFilePaths);
    }
}
