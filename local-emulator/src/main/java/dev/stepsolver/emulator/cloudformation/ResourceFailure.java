package dev.stepsolver.emulator.cloudformation;

/**
 * A resource operation that failed for a reason other than a service error: properties the
 * resource type refuses, a resource that did not stabilize, a change the emulator cannot make.
 *
 * @see ResourceProvider
 */
public final class ResourceFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** CloudFormation's handler error codes. */
    public enum Code { InvalidRequest, NotFound, AlreadyExists, NotStabilized, NotUpdatable, GeneralServiceException,
        InternalFailure }

    private final Code code;
    private final boolean verbatim;

    private ResourceFailure(String message, Code code, boolean verbatim) {
        super(message, null, false, false);
        this.code = code;
        this.verbatim = verbatim;
    }

    public static ResourceFailure of(Code code, String message) {
        return new ResourceFailure(message, code, false);
    }

    /** A failure whose message is the whole status reason (CloudFormation's own validation messages). */
    public static ResourceFailure verbatim(String message) {
        return new ResourceFailure(message, Code.InvalidRequest, true);
    }

    /** A property or a change the emulator does not model: the stack fails rather than pretends. */
    public static ResourceFailure notSupported(String message) {
        return new ResourceFailure(message, Code.InvalidRequest, false);
    }

    public Code code() {
        return code;
    }

    public boolean verbatim() {
        return verbatim;
    }
}
