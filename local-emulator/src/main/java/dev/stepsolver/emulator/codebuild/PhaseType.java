package dev.stepsolver.emulator.codebuild;

/** The phases of a build in the order AWS runs them. */
public enum PhaseType {
    SUBMITTED, QUEUED, PROVISIONING, DOWNLOAD_SOURCE, INSTALL, PRE_BUILD, BUILD, POST_BUILD, UPLOAD_ARTIFACTS,
    FINALIZING, COMPLETED
}
