package dev.stepsolver.emulator.codebuild;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A build as recorded: what it ran, its phases and status, and what it produced. Also the form it
 * is persisted in, so the few absent values are nulls here with Optional accessors beside them.
 *
 * @param id {@code project:uuid}
 * @param endTime null while the build runs
 * @param resolvedSourceVersion null when the source has no resolvable version
 * @param artifacts the primary artifact; null when none was uploaded
 * @param exportedVariables the buildspec's exported variables, captured after the last command phase
 * @param logGroup the CloudWatch-style group name ({@code /aws/codebuild/<project>})
 * @param logStream the stream name (the id's uuid part)
 */
public record Build(
        String id,
        String arn,
        long buildNumber,
        String projectName,
        Instant startTime,
        Instant endTime,
        PhaseType currentPhase,
        BuildStatus status,
        List<Phase> phases,
        BuildSource source,
        List<BuildSource> secondarySources,
        String sourceVersion,
        String resolvedSourceVersion,
        BuildEnvironment environment,
        String serviceRole,
        String initiator,
        int timeoutInMinutes,
        int queuedTimeoutInMinutes,
        ArtifactResult artifacts,
        List<ArtifactResult> secondaryArtifacts,
        Map<String, String> exportedVariables,
        List<String> reportArns,
        String logGroup,
        String logStream) {

    public Build {
        phases = List.copyOf(phases);
        secondarySources = List.copyOf(secondarySources);
        secondaryArtifacts = List.copyOf(secondaryArtifacts);
        exportedVariables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(exportedVariables));
        reportArns = List.copyOf(reportArns);
    }

    public boolean isComplete() {
        return status.isComplete();
    }

    public Optional<Instant> endTimeIfComplete() {
        return Optional.ofNullable(endTime);
    }

    public Optional<String> resolvedSourceVersionIfAny() {
        return Optional.ofNullable(resolvedSourceVersion);
    }

    public Optional<String> sourceVersionIfAny() {
        return Optional.ofNullable(sourceVersion);
    }

    /** Where the primary artifact went, if the build uploaded one. */
    public Optional<ArtifactResult> primaryArtifact() {
        return Optional.ofNullable(artifacts);
    }

    /** Where the secondary artifact {@code identifier} went, if the build uploaded it. */
    public Optional<ArtifactResult> secondaryArtifact(String identifier) {
        return secondaryArtifacts.stream().filter(a -> identifier.equals(a.identifier())).findFirst();
    }

    /** The phase of {@code type}, if the build reached it. */
    public Optional<Phase> phase(PhaseType type) {
        return phases.stream().filter(p -> p.type() == type).findFirst();
    }

    /** The uuid part of the id. */
    public String uuid() {
        return id.substring(id.indexOf(':') + 1);
    }
}
