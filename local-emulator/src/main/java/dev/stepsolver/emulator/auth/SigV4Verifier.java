package dev.stepsolver.emulator.auth;

import dev.stepsolver.emulator.protocol.RequestHead;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Verifies SigV4 signatures (Authorization header or presigned URL) against the configured
 * credentials by recomputing them from the request as received.
 */
public final class SigV4Verifier {

    /** Built on first use (presigned URLs only): pattern formatters pull in locale data. */
    private static final class Formats {
        private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    }
    /** Presigned URLs live at most seven days, as in AWS. */
    private static final long MAX_EXPIRES_SECONDS = 7 * 24 * 3600;

    private final Function<String, Optional<Credentials>> credentials;
    private final Clock wallClock;

    /**
     * @param credentials finds the credentials of an access key id
     * @param wallClock real time, for presigned URL expiry (clients sign with real time, whatever
     *     the emulator's time scale)
     */
    public SigV4Verifier(Function<String, Optional<Credentials>> credentials, Clock wallClock) {
        this.credentials = credentials;
        this.wallClock = wallClock;
    }

    /** A successfully verified request: who signed it, and how its body is to be read. */
    public record Verified(Credentials credentials, CredentialScope scope, String amzDate, String seedSignature,
            PayloadMode payloadMode) {

        /** The key that signed the request, for chunk signatures. */
        public byte[] signingKey() {
            return SigV4.signingKey(credentials.secretAccessKey(), scope.date(), scope.region(), scope.service());
        }
    }

    /**
     * Verifies {@code head} (and {@code body}, whose hash is part of the signature).
     *
     * @throws AuthFailure when the request is unsigned or the signature does not verify
     */
    public Verified verify(RequestHead head, byte[] body) {
        boolean presigned = head.header("Authorization").isEmpty() && head.queryParameter("X-Amz-Credential").isPresent();
        CredentialScope scope = CredentialScope.of(head)
                .orElseThrow(() -> AuthFailure.of(AuthFailure.Kind.MISSING, "Missing Authentication Token"));
        Credentials found = credentials.apply(scope.accessKeyId())
                .orElseThrow(() -> AuthFailure.unknownKey(scope.accessKeyId()));
        boolean s3 = "s3".equals(scope.service());

        List<String> signedHeaders;
        String signature;
        String amzDate;
        if (presigned) {
            if (!head.queryParameter("X-Amz-Algorithm").filter(SigV4.ALGORITHM::equals).isPresent()) {
                throw AuthFailure.of(AuthFailure.Kind.MALFORMED, "X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"");
            }
            signedHeaders = splitHeaders(required(head.queryParameter("X-Amz-SignedHeaders"), "X-Amz-SignedHeaders"));
            signature = required(head.queryParameter("X-Amz-Signature"), "X-Amz-Signature");
            amzDate = required(head.queryParameter("X-Amz-Date"), "X-Amz-Date");
            checkNotExpired(amzDate, required(head.queryParameter("X-Amz-Expires"), "X-Amz-Expires"));
        } else {
            Map<String, String> parameters = SigV4.authorizationParameters(
                    head.header("Authorization").orElseThrow().trim().substring(SigV4.ALGORITHM.length()));
            signedHeaders = splitHeaders(required(Optional.ofNullable(parameters.get("SignedHeaders")), "SignedHeaders"));
            signature = required(Optional.ofNullable(parameters.get("Signature")), "Signature");
            amzDate = head.header("X-Amz-Date")
                    .orElseThrow(() -> AuthFailure.of(AuthFailure.Kind.MALFORMED,
                            "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."));
        }

        String declaredHash = head.header("x-amz-content-sha256").orElse(null);
        String payloadHash;
        if (declaredHash != null) {
            payloadHash = declaredHash;
            PayloadMode mode = PayloadMode.of(declaredHash);
            if (mode == PayloadMode.SIGNED && !declaredHash.equalsIgnoreCase(SigV4.sha256Hex(body))) {
                throw AuthFailure.of(AuthFailure.Kind.CONTENT_SHA256_MISMATCH, "x-amz-content-sha256 mismatch");
            }
        } else {
            payloadHash = presigned && s3 ? "UNSIGNED-PAYLOAD" : SigV4.sha256Hex(body);
        }

        String canonicalRequest = SigV4.canonicalRequest(head, signedHeaders, payloadHash, s3,
                presigned ? "X-Amz-Signature" : null);
        String stringToSign = SigV4.stringToSign(amzDate, scope.scope(), canonicalRequest);
        byte[] key = SigV4.signingKey(found.secretAccessKey(), scope.date(), scope.region(), scope.service());
        String expected = SigV4.signature(key, stringToSign);
        if (!SigV4.signaturesEqual(expected, signature.toLowerCase(Locale.ROOT))) {
            throw AuthFailure.mismatch(scope.accessKeyId(), canonicalRequest, stringToSign, signature);
        }
        return new Verified(found, scope, amzDate, expected, PayloadMode.of(payloadHash));
    }

    private void checkNotExpired(String amzDate, String expires) {
        Instant signedAt;
        long seconds;
        try {
            signedAt = LocalDateTime.parse(amzDate, Formats.AMZ_DATE).toInstant(ZoneOffset.UTC);
            seconds = Long.parseLong(expires);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw AuthFailure.of(AuthFailure.Kind.MALFORMED, "X-Amz-Date or X-Amz-Expires is malformed");
        }
        if (seconds < 0 || seconds > MAX_EXPIRES_SECONDS) {
            throw AuthFailure.of(AuthFailure.Kind.MALFORMED,
                    "X-Amz-Expires must be less than a week (in seconds) that is 604800");
        }
        if (wallClock.instant().isAfter(signedAt.plusSeconds(seconds))) {
            throw AuthFailure.of(AuthFailure.Kind.EXPIRED, "Request has expired");
        }
    }

    private static String required(Optional<String> value, String name) {
        return value.filter(text -> !text.isEmpty())
                .orElseThrow(() -> AuthFailure.of(AuthFailure.Kind.MALFORMED, "Missing " + name));
    }

    private static List<String> splitHeaders(String signedHeaders) {
        return Arrays.stream(signedHeaders.split(";")).map(name -> name.trim().toLowerCase(Locale.ROOT)).toList();
    }
}
