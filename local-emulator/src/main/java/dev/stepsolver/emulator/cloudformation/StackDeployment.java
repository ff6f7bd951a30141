package dev.stepsolver.emulator.cloudformation;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A create-or-update of a stack from template text, for other services (the pipeline's
 * CloudFormation action): parameters not given take the template's defaults.
 */
public record StackDeployment(String stackName, String templateBody, Map<String, String> parameters,
        Set<String> capabilities, Optional<String> roleArn, Map<String, String> tags) {

    public StackDeployment {
        Objects.requireNonNull(stackName);
        Objects.requireNonNull(templateBody);
        parameters = Map.copyOf(parameters);
        capabilities = Set.copyOf(capabilities);
        tags = Map.copyOf(tags);
    }

    public static StackDeployment of(String stackName, String templateBody, Map<String, String> parameters,
            Set<String> capabilities) {
        return new StackDeployment(stackName, templateBody, parameters, capabilities, Optional.empty(), Map.of());
    }
}
