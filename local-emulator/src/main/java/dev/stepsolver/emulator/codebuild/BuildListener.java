package dev.stepsolver.emulator.codebuild;

/**
 * Follows builds as they run (a progress display, the console). Called on the build's thread:
 * return quickly and do not call back into the backend's blocking methods.
 */
public interface BuildListener {

    /** A line of a build's log (the emulator's own {@code [Container]} lines and the commands' output). */
    default void logLine(Build build, String line) {
    }

    /** A phase started or ended, or a result arrived (exported variables, an artifact, a report). */
    default void changed(Build build) {
    }

    /** The build completed (any status). */
    default void completed(Build build) {
    }
}
