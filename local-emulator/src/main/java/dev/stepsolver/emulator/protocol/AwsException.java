package dev.stepsolver.emulator.protocol;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An error as AWS returns it: a code, a message, an HTTP status and whose fault it is. Each wire
 * protocol renders it in its own shape ({@link ErrorRenderer}); {@code details} carries the extra
 * elements some services add (S3's {@code BucketName}, {@code Key}, {@code Resource}...).
 */
public final class AwsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final int httpStatus;
    private final Fault fault;
    private final Map<String, String> details;

    public AwsException(String code, String message, int httpStatus, Fault fault, Map<String, String> details) {
        super(Objects.requireNonNull(message), null, false, false);
        this.code = Objects.requireNonNull(code);
        this.httpStatus = httpStatus;
        this.fault = Objects.requireNonNull(fault);
        this.details = Map.copyOf(details);
    }

    public AwsException(String code, String message, int httpStatus) {
        this(code, message, httpStatus, httpStatus >= 500 ? Fault.RECEIVER : Fault.SENDER, Map.of());
    }

    /** A 400 sender fault, the commonest kind. */
    public static AwsException badRequest(String code, String message) {
        return new AwsException(code, message, 400);
    }

    public static AwsException internal(String message) {
        return new AwsException("InternalFailure", message, 500);
    }

    /** The same error with an extra detail element. */
    public AwsException withDetail(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(details);
        more.put(name, value);
        return new AwsException(code, getMessage(), httpStatus, fault, more);
    }

    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public Fault fault() {
        return fault;
    }

    public Map<String, String> details() {
        return details;
    }

    @Override
    public String toString() {
        return code + " (" + httpStatus + "): " + getMessage();
    }
}
