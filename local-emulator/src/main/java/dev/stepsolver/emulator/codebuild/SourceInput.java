package dev.stepsolver.emulator.codebuild;

import java.nio.file.Path;
import java.util.Objects;

/** Where a build's (primary or secondary) source comes from. */
public sealed interface SourceInput {

    /**
     * An S3 object: a zip that is unpacked, or, when {@code key} ends with {@code /}, every object
     * under that prefix.
     */
    record S3(String bucket, String key) implements SourceInput {
        public S3 {
            Objects.requireNonNull(bucket);
            Objects.requireNonNull(key);
        }

        /** AWS's form of an S3 source location: {@code bucket/key}. */
        public String location() {
            return bucket + "/" + key;
        }
    }

    /** A directory on this machine whose contents are copied into the workspace. */
    record Directory(Path path) implements SourceInput {
        public Directory {
            Objects.requireNonNull(path);
        }
    }

    /** No source: the buildspec must be given inline. */
    record None() implements SourceInput {
    }

    /** A source type the emulator cannot fetch (GITHUB, CODECOMMIT...): the build fails with CLIENT_ERROR. */
    record Unsupported(String type, String location) implements SourceInput {
    }

    static SourceInput s3(String bucket, String key) {
        return new S3(bucket, key);
    }

    static SourceInput directory(Path path) {
        return new Directory(path);
    }

    /**
     * Parses AWS's S3 source location {@code bucket/key} (an {@code arn:aws:s3:::} prefix is allowed).
     *
     * @throws IllegalArgumentException when there is no key
     */
    static S3 parseS3Location(String location) {
        String rest = location.startsWith("arn:aws:s3:::") ? location.substring("arn:aws:s3:::".length()) : location;
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1) {
            throw new IllegalArgumentException("expected bucket/key, got " + location);
        }
        return new S3(rest.substring(0, slash), rest.substring(slash + 1));
    }
}
