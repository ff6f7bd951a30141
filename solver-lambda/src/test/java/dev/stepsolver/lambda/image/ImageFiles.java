package dev.stepsolver.lambda.image;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the build put what the image tests read (passed in by Failsafe's system properties). */
final class ImageFiles {

    private ImageFiles() {
    }

    /** The OCI tarball of the {@code image-tarball} execution. */
    static Path tarball() {
        return existing("image.tarball", "target/jib-image.tar");
    }

    /** The compiled classes (what goes to /var/task). */
    static Path classes() {
        return existing("image.classes", "target/classes");
    }

    /** The staged runtime dependencies (what goes to /var/task/lib). */
    static Path lib() {
        return existing("image.lib", "target/lambda/lib");
    }

    /** The runtime interface client's classpath, one line with the path separator. */
    static Path ricClasspath() {
        return existing("ric.classpath", "target/ric.classpath");
    }

    /** The module directory, where pom.xml is. */
    static Path module() {
        return existing("module.dir", ".");
    }

    private static Path existing(String property, String fallback) {
        Path path = Path.of(System.getProperty(property, fallback));
        if (!Files.exists(path)) {
            throw new IllegalStateException(path + " does not exist: run the integration tests through Maven "
                    + "(./mvnw -pl solver-lambda -am verify), which builds it first");
        }
        return path;
    }
}
