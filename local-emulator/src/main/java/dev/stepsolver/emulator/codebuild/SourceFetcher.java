package dev.stepsolver.emulator.codebuild;

import dev.stepsolver.emulator.protocol.AwsException;
import dev.stepsolver.emulator.s3.S3Backend;
import dev.stepsolver.emulator.s3.S3Object;
import dev.stepsolver.emulator.state.BlobStore;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.UUID;

/** Puts a build's source into its workspace: an S3 zip or prefix, or a local directory. */
final class SourceFetcher {

    private static final int MAX_OBJECTS = 100_000;

    private final S3Backend s3;

    SourceFetcher(S3Backend s3) {
        this.s3 = s3;
    }

    /** A source that cannot be fetched; the message is the build's CLIENT_ERROR. */
    static final class SourceException extends Exception {
        private static final long serialVersionUID = 1L;

        SourceException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Fetches {@code source} into {@code target} (created), using {@code scratch} for downloads.
     */
    void fetch(SourceInput source, Path target, Path scratch) throws SourceException, IOException {
        Files.createDirectories(target);
        switch (source) {
            case SourceInput.None none -> {
            }
            case SourceInput.Unsupported unsupported -> throw new SourceException("source type " + unsupported.type()
                    + " is not supported by the emulator's CodeBuild, which fetches S3 sources (a zip or a key"
                    + " prefix ending in /) and, through its Java API, local directories");
            case SourceInput.Directory directory -> copyDirectory(directory.path(), target);
            case SourceInput.S3 object -> {
                if (object.key().endsWith("/")) {
                    fetchPrefix(object, target);
                } else {
                    fetchZip(object, target, scratch);
                }
            }
        }
    }

    private void fetchZip(SourceInput.S3 object, Path target, Path scratch) throws SourceException, IOException {
        S3Backend.ObjectWithBody found;
        try {
            found = s3.getObject(object.bucket(), object.key());
        } catch (AwsException e) {
            throw new SourceException("error while downloading key " + object.key() + " from bucket "
                    + object.bucket() + ", error: " + e.code() + ": " + e.getMessage());
        }
        Path zip;
        boolean temporary = false;
        if (found.body() instanceof BlobStore.Blob.OnDisk disk) {
            zip = disk.file();
        } else {
            zip = scratch.resolve("source-" + UUID.randomUUID() + ".zip");
            Files.createDirectories(scratch);
            Files.write(zip, ((BlobStore.Blob.InMemory) found.body()).bytes());
            temporary = true;
        }
        try {
            ZipArchives.unzip(zip, target);
        } catch (ZipArchives.BadArchiveException e) {
            throw new SourceException("s3://" + object.bucket() + "/" + object.key() + ": " + e.getMessage());
        } finally {
            if (temporary) {
                Files.deleteIfExists(zip);
            }
        }
    }

    private void fetchPrefix(SourceInput.S3 object, Path target) throws SourceException, IOException {
        Path root = target.toAbsolutePath().normalize();
        Optional<String> token = Optional.empty();
        int count = 0;
        do {
            S3Backend.Listing page;
            try {
                page = s3.listObjectsV2(object.bucket(), object.key(), Optional.empty(), token, Optional.empty(), 1000);
            } catch (AwsException e) {
                throw new SourceException("error while listing s3://" + object.bucket() + "/" + object.key()
                        + ", error: " + e.code() + ": " + e.getMessage());
            }
            for (S3Object item : page.contents()) {
                if (++count > MAX_OBJECTS) {
                    throw new SourceException("more than " + MAX_OBJECTS + " objects under s3://" + object.bucket()
                            + "/" + object.key());
                }
                String relative = item.key().substring(object.key().length());
                if (relative.isEmpty() || relative.endsWith("/")) {
                    continue;
                }
                Path destination = root.resolve(relative).normalize();
                if (!destination.startsWith(root)) {
                    throw new SourceException("the S3 key " + item.key() + " points outside the source directory");
                }
                Files.createDirectories(destination.getParent());
                try {
                    switch (s3.getObject(object.bucket(), item.key()).body()) {
                        case BlobStore.Blob.OnDisk disk -> Files.copy(disk.file(), destination,
                                StandardCopyOption.REPLACE_EXISTING);
                        case BlobStore.Blob.InMemory memory -> Files.write(destination, memory.bytes());
                    }
                } catch (AwsException e) {
                    // deleted while listed: as if it had not been there
                }
            }
            token = page.nextContinuationToken();
        } while (token.isPresent());
    }

    private static void copyDirectory(Path source, Path target) throws SourceException, IOException {
        if (!Files.isDirectory(source)) {
            throw new SourceException("the source directory " + source + " does not exist");
        }
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path destination = target.resolve(source.relativize(file).toString());
                Files.copy(file, destination, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES,
                        LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
