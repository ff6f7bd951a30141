package dev.stepsolver.emulator.cloudformation;

/**
 * A parameter's value in a stack, as stored.
 *
 * @param value the value given (for Parameter Store types, the parameter's name)
 * @param resolvedValue for Parameter Store types, the value read from SSM; {@code null} otherwise
 */
public record StackParameter(String key, String value, String resolvedValue, boolean noEcho, String type) {

    /** What {@code Ref} of the parameter yields (before list types are split). */
    public String effectiveValue() {
        return resolvedValue != null ? resolvedValue : value;
    }
}
