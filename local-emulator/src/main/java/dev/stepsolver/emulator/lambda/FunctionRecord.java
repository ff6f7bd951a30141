package dev.stepsolver.emulator.lambda;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A function as stored: its $LATEST, its published versions (oldest first), its aliases, and its
 * reserved concurrency ({@code null} for none).
 */
public record FunctionRecord(String name, String arn, Instant createdAt, FunctionVersion latest,
        List<FunctionVersion> versions, long lastVersion, Map<String, AliasRecord> aliases,
        Integer reservedConcurrency) {

    public FunctionRecord {
        versions = List.copyOf(versions);
        aliases = Map.copyOf(aliases);
    }

    public Optional<Integer> reserved() {
        return Optional.ofNullable(reservedConcurrency);
    }

    public Optional<FunctionVersion> version(String version) {
        if ("$LATEST".equals(version)) {
            return Optional.of(latest);
        }
        return versions.stream().filter(v -> v.version().equals(version)).findFirst();
    }
}
