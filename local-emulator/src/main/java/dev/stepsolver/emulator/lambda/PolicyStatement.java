package dev.stepsolver.emulator.lambda;

/**
 * One statement of a function's resource-based policy, as AddPermission gives it. Stored, never
 * evaluated: the emulator does not check who may invoke a function.
 *
 * @param sourceArn {@code null} when not given (as are the other optional members)
 */
public record PolicyStatement(String sid, String action, String principal, String sourceArn, String sourceAccount,
        String principalOrgId, String eventSourceToken) {
}
