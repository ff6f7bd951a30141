package dev.stepsolver.emulator.codebuild;

import java.net.URI;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a build needs to call the emulator back, as the AWS SDK and CLI inside it will: the
 * endpoint (known once the emulator listens), region, account and an access key it accepts.
 */
public record EmulatorAccess(String region, String accountId, String accessKeyId, String secretAccessKey,
        Supplier<Optional<URI>> endpoint) {

    @Override
    public String toString() {
        return "EmulatorAccess[" + region + ", " + accountId + ", " + accessKeyId + "]";
    }
}
