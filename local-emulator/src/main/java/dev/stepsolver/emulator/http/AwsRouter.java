package dev.stepsolver.emulator.http;

import dev.stepsolver.emulator.auth.AuthErrors;
import dev.stepsolver.emulator.auth.AuthFailure;
import dev.stepsolver.emulator.auth.AwsChunkedDecoder;
import dev.stepsolver.emulator.auth.CredentialScope;
import dev.stepsolver.emulator.auth.SigV4Verifier;
import dev.stepsolver.emulator.protocol.AwsCall;
import dev.stepsolver.emulator.protocol.AwsException;
import dev.stepsolver.emulator.protocol.AwsServiceEndpoint;
import dev.stepsolver.emulator.protocol.Caller;
import dev.stepsolver.emulator.protocol.EdgeRequest;
import dev.stepsolver.emulator.protocol.EdgeResponse;
import dev.stepsolver.emulator.protocol.ErrorRenderer;
import dev.stepsolver.emulator.protocol.HttpHeaders;
import dev.stepsolver.emulator.protocol.RequestHead;
import dev.stepsolver.emulator.protocol.RequestIds;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes a signed AWS request to its service: by RPC v2 CBOR path, {@code X-Amz-Target} prefix,
 * or the SigV4 credential scope's service; verifies the signature; decodes aws-chunked bodies;
 * renders every failure in the service's own error shape.
 */
public final class AwsRouter {

    private static final Logger LOG = LoggerFactory.getLogger(AwsRouter.class);

    /** Unsigned requests with no other hint are answered as S3 would (as LocalStack does). */
    private static final String FALLBACK_SERVICE = "s3";

    private final ServiceRegistry registry;
    private final SigV4Verifier verifier;

    public AwsRouter(ServiceRegistry registry, SigV4Verifier verifier) {
        this.registry = registry;
        this.verifier = verifier;
    }

    public EdgeResponse route(EdgeRequest request) {
        RequestHead head = request.head();
        Optional<CredentialScope> scope;
        try {
            scope = CredentialScope.of(head);
        } catch (AuthFailure malformed) {
            scope = Optional.empty();
        }
        if (scope.isEmpty() && looksLikeQuery(request)) {
            // An unsigned Query request names no service (AWS knows it from the host name): answer
            // in the Query shape every Query service shares.
            return ErrorRenderer.query(new AwsException("MissingAuthenticationToken",
                    "Request is missing Authentication Token", 403), "", RequestIds.newRequestId());
        }
        Optional<AwsServiceEndpoint> found = resolve(head, scope);
        if (found.isEmpty()) {
            String service = scope.map(CredentialScope::service).orElse("?");
            return ErrorRenderer.restJson(new AwsException("NotImplemented",
                    "The service '" + service + "' is not served by this emulator.", 501), RequestIds.newRequestId());
        }
        AwsServiceEndpoint endpoint = found.get();
        String requestId = endpoint.newRequestId();
        try {
            SigV4Verifier.Verified verified = verifier.verify(head, request.body());
            EdgeRequest decoded = verified.payloadMode().isChunked() ? decodeChunked(request, verified) : request;
            Caller caller = new Caller(verified.scope().accessKeyId(), verified.credentials().accountId(),
                    verified.scope().region());
            return endpoint.handle(new AwsCall(decoded, requestId, caller));
        } catch (AuthFailure failure) {
            LOG.debug("Authentication failed ({}) for {} {}; canonical request:\n{}", failure.kind(), head.method(),
                    head.rawPath(), failure.canonicalRequest().orElse("-"));
            return endpoint.renderError(head, AuthErrors.toAwsException(failure, endpoint.protocolOf(head)), requestId);
        } catch (AwsException error) {
            return endpoint.renderError(head, error, requestId);
        } catch (RuntimeException unexpected) {
            LOG.error("Request {} {} failed unexpectedly", head.method(), head.rawPath(), unexpected);
            return endpoint.renderError(head, new AwsException("InternalError",
                    "We encountered an internal error. Please try again.", 500), requestId);
        }
    }

    private Optional<AwsServiceEndpoint> resolve(RequestHead head, Optional<CredentialScope> scope) {
        if (head.header("smithy-protocol").isPresent()) {
            String[] parts = head.rawPath().split("/");
            // "", "service", name, "operation", op
            if (parts.length >= 3 && "service".equals(parts[1])) {
                Optional<AwsServiceEndpoint> byShape = registry.byCborService(parts[2]);
                if (byShape.isPresent()) {
                    return byShape;
                }
            }
        }
        Optional<String> target = head.header("X-Amz-Target");
        if (target.isPresent()) {
            int dot = target.get().lastIndexOf('.');
            if (dot > 0) {
                Optional<AwsServiceEndpoint> byTarget = registry.byTargetPrefix(target.get().substring(0, dot));
                if (byTarget.isPresent()) {
                    return byTarget;
                }
            }
        }
        if (scope.isPresent()) {
            return registry.bySigningName(scope.get().service());
        }
        return registry.bySigningName(FALLBACK_SERVICE);
    }

    private static boolean looksLikeQuery(EdgeRequest request) {
        if (request.header("X-Amz-Target").isPresent() || request.header("smithy-protocol").isPresent()) {
            return false;
        }
        boolean form = request.header("Content-Type").orElse("").toLowerCase(java.util.Locale.ROOT)
                .startsWith("application/x-www-form-urlencoded");
        return request.queryParameter("Action").isPresent()
                || (form && RequestHead.parseForm(request.bodyAsString()).containsKey("Action"));
    }

    /** Replaces the aws-chunked body with its data; trailers (checksums) become ordinary headers. */
    private static EdgeRequest decodeChunked(EdgeRequest request, SigV4Verifier.Verified verified) {
        AwsChunkedDecoder.Decoded decoded = AwsChunkedDecoder.decode(request.body(), verified);
        HttpHeaders.Builder headers = request.headers().toBuilder();
        for (Map.Entry<String, String> trailer : decoded.trailers().entrySet()) {
            headers.set(trailer.getKey(), trailer.getValue());
        }
        headers.remove("x-amz-trailer");
        request.header("Content-Encoding").ifPresent(encoding -> {
            String rest = encoding.replaceAll("(?i)aws-chunked\\s*,?\\s*", "").trim();
            if (rest.isEmpty()) {
                headers.remove("Content-Encoding");
            } else {
                headers.set("Content-Encoding", rest);
            }
        });
        headers.set("Content-Length", Integer.toString(decoded.data().length));
        RequestHead head = request.head();
        return new EdgeRequest(new RequestHead(head.method(), head.rawPath(), head.rawQuery(), headers.build()),
                decoded.data());
    }
}
