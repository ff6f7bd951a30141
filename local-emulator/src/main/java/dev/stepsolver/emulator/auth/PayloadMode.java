package dev.stepsolver.emulator.auth;

/** How the body of a signed request is covered by its signature ({@code x-amz-content-sha256}). */
public enum PayloadMode {
    /** The hex SHA-256 of the whole body is signed. */
    SIGNED,
    /** {@code UNSIGNED-PAYLOAD}. */
    UNSIGNED,
    /** {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD}: aws-chunked, each chunk signed. */
    STREAMING_SIGNED,
    /** {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER}: signed chunks and a signed trailer. */
    STREAMING_SIGNED_TRAILER,
    /** {@code STREAMING-UNSIGNED-PAYLOAD-TRAILER}: aws-chunked without signatures, with a trailer. */
    STREAMING_UNSIGNED_TRAILER;

    public boolean isChunked() {
        return this == STREAMING_SIGNED || this == STREAMING_SIGNED_TRAILER || this == STREAMING_UNSIGNED_TRAILER;
    }

    public boolean hasSignedChunks() {
        return this == STREAMING_SIGNED || this == STREAMING_SIGNED_TRAILER;
    }

    static PayloadMode of(String contentSha256) {
        return switch (contentSha256) {
            case "UNSIGNED-PAYLOAD" -> UNSIGNED;
            case "STREAMING-AWS4-HMAC-SHA256-PAYLOAD" -> STREAMING_SIGNED;
            case "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER" -> STREAMING_SIGNED_TRAILER;
            case "STREAMING-UNSIGNED-PAYLOAD-TRAILER" -> STREAMING_UNSIGNED_TRAILER;
            default -> SIGNED;
        };
    }
}
