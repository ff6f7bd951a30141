package dev.stepsolver.e2e;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * The solver's Lambda image, in the layout solver-lambda's Jib build gives it (its staged classes
 * directly under /var/task, its runtime jars in /var/task/lib, the SNAPSHOT jars in a layer of their
 * own, CMD the handler, working directory /var/task, the C1-only JAVA_TOOL_OPTIONS), built from
 * what solver-lambda staged for that build and pushed to the emulator's registry with an ECR
 * password. No base image: the emulator's Lambda runtime brings the JVM, as the {@code scratch}
 * build for the emulator does.
 */
final class SolverImage {

    static final String HANDLER = "dev.stepsolver.lambda.SolverHandler::handleRequest";
    static final String JAVA_TOOL_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";
    private static final String TASK_ROOT = "/var/task";

    private SolverImage() {
    }

    /** Builds and pushes {@code repository:tag}; returns the image URI. */
    static String push(EcrClient ecr, String repository, String tag) throws Exception {
        Path classes = staged("solver.image.classes");
        Path lib = staged("solver.image.lib");
        String uri = ecr.describeRepositories(r -> r.repositoryNames(repository)).repositories().get(0)
                .repositoryUri() + ":" + tag;
        String password = new String(Base64.getDecoder().decode(ecr.getAuthorizationToken(r -> { })
                .authorizationData().get(0).authorizationToken()), StandardCharsets.UTF_8).substring("AWS:".length());
        System.setProperty("sendCredentialsOverHttp", "true");
        FileEntriesLayer.Builder libraries = FileEntriesLayer.builder().setName("lambda libraries");
        FileEntriesLayer.Builder snapshots = FileEntriesLayer.builder().setName("lambda snapshot libraries");
        try (Stream<Path> jars = Files.list(lib)) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                String name = jar.getFileName().toString();
                (name.endsWith("-SNAPSHOT.jar") ? snapshots : libraries)
                        .addEntry(jar, AbsoluteUnixPath.get(TASK_ROOT + "/lib/" + name));
            }
        }
        FileEntriesLayer.Builder classLayer = FileEntriesLayer.builder().setName("lambda classes");
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                classLayer.addEntry(file, AbsoluteUnixPath.get(TASK_ROOT + "/"
                        + classes.relativize(file).toString().replace('\\', '/')));
            }
        }
        Jib.fromScratch()
                .addFileEntriesLayer(libraries.build())
                .addFileEntriesLayer(snapshots.build())
                .addFileEntriesLayer(classLayer.build())
                .setEnvironment(Map.of("JAVA_TOOL_OPTIONS", JAVA_TOOL_OPTIONS))
                .setWorkingDirectory(AbsoluteUnixPath.get(TASK_ROOT))
                .setProgramArguments(List.of(HANDLER))
                .containerize(Containerizer.to(RegistryImage.named(uri).addCredential("AWS", password))
                        .setAllowInsecureRegistries(true));
        return uri;
    }

    private static Path staged(String property) throws IOException {
        String value = System.getProperty(property);
        if (value == null || !Files.isDirectory(Path.of(value))) {
            throw new IOException("solver-lambda's staged image content is missing (" + property + " = " + value
                    + "): build it in the same reactor, e.g. ./mvnw -B -pl e2e-tests -am verify");
        }
        return Path.of(value);
    }
}
