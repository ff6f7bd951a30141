package dev.stepsolver.emulator.s3;

import dev.stepsolver.emulator.protocol.AwsException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/** Content-MD5 and the flexible checksums ({@code x-amz-checksum-*}) S3 verifies on upload. */
final class Checksums {

    static final String PREFIX = "x-amz-checksum-";

    private Checksums() {
    }

    static String md5Hex(byte[] data) {
        return HexFormat.of().formatHex(digest("MD5", data));
    }

    /** Verifies a Content-MD5 header against the body. */
    static void verifyContentMd5(Optional<String> contentMd5, byte[] data) {
        if (contentMd5.isEmpty()) {
            return;
        }
        byte[] declared;
        try {
            declared = Base64.getDecoder().decode(contentMd5.get().trim());
        } catch (IllegalArgumentException e) {
            throw AwsException.badRequest("InvalidDigest", "The Content-MD5 you specified was not valid.");
        }
        if (declared.length != 16) {
            throw AwsException.badRequest("InvalidDigest", "The Content-MD5 you specified was not valid.");
        }
        if (!MessageDigest.isEqual(declared, digest("MD5", data))) {
            throw AwsException.badRequest("BadDigest", "The Content-MD5 you specified did not match what we received.");
        }
    }

    /**
     * Verifies every {@code x-amz-checksum-<algorithm>} header (or trailer) against the body and
     * returns them by header name. CRC64NVME has no JDK implementation: it is kept unverified.
     */
    static Map<String, String> verify(Map<String, String> headers, byte[] data) {
        Map<String, String> checksums = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!name.startsWith(PREFIX) || name.equals("x-amz-checksum-type") || name.equals("x-amz-checksum-mode")
                    || name.equals("x-amz-checksum-algorithm")) {
                continue;
            }
            String algorithm = name.substring(PREFIX.length());
            Optional<String> computed = compute(algorithm, data);
            if (computed.isPresent() && !computed.get().equals(header.getValue().trim())) {
                throw AwsException.badRequest("BadDigest", "The " + algorithm.toUpperCase(Locale.ROOT)
                        + " you specified did not match the calculated checksum.");
            }
            checksums.put(name, header.getValue().trim());
        }
        return checksums;
    }

    static Optional<String> compute(String algorithm, byte[] data) {
        return switch (algorithm) {
            case "crc32" -> Optional.of(crc(new CRC32(), data));
            case "crc32c" -> Optional.of(crc(new CRC32C(), data));
            case "sha1" -> Optional.of(Base64.getEncoder().encodeToString(digest("SHA-1", data)));
            case "sha256" -> Optional.of(Base64.getEncoder().encodeToString(digest("SHA-256", data)));
            default -> Optional.empty();
        };
    }

    private static String crc(Checksum checksum, byte[] data) {
        checksum.update(data, 0, data.length);
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) checksum.getValue()).array());
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }
}
