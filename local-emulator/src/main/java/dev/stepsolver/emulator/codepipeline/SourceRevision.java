package dev.stepsolver.emulator.codepipeline;

import java.time.Instant;

/**
 * A revision a source action fetched, as GetPipelineExecution's artifactRevisions and
 * ListPipelineExecutions' sourceRevisions show it.
 *
 * @param revisionSummary for connection sources, JSON such as
 *     {@code {"ProviderType":"GitHub","CommitMessage":"..."}}, as AWS shows it
 * @param revisionUrl null when there is none
 */
public record SourceRevision(String actionName, String artifactName, String revisionId, String revisionSummary,
        Instant created, String revisionUrl) {
}
