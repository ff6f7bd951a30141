package dev.stepsolver.emulator.cloudformation;

/**
 * An output of a stack, as stored.
 *
 * @param description {@code null} when the template gives none
 * @param exportName {@code null} when the output is not exported
 */
public record StackOutput(String key, String value, String description, String exportName) {
}
