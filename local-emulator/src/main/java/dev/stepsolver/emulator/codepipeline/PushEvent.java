package dev.stepsolver.emulator.codepipeline;

import java.util.Optional;
import java.util.Set;

/**
 * A push to a repository, from polling or a webhook: the branch, the commit it moved to and the files
 * it changed.
 *
 * @param fullRepositoryId {@code owner/repo}
 * @param before the commit the branch pointed at before, when known
 */
public record PushEvent(String fullRepositoryId, String branch, Optional<String> before, String after,
        Set<String> changedFiles) {

    public PushEvent {
        changedFiles = Set.copyOf(changedFiles);
    }
}
