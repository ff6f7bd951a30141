package dev.stepsolver.emulator.ecr;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/** A content digest as OCI writes it: {@code sha256:<64 lower-case hex digits>} (the only algorithm served). */
public record Digest(String hex) {

    private static final Pattern SHA256 = Pattern.compile("sha256:([a-f0-9]{64})");

    public Digest {
        if (!hex.matches("[a-f0-9]{64}")) {
            throw new IllegalArgumentException("not a sha256 hex digest: " + hex);
        }
    }

    /** Parses {@code sha256:<hex>}; anything else (other algorithms included) is empty. */
    public static Optional<Digest> parse(String text) {
        var matcher = SHA256.matcher(text);
        return matcher.matches() ? Optional.of(new Digest(matcher.group(1))) : Optional.empty();
    }

    public static Digest of(byte[] bytes) {
        return new Digest(HexFormat.of().formatHex(sha256().digest(bytes)));
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "sha256:" + hex;
    }
}
