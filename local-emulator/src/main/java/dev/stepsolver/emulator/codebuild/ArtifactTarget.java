package dev.stepsolver.emulator.codebuild;

import java.util.Objects;
import java.util.Optional;

/** Where a build's primary or a secondary artifact goes. */
public sealed interface ArtifactTarget {

    /** A zip at exactly this S3 key (how CodePipeline names its artifacts). */
    record Zip(String bucket, String key) implements ArtifactTarget {
        public Zip {
            Objects.requireNonNull(bucket);
            Objects.requireNonNull(key);
        }
    }

    /**
     * A project's S3 artifact settings, resolved when the build uploads: the key is
     * {@code path/[build-uuid/]name}, the name possibly the buildspec's when {@code overrideArtifactName}.
     *
     * @param bucket the artifact location (a bucket name)
     * @param path a key prefix, empty for none
     * @param name the object name (or directory name for unzipped artifacts)
     * @param namespaceBuildId whether the build's uuid is put between path and name
     * @param zip ZIP packaging (otherwise the files are uploaded one by one)
     */
    record S3(String bucket, String path, String name, boolean namespaceBuildId, boolean zip,
            boolean overrideArtifactName) implements ArtifactTarget {
        public S3 {
            Objects.requireNonNull(bucket);
            Objects.requireNonNull(path);
            Objects.requireNonNull(name);
        }
    }

    /** Nothing is uploaded; {@code reason} says why in the build log. */
    record None(String reason) implements ArtifactTarget {
    }

    static ArtifactTarget zip(String bucket, String key) {
        return new Zip(bucket, key);
    }

    static ArtifactTarget none(String reason) {
        return new None(reason);
    }

    /** The S3 key this target uploads to, given the build's uuid and the buildspec's artifact name. */
    static String keyOf(S3 target, String buildUuid, Optional<String> buildspecName) {
        String name = target.overrideArtifactName() && buildspecName.isPresent() ? buildspecName.get() : target.name();
        StringBuilder key = new StringBuilder();
        String path = target.path().replaceAll("^/+|/+$", "");
        if (!path.isEmpty()) {
            key.append(path).append('/');
        }
        if (target.namespaceBuildId()) {
            key.append(buildUuid).append('/');
        }
        return key.append(name).toString();
    }
}
