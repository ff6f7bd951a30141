package dev.stepsolver.emulator.auth;

import java.util.Optional;

/**
 * Why a request failed authentication, independent of protocol; {@link AuthErrors} turns it into
 * the error the request's protocol and service return.
 */
public final class AuthFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The kinds of failure AWS distinguishes. */
    public enum Kind {
        /** No Authorization header and no presigned query parameters. */
        MISSING,
        /** An Authorization header or presigned query that cannot be parsed. */
        MALFORMED,
        /** The access key is not one of the configured credentials. */
        UNKNOWN_ACCESS_KEY,
        /** The signature (of the request, a chunk or the trailer) does not match. */
        SIGNATURE_MISMATCH,
        /** A presigned request used after its expiry. */
        EXPIRED,
        /** The body's SHA-256 is not the one the client declared in {@code x-amz-content-sha256}. */
        CONTENT_SHA256_MISMATCH
    }

    private final Kind kind;
    private final String accessKeyId;
    private final String canonicalRequest;
    private final String stringToSign;
    private final String signatureProvided;

    private AuthFailure(Kind kind, String detail, String accessKeyId, String canonicalRequest, String stringToSign,
            String signatureProvided) {
        super(detail, null, false, false);
        this.kind = kind;
        this.accessKeyId = accessKeyId;
        this.canonicalRequest = canonicalRequest;
        this.stringToSign = stringToSign;
        this.signatureProvided = signatureProvided;
    }

    public static AuthFailure of(Kind kind, String detail) {
        return new AuthFailure(kind, detail, null, null, null, null);
    }

    public static AuthFailure unknownKey(String accessKeyId) {
        return new AuthFailure(Kind.UNKNOWN_ACCESS_KEY, "unknown access key", accessKeyId, null, null, null);
    }

    public static AuthFailure mismatch(String accessKeyId, String canonicalRequest, String stringToSign,
            String signatureProvided) {
        return new AuthFailure(Kind.SIGNATURE_MISMATCH, "signature mismatch", accessKeyId, canonicalRequest,
                stringToSign, signatureProvided);
    }

    public Kind kind() {
        return kind;
    }

    public Optional<String> accessKeyId() {
        return Optional.ofNullable(accessKeyId);
    }

    public Optional<String> canonicalRequest() {
        return Optional.ofNullable(canonicalRequest);
    }

    public Optional<String> stringToSign() {
        return Optional.ofNullable(stringToSign);
    }

    public Optional<String> signatureProvided() {
        return Optional.ofNullable(signatureProvided);
    }
}
