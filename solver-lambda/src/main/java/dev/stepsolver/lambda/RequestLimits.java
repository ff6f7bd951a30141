package dev.stepsolver.lambda;

/**
 * The sizes the handler accepts. Anything larger is answered with 413 before any solving.
 *
 * <ul>
 *   <li>{@link #MAX_BODY_BYTES}: the request body after base64 decoding, 32 KiB. The solver itself
 *       takes equations of up to 10 000 characters ({@code dev.stepsolver.solver.Limits}); longer
 *       ones inside the body limit are its 400.</li>
 *   <li>{@link #MAX_EVENT_BYTES}: the whole event, 6 MiB, Lambda's own limit for a synchronous
 *       invocation payload; the handler reads no further.</li>
 * </ul>
 */
public final class RequestLimits {

    /** Bytes of request body, after base64 decoding. */
    public static final int MAX_BODY_BYTES = 32 * 1024;

    /** Bytes of the whole proxy event. */
    public static final int MAX_EVENT_BYTES = 6 * 1024 * 1024;

    private RequestLimits() {
    }
}
