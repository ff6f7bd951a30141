package dev.stepsolver.emulator.codebuild;

import java.util.Optional;

/**
 * A build's source as BatchGetBuilds shows it.
 *
 * @param location null when the source has none (NO_SOURCE)
 * @param buildspec null when the default {@code buildspec.yml} is used
 * @param identifier null for the primary source
 */
public record BuildSource(String type, String location, String buildspec, String identifier) {

    public Optional<String> locationIfAny() {
        return Optional.ofNullable(location);
    }

    public Optional<String> identifierIfAny() {
        return Optional.ofNullable(identifier);
    }
}
