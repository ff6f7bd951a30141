package dev.stepsolver.lambda.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The image Jib built into {@code target/jib-image.tar} (the {@code image-tarball} execution,
 * base {@code scratch}) has Lambda's layout: classes directly in /var/task, jars in
 * /var/task/lib, the handler as CMD, the base's entrypoint, the cold-start JVM options.
 */
class ImageLayoutIT {

    static final String HANDLER = "dev.stepsolver.lambda.SolverHandler::handleRequest";

    private static OciImage image;

    @BeforeAll
    static void readTheTarball() throws IOException {
        image = OciImage.read(ImageFiles.tarball());
    }

    @Test
    void theTarballIsAnOciImageLayout() {
        assertThat(image.layoutVersion()).isEqualTo("1.0.0");
        assertThat(image.index().path("mediaType").asText()).isEqualTo("application/vnd.oci.image.index.v1+json");
        assertThat(image.manifest().path("mediaType").asText()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
        assertThat(image.layers()).extracting(OciImage.Layer::mediaType)
                .containsOnly("application/vnd.oci.image.layer.v1.tar+gzip");
    }

    @Test
    void everyFileOfTheImageIsUnderVarTask() {
        assertThat(image.fileSystem().keySet()).allMatch(p -> p.equals("/var") || p.equals("/var/task") || p.startsWith("/var/task/"));
    }

    @Test
    void theCompiledClassesAreDirectlyInVarTask() throws IOException {
        List<String> classes;
        try (Stream<Path> walk = Files.walk(ImageFiles.classes())) {
            classes = walk.filter(Files::isRegularFile)
                    .map(p -> "/var/task/" + ImageFiles.classes().relativize(p).toString().replace('\\', '/')).toList();
        }

        assertThat(classes).contains("/var/task/dev/stepsolver/lambda/SolverHandler.class");
        assertThat(image.files()).filteredOn(f -> !f.startsWith("/var/task/lib/")).containsExactlyInAnyOrderElementsOf(classes);
    }

    @Test
    void theRuntimeDependenciesAreTheJarsInVarTaskLib() throws IOException {
        List<String> staged;
        try (Stream<Path> list = Files.list(ImageFiles.lib())) {
            staged = list.map(p -> "/var/task/lib/" + p.getFileName()).toList();
        }

        assertThat(image.files()).filteredOn(f -> f.startsWith("/var/task/lib/")).containsExactlyInAnyOrderElementsOf(staged);
        assertThat(staged).allMatch(f -> f.endsWith(".jar"))
                .anyMatch(f -> f.matches("/var/task/lib/solver-core-.*\\.jar"))
                .anyMatch(f -> f.matches("/var/task/lib/aws-lambda-java-core-.*\\.jar"))
                .anyMatch(f -> f.matches("/var/task/lib/aws-lambda-java-events-.*\\.jar"))
                .anyMatch(f -> f.matches("/var/task/lib/jackson-databind-.*\\.jar"))
                .noneMatch(f -> f.contains("joda-time") || f.contains("runtime-interface-client") || f.contains("junit"));
    }

    @Test
    void theCmdIsTheHandlerAndTheEntrypointIsTheBaseImages() {
        assertThat(image.cmd()).containsExactly(HANDLER);
        assertThat(image.entrypoint()).isEmpty();
    }

    @Test
    void theJvmGetsAwsColdStartOptions() {
        assertThat(image.env()).containsEntry("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1");
    }

    @Test
    void theWorkingDirectoryIsTheTaskRoot() {
        assertThat(image.workingDir()).isEqualTo("/var/task");
    }

    @Test
    void theLayersGoFromTheLeastToTheMostOftenChanged() {
        assertThat(image.layers()).extracting(OciImage.Layer::comment)
                .containsExactly("lambda libraries", "lambda snapshot libraries", "lambda classes");
        assertThat(image.layers().get(1).entries()).extracting(OciImage.Entry::path)
                .contains("/var/task/lib/solver-core-0.1.0-SNAPSHOT.jar");
    }

    @Test
    void filesAreReadableByTheLambdaUser() {
        assertThat(image.fileSystem().values()).allMatch(e -> (e.mode() & 0444) == 0444);
    }
}
