package dev.stepsolver.emulator.apigateway;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An API key: its id, its secret value (what clients send as {@code x-api-key}) and whether it is
 * enabled.
 *
 * @param description {@code null} for none
 * @param customerId {@code null} for none
 */
public record ApiKeyRecord(String id, String value, String name, String description, boolean enabled,
        String customerId, List<String> stageKeys, Map<String, String> tags, Instant createdDate,
        Instant lastUpdatedDate) {

    public ApiKeyRecord {
        stageKeys = List.copyOf(stageKeys);
        tags = Map.copyOf(tags);
    }
}
