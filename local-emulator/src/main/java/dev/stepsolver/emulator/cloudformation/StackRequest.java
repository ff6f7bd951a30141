package dev.stepsolver.emulator.cloudformation;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What CreateStack and UpdateStack ask for.
 *
 * @param roleArn on update, empty keeps the stack's role
 * @param tags on update, empty keeps the stack's tags
 * @param disableRollback a failed create stays CREATE_FAILED (create only)
 */
public record StackRequest(String stackName, TemplateSource template, List<ParameterInput> parameters,
        List<String> capabilities, Optional<String> roleArn, Optional<Map<String, String>> tags,
        boolean disableRollback) {

    public StackRequest {
        Objects.requireNonNull(stackName);
        Objects.requireNonNull(template);
        parameters = List.copyOf(parameters);
        capabilities = List.copyOf(capabilities);
    }
}
