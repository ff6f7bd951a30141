package dev.stepsolver.emulator.protocol;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/** Request ids in the shapes AWS uses. */
public final class RequestIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private RequestIds() {
    }

    /** A UUID, as most services return in {@code x-amzn-RequestId}. */
    public static String newRequestId() {
        return UUID.randomUUID().toString();
    }

    /** S3's 16 upper-case hex digits {@code x-amz-request-id}. */
    public static String newS3RequestId() {
        return String.format("%016X", RANDOM.nextLong());
    }

    /** S3's extended request id {@code x-amz-id-2}: base64 of random bytes. */
    public static String newS3ExtendedId() {
        byte[] bytes = new byte[48];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
