package dev.stepsolver.emulator.auth;

import dev.stepsolver.emulator.protocol.AwsException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Decodes {@code Content-Encoding: aws-chunked} bodies (S3 streaming uploads): verifies each
 * chunk's signature and the trailer's where they are signed, and returns the data and trailers.
 */
public final class AwsChunkedDecoder {

    private static final int MAX_LINE = 4096;
    private static final int MAX_TRAILERS = 16;

    private AwsChunkedDecoder() {
    }

    /** The decoded payload and its trailing headers (lower-case names, e.g. {@code x-amz-checksum-crc32}). */
    public record Decoded(byte[] data, Map<String, String> trailers) {
    }

    public static Decoded decode(byte[] body, SigV4Verifier.Verified verified) {
        PayloadMode mode = verified.payloadMode();
        byte[] key = mode.hasSignedChunks() ? verified.signingKey() : null;
        String previous = verified.seedSignature();
        ByteArrayOutputStream data = new ByteArrayOutputStream(Math.max(16, body.length));
        int position = 0;
        while (true) {
            int lineEnd = lineEnd(body, position);
            String header = new String(body, position, lineEnd - position, StandardCharsets.US_ASCII);
            position = lineEnd + 2;
            int semicolon = header.indexOf(';');
            String sizeText = (semicolon < 0 ? header : header.substring(0, semicolon)).trim();
            int size;
            try {
                size = Integer.parseInt(sizeText, 16);
            } catch (NumberFormatException e) {
                throw incomplete();
            }
            if (size < 0 || position + (long) size > body.length) {
                throw incomplete();
            }
            byte[] chunk = Arrays.copyOfRange(body, position, position + size);
            position += size;
            if (mode.hasSignedChunks()) {
                String provided = semicolon < 0 ? "" : chunkSignature(header.substring(semicolon + 1));
                String stringToSign = "AWS4-HMAC-SHA256-PAYLOAD\n" + verified.amzDate() + "\n"
                        + verified.scope().scope() + "\n" + previous + "\n" + SigV4.EMPTY_SHA256 + "\n"
                        + SigV4.sha256Hex(chunk);
                String expected = SigV4.signature(key, stringToSign);
                if (!SigV4.signaturesEqual(expected, provided)) {
                    throw AuthFailure.mismatch(verified.scope().accessKeyId(), null, stringToSign, provided);
                }
                previous = expected;
            }
            data.writeBytes(chunk);
            if (size == 0) {
                break;
            }
            if (position + 2 > body.length || body[position] != '\r' || body[position + 1] != '\n') {
                throw incomplete();
            }
            position += 2;
        }
        Map<String, String> trailers = new LinkedHashMap<>();
        String trailerSignature = null;
        StringBuilder canonicalTrailers = new StringBuilder();
        while (position < body.length) {
            int lineEnd = lineEnd(body, position);
            String line = new String(body, position, lineEnd - position, StandardCharsets.US_ASCII);
            position = lineEnd + 2;
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || trailers.size() >= MAX_TRAILERS) {
                throw incomplete();
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (name.equals("x-amz-trailer-signature")) {
                trailerSignature = value;
            } else {
                trailers.put(name, value);
                canonicalTrailers.append(name).append(':').append(value).append('\n');
            }
        }
        if (mode == PayloadMode.STREAMING_SIGNED_TRAILER) {
            String stringToSign = "AWS4-HMAC-SHA256-TRAILER\n" + verified.amzDate() + "\n" + verified.scope().scope()
                    + "\n" + previous + "\n"
                    + SigV4.sha256Hex(canonicalTrailers.toString().getBytes(StandardCharsets.UTF_8));
            String expected = SigV4.signature(key, stringToSign);
            if (trailerSignature == null || !SigV4.signaturesEqual(expected, trailerSignature)) {
                throw AuthFailure.mismatch(verified.scope().accessKeyId(), null, stringToSign,
                        trailerSignature == null ? "" : trailerSignature);
            }
        }
        return new Decoded(data.toByteArray(), trailers);
    }

    private static String chunkSignature(String extensions) {
        for (String extension : extensions.split(";")) {
            String trimmed = extension.trim();
            if (trimmed.startsWith("chunk-signature=")) {
                return trimmed.substring("chunk-signature=".length());
            }
        }
        return "";
    }

    /** Index of the CR of the next CRLF, bounded so a missing line end cannot scan forever. */
    private static int lineEnd(byte[] body, int from) {
        int limit = Math.min(body.length - 1, from + MAX_LINE);
        for (int i = from; i < limit; i++) {
            if (body[i] == '\r' && body[i + 1] == '\n') {
                return i;
            }
        }
        throw incomplete();
    }

    private static AwsException incomplete() {
        return AwsException.badRequest("IncompleteBody",
                "The request body terminated unexpectedly or is not valid aws-chunked encoding.");
    }
}
