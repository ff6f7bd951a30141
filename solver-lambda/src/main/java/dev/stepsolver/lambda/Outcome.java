package dev.stepsolver.lambda;

/** How an invocation ended: its HTTP status, and the kind of error it counts as in the metrics. */
public enum Outcome {
    /** The equation was solved (200). */
    SOLVED(200, "solved"),
    /** A CORS preflight was answered (204). */
    PREFLIGHT(204, "preflight"),
    /** The solver rejected the equation (400, {@code Equation: <input>\n\n<message>}). */
    INVALID_EQUATION(400, "invalid_equation"),
    /** The request itself was unusable: no equation, bad JSON, bad base64, unknown option (400). */
    BAD_REQUEST(400, "bad_request"),
    /** The body, or the whole event, is over the documented limit (413). */
    PAYLOAD_TOO_LARGE(413, "payload_too_large"),
    /** A method other than GET, POST or OPTIONS (405). */
    METHOD_NOT_ALLOWED(405, "method_not_allowed"),
    /** A fault in this code or the solver (500); the caller sees no detail, the log has it. */
    INTERNAL_ERROR(500, "internal_error");

    private final int status;
    private final String label;

    Outcome(int status, String label) {
        this.status = status;
        this.label = label;
    }

    public int status() {
        return status;
    }

    /** The name in log lines and the {@code Kind} dimension of {@code SolveErrors}. */
    public String label() {
        return label;
    }

    /** Whether it counts in {@code SolveErrors}. */
    public boolean isError() {
        return this != SOLVED && this != PREFLIGHT;
    }
}
