package dev.stepsolver.pipeline.validate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root seen from the module (Surefire runs in the module directory). */
final class RepositoryFiles {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private RepositoryFiles() {
    }

    static String read(String name) {
        try {
            return Files.readString(ROOT.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
