package dev.stepsolver.emulator;

import dev.stepsolver.emulator.auth.Credentials;
import java.util.List;
import java.util.Optional;

/**
 * How an emulator is set up.
 *
 * @param host the address to bind (127.0.0.1 unless told otherwise)
 * @param port the port, 0 for any free one
 * @param region the default region (for ARNs and unsigned data-plane requests)
 * @param accountId the account every configured access key belongs to by default
 * @param credentials the access keys whose signatures are accepted
 */
public record EmulatorConfig(String host, int port, String region, String accountId, List<Credentials> credentials) {

    public EmulatorConfig {
        credentials = List.copyOf(credentials);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (!accountId.matches("\\d{12}")) {
            throw new IllegalArgumentException("an account id has 12 digits: " + accountId);
        }
    }

    public Optional<Credentials> credentialsFor(String accessKeyId) {
        return credentials.stream().filter(c -> c.accessKeyId().equals(accessKeyId)).findFirst();
    }
}
