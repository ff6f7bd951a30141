package dev.stepsolver.emulator.codeconnections;

/** A local repository that cannot be read as asked (missing, not git, unknown commit, too big). */
public final class GitAccessException extends Exception {

    private static final long serialVersionUID = 1L;

    public GitAccessException(String message) {
        super(message, null, false, false);
    }

    public GitAccessException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
