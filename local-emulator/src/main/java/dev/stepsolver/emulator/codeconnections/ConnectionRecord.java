package dev.stepsolver.emulator.codeconnections;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A connection as stored. The emulator has no third-party handshake to wait for, so a connection is
 * AVAILABLE from its creation; what it reaches are the local repositories linked by
 * {@code FullRepositoryId}.
 *
 * @param arn {@code arn:aws:codeconnections:...:connection/<uuid>} or, when created through the older
 *     API, {@code arn:aws:codestar-connections:...}
 */
public record ConnectionRecord(String arn, String id, String name, String providerType, String ownerAccountId,
        String status, Instant created, Map<String, String> tags) {

    public ConnectionRecord {
        tags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    ConnectionRecord withTags(Map<String, String> newTags) {
        return new ConnectionRecord(arn, id, name, providerType, ownerAccountId, status, created, newTags);
    }
}
