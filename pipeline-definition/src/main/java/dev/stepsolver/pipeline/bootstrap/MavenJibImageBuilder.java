package dev.stepsolver.pipeline.bootstrap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The same image build the buildspec runs: Jib through the Maven wrapper in the source tree,
 * {@code ./mvnw -B -pl solver-lambda -am package jib:build -Dimage=… -Djib.from.image=…}.
 * Registry credentials come from the Docker config {@code ecr-login} wrote.
 */
public final class MavenJibImageBuilder implements ImageBuilder {

    private final Path sourceDirectory;
    private final List<String> extraArguments;
    private final Duration timeout;

    public MavenJibImageBuilder(Path sourceDirectory, List<String> extraArguments, Duration timeout) {
        this.sourceDirectory = sourceDirectory;
        this.extraArguments = List.copyOf(extraArguments);
        this.timeout = timeout;
    }

    /** The command line, for the log and for tests. */
    public List<String> command(String imageUri, String baseImage) {
        List<String> command = new ArrayList<>(List.of("./mvnw", "-B", "-pl", "solver-lambda", "-am", "package",
                "jib:build", "-DskipTests", "-Dimage=" + imageUri, "-Djib.from.image=" + baseImage));
        command.addAll(extraArguments);
        return command;
    }

    @Override
    public void buildAndPush(String imageUri, String baseImage) throws ImageBuildException, InterruptedException {
        if (!Files.isExecutable(sourceDirectory.resolve("mvnw"))) {
            throw new ImageBuildException("no executable mvnw in " + sourceDirectory
                    + "; run bootstrap from the repository root or pass --source-dir (or --image-uri for an image already pushed)");
        }
        Process process;
        try {
            process = new ProcessBuilder(command(imageUri, baseImage))
                    .directory(sourceDirectory.toFile())
                    .inheritIO()
                    .start();
        } catch (IOException e) {
            throw new ImageBuildException("cannot start the Maven wrapper: " + e.getMessage());
        }
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new ImageBuildException("the image build did not finish within " + timeout);
        }
        if (process.exitValue() != 0) {
            throw new ImageBuildException("the image build failed (exit " + process.exitValue() + ")");
        }
    }
}
