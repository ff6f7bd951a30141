package dev.stepsolver.emulator.http;

/** The request body exceeds the edge's bound. */
final class BodyTooLargeException extends Exception {

    private static final long serialVersionUID = 1L;

    BodyTooLargeException(long limit) {
        super("The request body exceeds " + limit + " bytes", null, false, false);
    }
}
