package dev.stepsolver.emulator.codedeploy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a Lambda deployment's AppSpec comes from: given inline ({@code AppSpecContent}) or an S3
 * object (a YAML or JSON AppSpec, or a zip holding {@code appspec.yaml} / {@code appspec.yml} /
 * {@code appspec.json} at its root). Persisted as it is, so absent parts are nulls with Optional
 * accessors.
 *
 * @param bundleType {@code zip}, {@code YAML} or {@code JSON} for S3 revisions
 */
public record Revision(Type type, String content, String sha256, String bucket, String key, String bundleType,
        String version, String eTag) {

    public enum Type {
        APP_SPEC_CONTENT("AppSpecContent"), S3("S3");

        private final String awsName;

        Type(String awsName) {
            this.awsName = awsName;
        }

        public String awsName() {
            return awsName;
        }
    }

    public Revision {
        Objects.requireNonNull(type);
    }

    /** An inline AppSpec, with its sha256 as CodeDeploy reports it. */
    public static Revision appSpecContent(String content) {
        return new Revision(Type.APP_SPEC_CONTENT, content, sha256Of(content), null, null, null, null, null);
    }

    /** An AppSpec (or a zip holding one) in S3. */
    public static Revision s3(String bucket, String key, String bundleType) {
        return new Revision(Type.S3, null, null, bucket, key, bundleType, null, null);
    }

    public Optional<String> contentIfInline() {
        return Optional.ofNullable(content);
    }

    public Optional<String> versionIfAny() {
        return Optional.ofNullable(version);
    }

    public Optional<String> eTagIfAny() {
        return Optional.ofNullable(eTag);
    }

    static String sha256Of(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
