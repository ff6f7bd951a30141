package dev.stepsolver.emulator.protocol;

/**
 * Who made a request, from its verified SigV4 credential scope.
 *
 * @param accessKeyId the access key the request was signed with
 * @param accountId the account that key belongs to
 * @param region the region of the credential scope
 */
public record Caller(String accessKeyId, String accountId, String region) {
}
