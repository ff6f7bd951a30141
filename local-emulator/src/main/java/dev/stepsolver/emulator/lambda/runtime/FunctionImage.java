package dev.stepsolver.emulator.lambda.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An image unpacked on disk, with what its config says about running it.
 *
 * @param digest the manifest digest it was unpacked from
 * @param root the unpacked file system
 * @param command the image's CMD (for a Lambda image: the handler)
 * @param environment the image's Env (JAVA_TOOL_OPTIONS among them)
 * @param workingDirectory the image's WorkingDir, if it sets one
 */
public record FunctionImage(String digest, Path root, List<String> command, Map<String, String> environment,
        Optional<String> workingDirectory) {

    public FunctionImage {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
    }
}
