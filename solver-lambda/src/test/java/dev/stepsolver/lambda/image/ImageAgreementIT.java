package dev.stepsolver.lambda.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The two image builds agree: the Dockerfile's production stage, the Jib configuration in
 * solver-lambda's pom.xml, and the image Jib actually built have the same handler, paths, Java
 * version and JVM options. Where a Docker-compatible engine and the base images are at hand, the
 * Dockerfile is also built and its /var/task compared file by file with Jib's.
 */
class ImageAgreementIT {

    private static final Pattern JAVA_TAG = Pattern.compile(":(\\d+)(?:[-.].*)?$");

    private static Path repository;
    private static Dockerfile.Stage production;
    private static JibConfiguration jib;
    private static OciImage image;

    @BeforeAll
    static void readAllThree() throws IOException {
        Path module = ImageFiles.module().toAbsolutePath().normalize();
        repository = module.getParent();
        production = Dockerfile.read(repository.resolve("Dockerfile")).stage("production");
        jib = JibConfiguration.read(module.resolve("pom.xml"), repository.resolve("pom.xml"));
        image = OciImage.read(ImageFiles.tarball());
    }

    private static int javaMajor(String image) {
        Matcher m = JAVA_TAG.matcher(image);
        assertThat(m.find()).as("a Java version in the tag of %s", image).isTrue();
        return Integer.parseInt(m.group(1));
    }

    /** A build path made relative to the module: /src/solver-lambda/target/classes becomes target/classes. */
    private static String moduleRelative(String path) {
        return path.replaceFirst("^/src/solver-lambda/", "").replaceFirst("^\\./", "");
    }

    @Test
    void theHandlerIsTheSameInTheDockerfileTheJibConfigurationAndTheBuiltImage() {
        assertThat(production.cmd()).containsExactly(ImageLayoutIT.HANDLER);
        assertThat(jib.args()).containsExactly(ImageLayoutIT.HANDLER);
        assertThat(image.cmd()).containsExactly(ImageLayoutIT.HANDLER);
    }

    @Test
    void theHandlerStringNamesAStreamHandlersMethod() throws Exception {
        String[] parts = ImageLayoutIT.HANDLER.split("::");
        Class<?> handler = Class.forName(parts[0]);

        assertThat(RequestStreamHandler.class).isAssignableFrom(handler);
        assertThat(handler.getMethod(parts[1], InputStream.class, OutputStream.class, Context.class)).isNotNull();
        assertThat(handler.getConstructor()).isNotNull();
    }

    @Test
    void bothBuildOnTheSameLambdaBaseImageOfTheJavaVersionTheCodeIsCompiledFor() {
        assertThat(production.from()).isEqualTo("public.ecr.aws/lambda/java:21");
        assertThat(jib.baseImage()).isEqualTo(production.from());
        assertThat(javaMajor(production.from())).isEqualTo(jib.javaRelease());
    }

    @Test
    void theDockerfileTestsWithTheSameJavaVersion() throws IOException {
        Dockerfile.Stage test = Dockerfile.read(repository.resolve("Dockerfile")).stage("test");

        assertThat(javaMajor(test.from())).isEqualTo(jib.javaRelease());
    }

    @Test
    void theApplicationGoesToTheSamePathsFromTheSameBuildOutput() {
        Map<String, String> dockerCopies = production.copies().stream().collect(
                java.util.stream.Collectors.toMap(c -> moduleRelative(c.sources().get(0)), Dockerfile.Copy::destination));
        Map<String, String> jibCopies = jib.extraDirectories().entrySet().stream().collect(
                java.util.stream.Collectors.toMap(e -> moduleRelative(e.getKey()), Map.Entry::getValue));

        assertThat(dockerCopies).isEqualTo(jibCopies).isEqualTo(Map.of(
                "target/classes", "/var/task",
                "target/lambda/lib", "/var/task/lib"));
    }

    @Test
    void theWorkingDirectoryIsTheTaskRootInAllThree() {
        assertThat(production.workdir()).contains("/var/task");
        assertThat(jib.workingDirectory()).isEqualTo("/var/task");
        assertThat(image.workingDir()).isEqualTo("/var/task");
    }

    @Test
    void theJvmOptionsAreTheSameInAllThree() {
        String options = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";

        assertThat(production.env()).containsEntry("JAVA_TOOL_OPTIONS", options);
        assertThat(jib.environment()).containsEntry("JAVA_TOOL_OPTIONS", options);
        assertThat(image.env()).containsEntry("JAVA_TOOL_OPTIONS", options);
    }

    @Test
    void bothLeaveTheBaseImagesEntrypointInPlace() {
        assertThat(production.instructions()).noneMatch(i -> i.toUpperCase(java.util.Locale.ROOT).startsWith("ENTRYPOINT"));
        assertThat(jib.entrypoint()).contains("INHERIT");
        assertThat(image.entrypoint()).isEmpty();
    }

    @Test
    void theDockerfileBuildHasTheSameFilesInVarTaskAsTheJibBuild() throws Exception {
        Assumptions.assumeTrue(DockerClientFactory.instance().isDockerAvailable(),
                "no Docker-compatible engine: the Dockerfile is compared by configuration only");
        String buildImage = Dockerfile.read(repository.resolve("Dockerfile")).stage("test").from();
        for (String base : List.of(production.from(), buildImage)) {
            boolean present;
            try {
                DockerClientFactory.instance().client().inspectImageCmd(base).exec();
                present = true;
            } catch (RuntimeException e) {
                present = false;
            }
            Assumptions.assumeTrue(present, base + " is not present locally (it is never pulled by this test)");
        }

        ImageFromDockerfile built = new ImageFromDockerfile("stepsolver-lambda-agreement", true)
                .withFileFromPath(".", repository)
                .withTarget("production");
        try (GenericContainer<?> container = new GenericContainer<>(built)
                .withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint("sleep").withCmd("120"))) {
            container.start();
            var listing = container.execInContainer("find", "/var/task", "-type", "f");
            List<String> dockerFiles = Arrays.stream(listing.getStdout().split("\n")).filter(l -> !l.isBlank()).toList();

            assertThat(dockerFiles).containsExactlyInAnyOrderElementsOf(image.files());
        }
    }
}
