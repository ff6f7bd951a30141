package dev.stepsolver.emulator.lambda.runtime;

import dev.stepsolver.emulator.ecr.Digest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * What every function process runs besides the image: the AWS Lambda Runtime Interface Client and
 * its libraries (carried in the emulator's resources as jar files) and the {@link ParentWatchdog}
 * agent jar. Written once into the cache directory under a hash of their content, so their paths
 * and timestamps stay the same across runs (the class-data archives check both).
 */
public final class RuntimeFiles {

    static final String RESOURCE_DIRECTORY = "/dev/stepsolver/emulator/lambda/runtime/client/";
    static final List<String> CLIENT_JARS = List.of("aws-lambda-java-runtime-interface-client.jar",
            "aws-lambda-java-core.jar", "aws-lambda-java-serialization.jar", "utils-lite.jar", "annotations.jar");

    private final List<Path> classpath;
    private final Path watchdogAgent;

    private RuntimeFiles(List<Path> classpath, Path watchdogAgent) {
        this.classpath = List.copyOf(classpath);
        this.watchdogAgent = watchdogAgent;
    }

    /** The runtime client jars, in classpath order. */
    public List<Path> classpath() {
        return classpath;
    }

    public Path watchdogAgent() {
        return watchdogAgent;
    }

    /** Writes (if not there yet) the files under {@code cacheDirectory}. */
    public static RuntimeFiles install(Path cacheDirectory) {
        try {
            Map<String, byte[]> files = new LinkedHashMap<>();
            MessageDigest hash = Digest.sha256();
            for (String jar : CLIENT_JARS) {
                byte[] bytes = resource(RESOURCE_DIRECTORY + jar);
                files.put(jar, bytes);
                hash.update(jar.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                hash.update(bytes);
            }
            byte[] agent = agentJar();
            files.put("emulator-watchdog.jar", agent);
            hash.update(agent);
            Path directory = cacheDirectory.resolve("runtime").resolve(HexFormat.of().formatHex(hash.digest())
                    .substring(0, 16));
            if (!Files.isDirectory(directory)) {
                Path building = directory.resolveSibling(directory.getFileName() + ".tmp-" + UUID.randomUUID());
                Files.createDirectories(building);
                for (Map.Entry<String, byte[]> file : files.entrySet()) {
                    Files.write(building.resolve(file.getKey()), file.getValue());
                }
                try {
                    Files.move(building, directory, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException | java.nio.file.FileAlreadyExistsException e) {
                    ImageUnpacker.deleteRecursively(building);
                } catch (java.nio.file.DirectoryNotEmptyException e) {
                    // another emulator sharing the cache wrote the same files first
                    ImageUnpacker.deleteRecursively(building);
                }
            }
            List<Path> classpath = new ArrayList<>();
            for (String jar : CLIENT_JARS) {
                classpath.add(directory.resolve(jar));
            }
            return new RuntimeFiles(classpath, directory.resolve("emulator-watchdog.jar"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the Lambda runtime files under " + cacheDirectory, e);
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = RuntimeFiles.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("The emulator was built without " + name + " (maven-dependency-plugin copies it)");
            }
            return in.readAllBytes();
        }
    }

    /** A jar holding only the watchdog class, with {@code Premain-Class} naming it. */
    private static byte[] agentJar() throws IOException {
        String className = ParentWatchdog.class.getName();
        String entryName = className.replace('.', '/') + ".class";
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(new Attributes.Name("Premain-Class"), className);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // entries written by hand with fixed times: the same emulator writes the same bytes every run
        try (JarOutputStream jar = new JarOutputStream(bytes)) {
            JarEntry manifestEntry = new JarEntry("META-INF/MANIFEST.MF");
            manifestEntry.setTime(0);
            jar.putNextEntry(manifestEntry);
            manifest.write(jar);
            jar.closeEntry();
            JarEntry entry = new JarEntry(entryName);
            entry.setTime(0);
            jar.putNextEntry(entry);
            jar.write(resource("/" + entryName));
            jar.closeEntry();
        }
        return bytes.toByteArray();
    }
}
