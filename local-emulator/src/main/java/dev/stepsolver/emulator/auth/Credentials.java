package dev.stepsolver.emulator.auth;

import java.util.Objects;

/**
 * An access key the emulator accepts, its secret, and the account it belongs to.
 */
public record Credentials(String accessKeyId, String secretAccessKey, String accountId) {
    public Credentials {
        Objects.requireNonNull(accessKeyId);
        Objects.requireNonNull(secretAccessKey);
        Objects.requireNonNull(accountId);
    }

    @Override
    public String toString() {
        // Never print the secret.
        return "Credentials[" + accessKeyId + ", account " + accountId + "]";
    }
}
