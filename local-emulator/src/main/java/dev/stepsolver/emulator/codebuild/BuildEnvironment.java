package dev.stepsolver.emulator.codebuild;

import java.util.List;

/** The environment a build asked for (the image is not used: commands run on this machine). */
public record BuildEnvironment(String type, String image, String computeType, List<EnvironmentVariable> variables) {

    public BuildEnvironment {
        variables = List.copyOf(variables);
    }
}
