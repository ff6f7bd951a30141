package dev.stepsolver.emulator.codebuild;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a build is started with: the project and everything that overrides it for this build. Empty
 * optionals mean "as the project says". Build with {@link #forProject(String)}:
 *
 * <pre>{@code
 * BuildRequest.forProject("app-build")
 *         .primarySource(SourceInput.s3("artifacts", "pipeline/SourceOutput/abc.zip"))
 *         .secondarySource("Tests", SourceInput.directory(checkout))
 *         .environmentVariable("COMMIT_ID", commit)
 *         .resolvedSourceVersion(commit)
 *         .artifacts(ArtifactTarget.zip("artifacts", "pipeline/BuildOutput/def.zip"))
 *         .initiator("codepipeline/app-pipeline")
 *         .build();
 * }</pre>
 *
 * @param sourceType the source type BatchGetBuilds shows when the source is overridden through the
 *     API; empty keeps the project's (CodePipeline's builds show CODEPIPELINE)
 * @param resolvedSourceVersion the commit the source was taken from, when the caller knows it
 *     (CodePipeline passes its source revision)
 */
public record BuildRequest(
        String projectName,
        Optional<SourceInput> primarySource,
        Optional<String> sourceType,
        Optional<Map<String, SourceInput>> secondarySources,
        Optional<String> sourceVersion,
        Optional<String> resolvedSourceVersion,
        Optional<String> buildspecOverride,
        List<EnvironmentVariable> environmentOverrides,
        OptionalInt timeoutInMinutes,
        Optional<ArtifactTarget> artifacts,
        Optional<Map<String, ArtifactTarget>> secondaryArtifacts,
        String initiator) {

    public BuildRequest {
        Objects.requireNonNull(projectName);
        secondarySources = secondarySources.map(m -> java.util.Collections.unmodifiableMap(new LinkedHashMap<>(m)));
        environmentOverrides = List.copyOf(environmentOverrides);
        secondaryArtifacts = secondaryArtifacts.map(m -> java.util.Collections.unmodifiableMap(new LinkedHashMap<>(m)));
        Objects.requireNonNull(initiator);
    }

    public static Builder forProject(String projectName) {
        return new Builder(projectName);
    }

    /** Fluent construction of a {@link BuildRequest}. */
    public static final class Builder {
        private final String projectName;
        private SourceInput primarySource;
        private String sourceType;
        private Map<String, SourceInput> secondarySources;
        private String sourceVersion;
        private String resolvedSourceVersion;
        private String buildspec;
        private final List<EnvironmentVariable> environment = new ArrayList<>();
        private Integer timeoutInMinutes;
        private ArtifactTarget artifacts;
        private Map<String, ArtifactTarget> secondaryArtifacts;
        private String initiator = "root";

        private Builder(String projectName) {
            this.projectName = Objects.requireNonNull(projectName);
        }

        public Builder primarySource(SourceInput value) {
            this.primarySource = Objects.requireNonNull(value);
            return this;
        }

        public Builder sourceType(String value) {
            this.sourceType = Objects.requireNonNull(value);
            return this;
        }

        /** Replaces the project's secondary sources with the ones given (this call and later ones). */
        public Builder secondarySource(String identifier, SourceInput value) {
            if (secondarySources == null) {
                secondarySources = new LinkedHashMap<>();
            }
            secondarySources.put(Objects.requireNonNull(identifier), Objects.requireNonNull(value));
            return this;
        }

        public Builder sourceVersion(String value) {
            this.sourceVersion = Objects.requireNonNull(value);
            return this;
        }

        public Builder resolvedSourceVersion(String value) {
            this.resolvedSourceVersion = Objects.requireNonNull(value);
            return this;
        }

        /** A buildspec path in the source, or the buildspec's YAML itself. */
        public Builder buildspec(String value) {
            this.buildspec = Objects.requireNonNull(value);
            return this;
        }

        public Builder environmentVariable(String name, String value) {
            environment.add(EnvironmentVariable.plain(name, value));
            return this;
        }

        public Builder environmentVariable(EnvironmentVariable variable) {
            environment.add(Objects.requireNonNull(variable));
            return this;
        }

        public Builder timeoutInMinutes(int minutes) {
            this.timeoutInMinutes = minutes;
            return this;
        }

        public Builder artifacts(ArtifactTarget value) {
            this.artifacts = Objects.requireNonNull(value);
            return this;
        }

        /** Replaces the project's secondary artifacts with the ones given (this call and later ones). */
        public Builder secondaryArtifact(String identifier, ArtifactTarget value) {
            if (secondaryArtifacts == null) {
                secondaryArtifacts = new LinkedHashMap<>();
            }
            secondaryArtifacts.put(Objects.requireNonNull(identifier), Objects.requireNonNull(value));
            return this;
        }

        /** Who started the build: {@code codepipeline/<pipeline>} for CodePipeline, a user name otherwise. */
        public Builder initiator(String value) {
            this.initiator = Objects.requireNonNull(value);
            return this;
        }

        public BuildRequest build() {
            return new BuildRequest(projectName, Optional.ofNullable(primarySource), Optional.ofNullable(sourceType),
                    Optional.ofNullable(secondarySources), Optional.ofNullable(sourceVersion),
                    Optional.ofNullable(resolvedSourceVersion), Optional.ofNullable(buildspec), environment,
                    timeoutInMinutes == null ? OptionalInt.empty() : OptionalInt.of(timeoutInMinutes),
                    Optional.ofNullable(artifacts), Optional.ofNullable(secondaryArtifacts), initiator);
        }
    }
}
