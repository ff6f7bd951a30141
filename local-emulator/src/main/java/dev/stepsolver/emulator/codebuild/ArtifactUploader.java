package dev.stepsolver.emulator.codebuild;

import dev.stepsolver.emulator.codebuild.Buildspec.ArtifactSpec;
import dev.stepsolver.emulator.protocol.AwsException;
import dev.stepsolver.emulator.s3.S3Backend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Packs the files a buildspec artifact names and puts them in the emulated S3. */
final class ArtifactUploader {

    /** The biggest zip an artifact may be (S3 bodies are held in memory on upload). */
    static final long MAX_ZIP_BYTES = 1024L * 1024 * 1024;

    private final S3Backend s3;

    ArtifactUploader(S3Backend s3) {
        this.s3 = s3;
    }

    /** An artifact that cannot be produced; the message is the build's CLIENT_ERROR. */
    static final class ArtifactException extends Exception {
        private static final long serialVersionUID = 1L;

        ArtifactException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Uploads the files of {@code spec} (relative to {@code sourceDirectory}) to {@code bucket}/{@code key}.
     *
     * @param identifier the secondary artifact identifier, null for the primary artifact
     * @param zip one zip at {@code key}, or each file under the prefix {@code key}
     */
    ArtifactResult upload(ArtifactSpec spec, Path sourceDirectory, String identifier, String bucket, String key,
            boolean zip, Path scratch) throws ArtifactException, IOException {
        Path root = sourceDirectory.toAbsolutePath().normalize();
        Path base = root.resolve(spec.baseDirectory().orElse("")).normalize();
        if (!base.startsWith(root)) {
            throw new ArtifactException("base-directory " + spec.baseDirectory().orElse("") + " is outside the source"
                    + " directory");
        }
        if (!Files.isDirectory(base)) {
            throw new ArtifactException("no matching base directory path found for "
                    + spec.baseDirectory().orElse("."));
        }
        List<String> files;
        try {
            files = FileGlobs.select(base, spec.files(), spec.excludePaths());
        } catch (FileGlobs.TooManyFilesException e) {
            throw new ArtifactException(e.getMessage());
        }
        if (files.isEmpty()) {
            throw new ArtifactException("no matching artifact paths found");
        }
        try {
            if (zip) {
                Files.createDirectories(scratch);
                Path archive = scratch.resolve("artifact-" + UUID.randomUUID() + ".zip");
                try {
                    ZipArchives.zip(base, files, spec.discardPaths(), archive);
                    if (Files.size(archive) > MAX_ZIP_BYTES) {
                        throw new ArtifactException("the artifact zip is larger than " + MAX_ZIP_BYTES + " bytes");
                    }
                    byte[] bytes = Files.readAllBytes(archive);
                    s3.putObject(bucket, key, bytes, new S3Backend.PutRequest("application/zip", Map.of(), Map.of(),
                            Map.of()));
                    return new ArtifactResult(identifier, bucket, key, true, hex("MD5", bytes), hex("SHA-256", bytes));
                } finally {
                    Files.deleteIfExists(archive);
                }
            }
            String prefix = key.endsWith("/") ? key : key + "/";
            for (String file : files) {
                Path path = base.resolve(file);
                String name = spec.discardPaths() ? path.getFileName().toString() : file;
                if (Files.size(path) > MAX_ZIP_BYTES) {
                    throw new ArtifactException(file + " is larger than " + MAX_ZIP_BYTES + " bytes");
                }
                s3.putObject(bucket, prefix + name, Files.readAllBytes(path), new S3Backend.PutRequest(
                        "application/octet-stream", Map.of(), Map.of(), Map.of()));
            }
            return new ArtifactResult(identifier, bucket, key, false, null, null);
        } catch (AwsException e) {
            throw new ArtifactException("Error uploading artifacts to s3://" + bucket + "/" + key + ": " + e.code()
                    + ": " + e.getMessage());
        }
    }

    private static String hex(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }
}
