package dev.stepsolver.emulator.codebuild;

/** How a phase ended. */
public enum PhaseStatus {
    SUCCEEDED, FAILED, FAULT, TIMED_OUT, IN_PROGRESS, STOPPED
}
