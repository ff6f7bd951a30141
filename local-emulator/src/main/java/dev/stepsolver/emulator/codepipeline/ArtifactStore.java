package dev.stepsolver.emulator.codepipeline;

import dev.stepsolver.emulator.protocol.AwsException;
import dev.stepsolver.emulator.s3.S3Backend;
import dev.stepsolver.emulator.state.BlobStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.Map;

/**
 * Artifacts as zips in a pipeline's artifact store bucket, at keys made as AWS makes them:
 * {@code <pipeline name, first 20 characters>/<artifact name, first 10>/<7 random characters>}.
 */
public final class ArtifactStore {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private final S3Backend s3;
    private final SecureRandom random = new SecureRandom();

    ArtifactStore(S3Backend s3) {
        this.s3 = s3;
    }

    /** A new, unused location for {@code artifactName} of {@code pipelineName}. */
    ArtifactRef allocate(String pipelineName, String artifactName, String bucket) {
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 7; i++) {
            suffix.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        String key = truncate(pipelineName, 20) + "/" + truncate(artifactName, 10) + "/" + suffix;
        return new ArtifactRef(artifactName, bucket, key, null);
    }

    private static String truncate(String value, int length) {
        return value.length() <= length ? value : value.substring(0, length);
    }

    /**
     * The artifact's bytes.
     *
     * @throws AwsException NoSuchBucket / NoSuchKey
     */
    public byte[] read(ArtifactRef artifact) {
        S3Backend.ObjectWithBody object = s3.getObject(artifact.bucket(), artifact.key());
        return switch (object.body()) {
            case BlobStore.Blob.InMemory memory -> memory.bytes();
            case BlobStore.Blob.OnDisk disk -> {
                try {
                    yield Files.readAllBytes(disk.file());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    /**
     * Stores the artifact's zip.
     *
     * @throws AwsException NoSuchBucket when the artifact store bucket does not exist
     */
    public void write(ArtifactRef artifact, byte[] zip) {
        s3.putObject(artifact.bucket(), artifact.key(), zip, new S3Backend.PutRequest("application/zip", Map.of(),
                Map.of(), Map.of()));
    }

    /** Whether the artifact store bucket exists. */
    boolean bucketExists(String bucket) {
        try {
            s3.bucket(bucket);
            return true;
        } catch (AwsException e) {
            return false;
        }
    }
}
