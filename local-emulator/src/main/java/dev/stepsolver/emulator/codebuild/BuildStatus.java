package dev.stepsolver.emulator.codebuild;

/** A build's status, as AWS names it. */
public enum BuildStatus {
    IN_PROGRESS, SUCCEEDED, FAILED, FAULT, TIMED_OUT, STOPPED;

    public boolean isComplete() {
        return this != IN_PROGRESS;
    }
}
