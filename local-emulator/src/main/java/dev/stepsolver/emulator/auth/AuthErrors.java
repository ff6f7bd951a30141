package dev.stepsolver.emulator.auth;

import dev.stepsolver.emulator.protocol.AwsException;
import dev.stepsolver.emulator.protocol.Fault;
import dev.stepsolver.emulator.protocol.WireProtocol;
import java.util.LinkedHashMap;
import java.util.Map;

/** The errors AWS returns for authentication failures, which differ between S3, Query and JSON services. */
public final class AuthErrors {

    private static final String MISMATCH = "The request signature we calculated does not match the signature you"
            + " provided. Check your AWS Secret Access Key and signing method. Consult the service documentation"
            + " for details.";
    private static final String S3_MISMATCH = "The request signature we calculated does not match the signature"
            + " you provided. Check your key and signing method.";
    private static final String INVALID_TOKEN = "The security token included in the request is invalid.";

    private AuthErrors() {
    }

    /** The AWS error for {@code failure} in {@code protocol} ({@code REST_XML} is S3's flavour). */
    public static AwsException toAwsException(AuthFailure failure, WireProtocol protocol) {
        return protocol == WireProtocol.REST_XML ? s3(failure) : other(failure, protocol);
    }

    private static AwsException s3(AuthFailure failure) {
        return switch (failure.kind()) {
            case MISSING -> new AwsException("AccessDenied", "Access Denied", 403);
            case MALFORMED -> AwsException.badRequest("AuthorizationHeaderMalformed",
                    "The authorization header is malformed; " + failure.getMessage());
            case UNKNOWN_ACCESS_KEY -> new AwsException("InvalidAccessKeyId",
                    "The AWS Access Key Id you provided does not exist in our records.", 403, Fault.SENDER,
                    Map.of("AWSAccessKeyId", failure.accessKeyId().orElse("")));
            case SIGNATURE_MISMATCH -> {
                Map<String, String> details = new LinkedHashMap<>();
                failure.accessKeyId().ifPresent(key -> details.put("AWSAccessKeyId", key));
                failure.stringToSign().ifPresent(text -> details.put("StringToSign", text));
                failure.signatureProvided().ifPresent(text -> details.put("SignatureProvided", text));
                failure.canonicalRequest().ifPresent(text -> details.put("CanonicalRequest", text));
                yield new AwsException("SignatureDoesNotMatch", S3_MISMATCH, 403, Fault.SENDER, details);
            }
            case EXPIRED -> new AwsException("AccessDenied", "Request has expired", 403);
            case CONTENT_SHA256_MISMATCH -> AwsException.badRequest("XAmzContentSHA256Mismatch",
                    "The provided 'x-amz-content-sha256' header does not match what was computed.");
        };
    }

    private static AwsException other(AuthFailure failure, WireProtocol protocol) {
        boolean query = protocol == WireProtocol.QUERY;
        return switch (failure.kind()) {
            case MISSING -> query
                    ? new AwsException("MissingAuthenticationToken", "Request is missing Authentication Token", 403)
                    : new AwsException("MissingAuthenticationTokenException", "Missing Authentication Token", 403);
            case MALFORMED -> AwsException.badRequest(query ? "IncompleteSignature" : "IncompleteSignatureException",
                    failure.getMessage());
            case UNKNOWN_ACCESS_KEY -> query
                    ? new AwsException("InvalidClientTokenId", INVALID_TOKEN, 403)
                    : new AwsException("UnrecognizedClientException", INVALID_TOKEN, 400);
            case SIGNATURE_MISMATCH -> {
                String message = MISMATCH + failure.canonicalRequest()
                        .map(canonical -> "\n\nThe Canonical String for this request should have been\n'" + canonical
                                + "'\n\nThe String-to-Sign should have been\n'" + failure.stringToSign().orElse("")
                                + "'\n")
                        .orElse("");
                yield new AwsException(query ? "SignatureDoesNotMatch" : "InvalidSignatureException", message, 403);
            }
            case EXPIRED -> new AwsException(query ? "ExpiredToken" : "ExpiredTokenException",
                    "The security token included in the request is expired", 403);
            case CONTENT_SHA256_MISMATCH -> AwsException.badRequest(query ? "SignatureDoesNotMatch"
                    : "InvalidSignatureException", "The request body does not match x-amz-content-sha256.");
        };
    }
}
