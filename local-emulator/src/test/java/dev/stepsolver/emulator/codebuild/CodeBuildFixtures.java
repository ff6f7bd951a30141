package dev.stepsolver.emulator.codebuild;

import static org.awaitility.Awaitility.await;

import dev.stepsolver.emulator.Clients;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;
import software.amazon.awssdk.services.codebuild.model.ArtifactsType;
import software.amazon.awssdk.services.codebuild.model.Build;
import software.amazon.awssdk.services.codebuild.model.ComputeType;
import software.amazon.awssdk.services.codebuild.model.CreateProjectRequest;
import software.amazon.awssdk.services.codebuild.model.EnvironmentType;
import software.amazon.awssdk.services.codebuild.model.SourceType;
import software.amazon.awssdk.services.s3.S3Client;

/** What the CodeBuild tests share: clients, source zips, waiting for builds. */
final class CodeBuildFixtures {

    static final Duration BUILD_LIMIT = Duration.ofSeconds(90);

    private CodeBuildFixtures() {
    }

    static CodeBuildClient codeBuild(URI endpoint) {
        return Clients.configure(CodeBuildClient.builder(), endpoint, "test", "test")
                .httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    /** A zip of {@code files} (name to UTF-8 content), as a source bundle. */
    static byte[] zip(Map<String, String> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                out.putNextEntry(new ZipEntry(file.getKey()));
                out.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The entries of a zip (name to UTF-8 content); directories left out. */
    static Map<String, String> unzip(byte[] zip) {
        Map<String, String> files = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (!entry.isDirectory()) {
                    files.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** The files under a test resource directory, by relative path. */
    static Map<String, String> resourceTree(String directory) {
        try {
            Path root = Path.of(CodeBuildFixtures.class.getResource("/" + directory).toURI());
            Map<String, String> files = new LinkedHashMap<>();
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                    files.put(root.relativize(file).toString().replace('\\', '/'), Files.readString(file));
                }
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static void putSource(S3Client s3, String bucket, String key, Map<String, String> files) {
        s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(zip(files)));
    }

    /** A project with an S3 source and no artifacts, changed as {@code more} says. */
    static CreateProjectRequest.Builder project(String name, String sourceLocation) {
        return CreateProjectRequest.builder().name(name)
                .source(s -> s.type(SourceType.S3).location(sourceLocation))
                .artifacts(a -> a.type(ArtifactsType.NO_ARTIFACTS))
                .environment(e -> e.type(EnvironmentType.LINUX_CONTAINER)
                        .image("aws/codebuild/amazonlinux-x86_64-standard:5.0")
                        .computeType(ComputeType.BUILD_GENERAL1_SMALL))
                .serviceRole("arn:aws:iam::000000000000:role/codebuild-test");
    }

    static Build build(CodeBuildClient codeBuild, String id) {
        return codeBuild.batchGetBuilds(r -> r.ids(id)).builds().get(0);
    }

    /** Waits (bounded) for the build to complete and returns it. */
    static Build awaitComplete(CodeBuildClient codeBuild, String id) {
        return await().atMost(BUILD_LIMIT).pollInterval(Duration.ofMillis(100))
                .until(() -> build(codeBuild, id), Build::buildComplete);
    }
}
