package dev.stepsolver.emulator.codebuild;

import java.util.Optional;

/**
 * An artifact a build uploaded to S3: a zip at {@code key}, or (packaging NONE) files under the
 * prefix {@code key}.
 *
 * @param identifier the secondary artifact's identifier; null for the primary artifact
 * @param md5 hex MD5 of the zip; null for unzipped artifacts
 * @param sha256 hex SHA-256 of the zip; null for unzipped artifacts
 */
public record ArtifactResult(String identifier, String bucket, String key, boolean zip, String md5, String sha256) {

    /** The location as AWS reports it: {@code arn:aws:s3:::bucket/key}. */
    public String location() {
        return "arn:aws:s3:::" + bucket + "/" + key;
    }

    public Optional<String> identifierIfAny() {
        return Optional.ofNullable(identifier);
    }
}
