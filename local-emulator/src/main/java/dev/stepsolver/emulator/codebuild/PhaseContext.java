package dev.stepsolver.emulator.codebuild;

/**
 * Why a phase ended the way it did, as AWS reports it: e.g. {@code COMMAND_EXECUTION_ERROR} with
 * {@code Error while executing command: make. Reason: exit status 2}, or {@code YAML_FILE_ERROR}.
 */
public record PhaseContext(String statusCode, String message) {
}
