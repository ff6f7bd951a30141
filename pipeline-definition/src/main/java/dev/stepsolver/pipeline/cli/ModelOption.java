package dev.stepsolver.pipeline.cli;

import dev.stepsolver.pipeline.model.DeploymentModel;
import dev.stepsolver.pipeline.model.ModelFile;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --model FILE}: a model file laid over the defaults; without it, the defaults. */
final class ModelOption {

    @Option(names = "--model", paramLabel = "FILE", description = "Model file (YAML or JSON) overriding the defaults.")
    Optional<Path> file = Optional.empty();

    DeploymentModel load() throws ModelFile.InvalidModelException {
        return file.isPresent() ? ModelFile.load(file.get()) : DeploymentModel.defaults();
    }
}
