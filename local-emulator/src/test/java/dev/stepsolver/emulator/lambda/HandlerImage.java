package dev.stepsolver.emulator.lambda;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import dev.stepsolver.emulator.lambda.handler.TestHandler;
import dev.stepsolver.emulator.lambda.handler.lib.Greeting;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * The test handlers as a Lambda container image, built with Jib from scratch in the layout of
 * Lambda's Java images (classes under /var/task, jars under /var/task/lib, CMD the test handler) and
 * pushed to the emulator's registry with an ECR password. Every class of the handler package goes in
 * (TestHandler, and HookHandler for functions that set ImageConfig.Command to {@link #HOOK_HANDLER}
 * and whose image carries {@link #codeDeploySdkJars()}).
 */
public final class HandlerImage {

    public static final String HANDLER = TestHandler.class.getName() + "::handleRequest";
    public static final String HOOK_HANDLER = TestHandler.class.getPackageName() + ".HookHandler::handleRequest";

    private HandlerImage() {
    }

    /** An image pushed: its URI by tag and its manifest digest. */
    public record Pushed(String uri, String digest) {
    }

    /** Builds and pushes {@code repository:tag}; extra jars go to /var/task/lib. */
    public static Pushed push(EcrClient ecr, String repository, String tag, Map<String, String> environment,
            List<Path> extraJars, Path scratch) throws Exception {
        return push(ecr, repository, tag, environment, extraJars, scratch, TestHandler.class);
    }

    /**
     * The same with another handler class of the test handler package (its classes, nested ones
     * included, go to /var/task; CMD is its {@code handleRequest}).
     */
    public static Pushed push(EcrClient ecr, String repository, String tag, Map<String, String> environment,
            List<Path> extraJars, Path scratch, Class<?> handler) throws Exception {
        String uri = ecr.describeRepositories(r -> r.repositoryNames(repository)).repositories().get(0)
                .repositoryUri() + ":" + tag;
        String password = new String(Base64.getDecoder().decode(ecr.getAuthorizationToken(r -> { })
                .authorizationData().get(0).authorizationToken()), StandardCharsets.UTF_8).substring("AWS:".length());
        System.setProperty("sendCredentialsOverHttp", "true");
        FileEntriesLayer.Builder classes = FileEntriesLayer.builder().setName("classes");
        Path classRoot = classRoot(handler);
        String handlerDir = handler.getPackageName().replace('.', '/');
        try (var files = Files.list(classRoot.resolve(handlerDir))) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".class")).toList()) {
                classes.addEntry(file, AbsoluteUnixPath.get("/var/task/" + handlerDir + "/" + file.getFileName()));
            }
        }
        FileEntriesLayer.Builder libs = FileEntriesLayer.builder().setName("dependencies");
        Path greetingJar = greetingJar(scratch);
        libs.addEntry(greetingJar, AbsoluteUnixPath.get("/var/task/lib/greeting.jar"));
        for (Path jar : extraJars) {
            libs.addEntry(jar, AbsoluteUnixPath.get("/var/task/lib/" + jar.getFileName()));
        }
        JibContainer container = Jib.fromScratch()
                .addFileEntriesLayer(libs.build())
                .addFileEntriesLayer(classes.build())
                .setEnvironment(environment)
                .setProgramArguments(List.of(handler.getName() + "::handleRequest"))
                .containerize(Containerizer.to(RegistryImage.named(uri).addCredential("AWS", password))
                        .setAllowInsecureRegistries(true));
        return new Pushed(uri, container.getDigest().toString());
    }

    /**
     * The jars of the AWS SDK's CodeDeploy client and what it needs (core, JSON protocol, auth, the
     * Apache HTTP client), from this test's class path: what a hook function needs to report back.
     */
    public static List<Path> codeDeploySdkJars() throws IOException {
        List<Path> jars = new java.util.ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path jar = Path.of(entry);
            String path = jar.toString().replace('\\', '/');
            if (!path.endsWith(".jar")) {
                continue;
            }
            boolean sdk = path.contains("/software/amazon/awssdk/") && !path.contains("/netty-nio-client/")
                    && !path.contains("/url-connection-client/") && (path.contains("/codedeploy/")
                            || !holdsAService(jar));
            boolean needed = path.contains("/org/reactivestreams/") || path.contains("/org/apache/httpcomponents/")
                    || path.contains("/commons-logging/") || path.contains("/commons-codec/")
                    || path.contains("/org/slf4j/slf4j-api/");
            if (sdk || needed) {
                jars.add(jar);
            }
        }
        return jars;
    }

    private static boolean holdsAService(Path jar) throws IOException {
        try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
            return file.stream().anyMatch(e -> e.getName().startsWith("software/amazon/awssdk/services/"));
        }
    }

    private static Path classRoot(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static Path greetingJar(Path scratch) throws IOException, URISyntaxException {
        Path jar = scratch.resolve("greeting.jar");
        String entry = Greeting.class.getName().replace('.', '/') + ".class";
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
            JarEntry jarEntry = new JarEntry(entry);
            jarEntry.setTime(0);
            zip.putNextEntry(jarEntry);
            zip.write(Files.readAllBytes(classRoot(Greeting.class).resolve(entry)));
            zip.closeEntry();
        }
        return jar;
    }
}
