package dev.stepsolver.emulator.cloudformation;

import java.util.Objects;
import java.util.Optional;

/**
 * A parameter as CreateStack / UpdateStack give it: a value, or {@code UsePreviousValue}.
 */
public record ParameterInput(String key, Optional<String> value, boolean usePreviousValue) {

    public ParameterInput {
        Objects.requireNonNull(key);
        Objects.requireNonNull(value);
    }

    public static ParameterInput of(String key, String value) {
        return new ParameterInput(key, Optional.of(value), false);
    }

    public static ParameterInput previous(String key) {
        return new ParameterInput(key, Optional.empty(), true);
    }
}
