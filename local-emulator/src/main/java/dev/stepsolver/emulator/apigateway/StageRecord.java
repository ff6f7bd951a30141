package dev.stepsolver.emulator.apigateway;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A stage: a name clients call ({@code beta}, {@code prod}), the deployment it serves, its stage
 * variables, and per-method settings such as throttling.
 *
 * @param description {@code null} for none
 * @param methodSettings by method key ({@code *}{@code /*} or {@code resource/path/GET}), then setting
 *     path ({@code throttling/rateLimit}, {@code metrics/enabled}...) to its value as text
 */
public record StageRecord(String stageName, String deploymentId, String description, Map<String, String> variables,
        Map<String, Map<String, String>> methodSettings, boolean tracingEnabled, Map<String, String> tags,
        Instant createdDate, Instant lastUpdatedDate) {

    public StageRecord {
        variables = Map.copyOf(variables);
        methodSettings = Map.copyOf(methodSettings);
        tags = Map.copyOf(tags);
    }

    public Optional<String> describedAs() {
        return Optional.ofNullable(description);
    }
}
