package dev.stepsolver.emulator.lambda.runtime;

/** How one invocation ended, as the Runtime API (or the process's fate) told it. */
public sealed interface Outcome {

    /** The payload the caller receives. */
    byte[] payload();

    /** The handler returned a result. */
    record Success(byte[] payload) implements Outcome {
    }

    /** The handler threw: {@code /error} with its error type. */
    record HandlerError(String errorType, byte[] payload) implements Outcome {
    }

    /** The runtime failed to start: {@code /init/error}, or an exit before it asked for work. */
    record InitError(String errorType, byte[] payload) implements Outcome {
    }

    /** The invocation outlived its timeout; the process was killed. */
    record Timeout(byte[] payload) implements Outcome {
    }

    /** The process exited while the invocation ran. */
    record Crash(int exitCode, byte[] payload) implements Outcome {
    }
}
