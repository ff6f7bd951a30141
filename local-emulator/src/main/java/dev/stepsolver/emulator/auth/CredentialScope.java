package dev.stepsolver.emulator.auth;

import dev.stepsolver.emulator.protocol.RequestHead;
import java.util.Map;
import java.util.Optional;

/**
 * The credential of a SigV4 request: {@code AKID/yyyyMMdd/region/service/aws4_request}.
 */
public record CredentialScope(String accessKeyId, String date, String region, String service) {

    /** {@code date/region/service/aws4_request}, the scope line of the string to sign. */
    public String scope() {
        return date + "/" + region + "/" + service + "/aws4_request";
    }

    /**
     * Reads the credential from the Authorization header or the presigned {@code X-Amz-Credential}
     * query parameter, without verifying anything; empty when the request is not SigV4-signed.
     *
     * @throws AuthFailure (MALFORMED) when a credential is present but cannot be parsed
     */
    public static Optional<CredentialScope> of(RequestHead head) {
        Optional<String> authorization = head.header("Authorization");
        if (authorization.isPresent()) {
            String value = authorization.get().trim();
            if (!value.startsWith(SigV4.ALGORITHM + " ")) {
                throw AuthFailure.of(AuthFailure.Kind.MALFORMED, "Unsupported authorization type");
            }
            Map<String, String> parameters = SigV4.authorizationParameters(value.substring(SigV4.ALGORITHM.length()));
            String credential = parameters.get("Credential");
            if (credential == null) {
                throw AuthFailure.of(AuthFailure.Kind.MALFORMED,
                        "Authorization header requires 'Credential' parameter.");
            }
            return Optional.of(parse(credential));
        }
        return head.queryParameter("X-Amz-Credential").map(CredentialScope::parse);
    }

    static CredentialScope parse(String credential) {
        String[] parts = credential.split("/");
        if (parts.length != 5 || !"aws4_request".equals(parts[4]) || parts[1].length() != 8) {
            throw AuthFailure.of(AuthFailure.Kind.MALFORMED,
                    "Credential should be scoped to a valid region and service: " + credential);
        }
        return new CredentialScope(parts[0], parts[1], parts[2], parts[3]);
    }
}
