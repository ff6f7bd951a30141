package dev.stepsolver.emulator.codedeploy;

/** Why a deployment failed or stopped: one of AWS's ErrorCode values and its message. */
public record ErrorInformation(String code, String message) {
}
