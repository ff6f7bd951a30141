package dev.stepsolver.emulator.ssm;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A parameter with all its versions, newest last (AWS keeps the last 100).
 *
 * @param name the parameter name
 * @param versions every kept version, oldest first
 */
public record Parameter(String name, List<Version> versions) {

    /** One version of a parameter's value. */
    public record Version(long version, String type, String value, String description, String dataType,
            String keyId, Instant lastModified) {
    }

    public Parameter {
        versions = List.copyOf(versions);
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("a parameter has at least one version");
        }
    }

    public Version latest() {
        return versions.get(versions.size() - 1);
    }

    public Optional<Version> version(long number) {
        return versions.stream().filter(v -> v.version() == number).findFirst();
    }
}
