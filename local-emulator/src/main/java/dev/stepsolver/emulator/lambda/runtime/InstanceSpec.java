package dev.stepsolver.emulator.lambda.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one function version runs as: everything a process needs, and the key of its pool of
 * instances (a new key for every configuration change, so a changed $LATEST gets fresh processes).
 *
 * @param poolKey the pool's identity (function, version, revision)
 * @param command the handler command (the image's CMD, or the function's ImageConfig override)
 * @param workingDirectory the image-relative working directory (default {@code /var/task})
 * @param variables the function's environment variables
 * @param reservedConcurrency the function's reserved concurrency, if any
 */
public record InstanceSpec(String poolKey, String functionName, String version, String functionArn, int memoryMb,
        Duration timeout, FunctionImage image, List<String> command, Optional<String> workingDirectory,
        Map<String, String> variables, Optional<Integer> reservedConcurrency) {

    public InstanceSpec {
        command = List.copyOf(command);
        variables = Map.copyOf(variables);
    }
}
