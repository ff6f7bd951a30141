package dev.stepsolver.emulator.codebuild;

import java.util.Objects;

/**
 * A project or start-build environment variable. For {@link Type#PARAMETER_STORE} the value is the
 * name of the SSM parameter whose (decrypted) value the build sees.
 */
public record EnvironmentVariable(String name, String value, Type type) {

    /** Where the value comes from. */
    public enum Type { PLAINTEXT, PARAMETER_STORE, SECRETS_MANAGER }

    public EnvironmentVariable {
        Objects.requireNonNull(name);
        Objects.requireNonNull(value);
        Objects.requireNonNull(type);
    }

    public static EnvironmentVariable plain(String name, String value) {
        return new EnvironmentVariable(name, value, Type.PLAINTEXT);
    }
}
