package dev.stepsolver.emulator.s3;

import java.time.Instant;
import java.util.Map;

/**
 * An object's metadata; its body is a blob in the state store.
 *
 * @param etag the quoted ETag ({@code "md5hex"} for single-part uploads)
 * @param userMetadata {@code x-amz-meta-*} values by lower-case name without the prefix
 * @param headers the stored representation headers (Content-Encoding, Cache-Control...)
 * @param checksums {@code x-amz-checksum-*} values verified at upload
 */
public record S3Object(String bucket, String key, String blobId, long size, String etag, String contentType,
        Instant lastModified, Map<String, String> userMetadata, Map<String, String> headers,
        Map<String, String> checksums) {

    public S3Object {
        userMetadata = Map.copyOf(userMetadata);
        headers = Map.copyOf(headers);
        checksums = Map.copyOf(checksums);
    }
}
