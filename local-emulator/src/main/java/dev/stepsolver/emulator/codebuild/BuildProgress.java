package dev.stepsolver.emulator.codebuild;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A build's changing record while it runs: phases start and end, results arrive. Every change
 * produces a new immutable {@link Build} snapshot, readable from any thread.
 */
final class BuildProgress {

    private final Build initial;
    private final List<Phase> phases;
    private PhaseType currentPhase;
    private BuildStatus status;
    private Instant endTime;
    private String resolvedSourceVersion;
    private ArtifactResult artifacts;
    private final List<ArtifactResult> secondaryArtifacts;
    private final Map<String, String> exportedVariables;
    private final List<String> reportArns;
    private volatile Build snapshot;

    BuildProgress(Build initial) {
        this.initial = initial;
        this.phases = new ArrayList<>(initial.phases());
        this.currentPhase = initial.currentPhase();
        this.status = initial.status();
        this.endTime = initial.endTime();
        this.resolvedSourceVersion = initial.resolvedSourceVersion();
        this.artifacts = initial.artifacts();
        this.secondaryArtifacts = new ArrayList<>(initial.secondaryArtifacts());
        this.exportedVariables = new LinkedHashMap<>(initial.exportedVariables());
        this.reportArns = new ArrayList<>(initial.reportArns());
        this.snapshot = initial;
    }

    Build snapshot() {
        return snapshot;
    }

    synchronized Build startPhase(PhaseType type, Instant now) {
        phases.add(new Phase(type, null, now, null, List.of()));
        currentPhase = type;
        return publish();
    }

    /** Ends the phase in progress (if any). */
    synchronized Build endPhase(PhaseStatus phaseStatus, List<PhaseContext> contexts, Instant now) {
        if (!phases.isEmpty()) {
            Phase last = phases.get(phases.size() - 1);
            if (last.status() == null && last.type() != PhaseType.COMPLETED) {
                phases.set(phases.size() - 1, new Phase(last.type(), phaseStatus, last.startTime(), now, contexts));
            }
        }
        return publish();
    }

    /** The phase in progress, if one is. */
    synchronized java.util.Optional<PhaseType> phaseInProgress() {
        if (phases.isEmpty()) {
            return java.util.Optional.empty();
        }
        Phase last = phases.get(phases.size() - 1);
        return last.status() == null && last.type() != PhaseType.COMPLETED ? java.util.Optional.of(last.type())
                : java.util.Optional.empty();
    }

    synchronized boolean anyPhaseFailed() {
        return phases.stream().anyMatch(p -> p.status() == PhaseStatus.FAILED);
    }

    synchronized Build resolvedSourceVersion(String value) {
        resolvedSourceVersion = value;
        return publish();
    }

    synchronized Build primaryArtifact(ArtifactResult value) {
        artifacts = value;
        return publish();
    }

    synchronized Build secondaryArtifact(ArtifactResult value) {
        secondaryArtifacts.add(value);
        return publish();
    }

    synchronized Build exportedVariables(Map<String, String> values) {
        exportedVariables.clear();
        exportedVariables.putAll(values);
        return publish();
    }

    synchronized Build reportArn(String arn) {
        reportArns.add(arn);
        return publish();
    }

    /** Adds the final COMPLETED phase and the build's status. */
    synchronized Build complete(BuildStatus finalStatus, Instant now) {
        phases.add(new Phase(PhaseType.COMPLETED, null, now, null, List.of()));
        currentPhase = PhaseType.COMPLETED;
        status = finalStatus;
        endTime = now;
        return publish();
    }

    private Build publish() {
        Build b = initial;
        snapshot = new Build(b.id(), b.arn(), b.buildNumber(), b.projectName(), b.startTime(), endTime, currentPhase,
                status, phases, b.source(), b.secondarySources(), b.sourceVersion(), resolvedSourceVersion,
                b.environment(), b.serviceRole(), b.initiator(), b.timeoutInMinutes(), b.queuedTimeoutInMinutes(),
                artifacts, secondaryArtifacts, exportedVariables, reportArns, b.logGroup(), b.logStream());
        return snapshot;
    }
}
