package dev.stepsolver.emulator.ecr;

import dev.stepsolver.emulator.auth.SigV4;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The registry passwords GetAuthorizationToken hands out: {@code payload.signature}, where the
 * payload names the account and the expiry and the signature is an HMAC-SHA256 under a key derived
 * from the emulator's credentials (so a password outlives a restart with the same credentials).
 * Valid for 12 hours of emulated time, like ECR's.
 */
final class RegistryTokens {

    static final Duration VALIDITY = Duration.ofHours(12);
    static final String USER = "AWS";

    private final byte[] key;

    RegistryTokens(String secretMaterial) {
        this.key = SigV4.sha256(("ecr-registry-token\n" + secretMaterial).getBytes(StandardCharsets.UTF_8));
    }

    /** A password for {@code accountId}, valid until {@code expiresAt}. */
    String password(String accountId, Instant expiresAt) {
        String payload = "v1:" + accountId + ":" + expiresAt.getEpochSecond();
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        return encoder.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + encoder.encodeToString(
                mac(payload));
    }

    /** The base64 {@code AWS:password} ECR returns as authorizationToken. */
    String authorizationToken(String accountId, Instant expiresAt) {
        return Base64.getEncoder().encodeToString((USER + ":" + password(accountId, expiresAt))
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The account a Basic {@code Authorization} header is valid for at {@code now}, if it is. */
    Optional<String> verify(String authorizationHeader, Instant now) {
        if (!authorizationHeader.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorizationHeader.substring(6).trim()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!decoded.startsWith(USER + ":")) {
            return Optional.empty();
        }
        String password = decoded.substring(USER.length() + 1);
        int dot = password.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        try {
            String payload = new String(Base64.getUrlDecoder().decode(password.substring(0, dot)), StandardCharsets.UTF_8);
            byte[] signature = Base64.getUrlDecoder().decode(password.substring(dot + 1));
            if (!MessageDigest.isEqual(signature, mac(payload))) {
                return Optional.empty();
            }
            String[] parts = payload.split(":");
            if (parts.length != 3 || !"v1".equals(parts[0])) {
                return Optional.empty();
            }
            Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(parts[2]));
            return now.isBefore(expiresAt) ? Optional.of(parts[1]) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String payload) {
        return SigV4.hmac(key, payload);
    }
}
