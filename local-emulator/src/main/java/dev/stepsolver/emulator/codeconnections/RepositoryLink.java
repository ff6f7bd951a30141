package dev.stepsolver.emulator.codeconnections;

import java.util.Objects;

/**
 * A repository as a connection reaches it: the provider's {@code owner/repo} name and the local git
 * repository standing in for it (a directory, with or without a work tree, or a {@code file://} URL).
 */
public record RepositoryLink(String fullRepositoryId, String location) {

    public RepositoryLink {
        Objects.requireNonNull(fullRepositoryId);
        Objects.requireNonNull(location);
    }
}
