package dev.stepsolver.solver;

import java.util.OptionalInt;

/**
 * The only exception the solver throws: the input is malformed, exceeds a {@link Limits bound},
 * or asks for something the solver does not do. The message is meant for the person who typed
 * the equation. In the classic style the messages are the original service's, word for word.
 */
public final class SolverException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int position;

    /** An error that is not tied to one place in the input. */
    public SolverException(String message) {
        this(message, -1);
    }

    /**
     * An error at a character of the input.
     *
     * @param position 0-based index into the input string, or -1 when there is none
     */
    public SolverException(String message, int position) {
        // No cause and no stack trace: this is an answer to bad input, not a fault, and building
        // stack traces for every rejected equation would cost more than solving one.
        super(message, null, false, false);
        this.position = position;
    }

    /** The 0-based character index into the input where the problem was found, if it means something. */
    public OptionalInt position() {
        return position < 0 ? OptionalInt.empty() : OptionalInt.of(position);
    }
}
