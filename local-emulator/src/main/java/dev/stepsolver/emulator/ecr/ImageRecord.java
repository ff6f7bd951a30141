package dev.stepsolver.emulator.ecr;

import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * An image (a manifest) in a repository: its exact manifest bytes (base64, so the digest stays
 * reproducible), media types, tags and when it was pushed.
 *
 * @param sizeInBytes the compressed size of its layers and config, as DescribeImages reports it
 * @param artifactMediaType the config's media type
 */
public record ImageRecord(String repository, String digest, String manifestMediaType, String manifestBase64,
        List<String> tags, Instant pushedAt, long sizeInBytes, String artifactMediaType) {

    public ImageRecord {
        tags = List.copyOf(tags);
    }

    public byte[] manifest() {
        return Base64.getDecoder().decode(manifestBase64);
    }

    public Digest imageDigest() {
        return Digest.parse(digest).orElseThrow();
    }

    ImageRecord withTags(List<String> newTags) {
        return new ImageRecord(repository, digest, manifestMediaType, manifestBase64, newTags, pushedAt, sizeInBytes,
                artifactMediaType);
    }
}
