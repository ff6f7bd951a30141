package dev.stepsolver.emulator.protocol;

import java.util.Optional;
import java.util.Set;

/**
 * What the shared protocol handling needs to know about a modeled (Query / JSON / CBOR) service.
 *
 * @param signingName the SigV4 service name
 * @param protocols the protocols the service accepts; the first is its main one
 * @param xmlNamespace the namespace of Query XML responses
 * @param targetPrefix the {@code X-Amz-Target} prefix of JSON protocols
 * @param cborServiceName the Smithy service shape in RPC v2 CBOR paths
 * @param errorNamespace the Smithy namespace qualifying {@code __type} in JSON/CBOR errors when
 *     the service qualifies them (e.g. {@code com.amazonaws.cloudwatch}); empty for bare codes
 * @param queryCompatible whether JSON/CBOR errors carry {@code x-amzn-query-error} with the Query
 *     error code (the {@code awsQueryCompatible} trait)
 * @param missingMember how a missing required member is reported
 */
public record ServiceMetadata(
        String signingName,
        java.util.List<WireProtocol> protocols,
        String xmlNamespace,
        Optional<String> targetPrefix,
        Optional<String> cborServiceName,
        Optional<String> errorNamespace,
        boolean queryCompatible,
        MissingMemberStyle missingMember) {

    /** AWS reports missing required members in two ways, depending on the service. */
    public enum MissingMemberStyle {
        /** {@code 1 validation error detected: Value null at 'name' failed to satisfy constraint: ...}. */
        VALIDATION_ERROR,
        /** {@code MissingParameter}: {@code The parameter Name is required.} (CloudWatch). */
        MISSING_PARAMETER
    }

    public ServiceMetadata {
        protocols = java.util.List.copyOf(protocols);
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("a service speaks at least one protocol");
        }
    }

    public boolean speaks(WireProtocol protocol) {
        return protocols.contains(protocol);
    }

    public WireProtocol mainProtocol() {
        return protocols.get(0);
    }

    public Set<String> targetPrefixes() {
        return targetPrefix.map(Set::of).orElse(Set.of());
    }

    public Set<String> cborServiceNames() {
        return cborServiceName.map(Set::of).orElse(Set.of());
    }
}
