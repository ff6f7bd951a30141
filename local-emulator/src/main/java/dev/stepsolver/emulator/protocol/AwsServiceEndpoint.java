package dev.stepsolver.emulator.protocol;

import java.util.Set;

/**
 * The wire side of one AWS service: how the edge finds it and how it answers. The edge router
 * picks the endpoint from the request's SigV4 credential scope ({@link #signingName()}),
 * {@code X-Amz-Target} prefix ({@link #targetPrefixes()}) or RPC v2 CBOR path
 * ({@link #cborServiceNames()}), verifies the signature, then calls {@link #handle(AwsCall)}.
 */
public interface AwsServiceEndpoint {

    /** The service name in the SigV4 credential scope, e.g. {@code s3}, {@code monitoring}. */
    String signingName();

    /** {@code X-Amz-Target} prefixes (the part before the dot) this service answers. */
    default Set<String> targetPrefixes() {
        return Set.of();
    }

    /** Smithy service shape names in {@code /service/<name>/operation/<op>} CBOR paths. */
    default Set<String> cborServiceNames() {
        return Set.of();
    }

    /** The protocol the request speaks, so errors (even auth errors) come back in its shape. */
    WireProtocol protocolOf(RequestHead head);

    /** A fresh request id in this service's format. */
    default String newRequestId() {
        return RequestIds.newRequestId();
    }

    /**
     * Answers the call.
     *
     * @throws AwsException for every error AWS would return; the router renders it
     */
    EdgeResponse handle(AwsCall call);

    /** Renders an error in the shape of the request's protocol. */
    EdgeResponse renderError(RequestHead head, AwsException error, String requestId);
}
