package dev.stepsolver.emulator.codepipeline;

import java.util.Optional;

/**
 * A pipeline artifact: its name in the declaration and the zip in the artifact store that holds it.
 *
 * @param revisionId the source revision (commit) the artifact was made from, when it is a source
 *     action's output; null otherwise
 */
public record ArtifactRef(String name, String bucket, String key, String revisionId) {

    public Optional<String> revision() {
        return Optional.ofNullable(revisionId);
    }

    /** AWS's S3 location form {@code bucket/key}. */
    public String location() {
        return bucket + "/" + key;
    }

    ArtifactRef withRevision(String revision) {
        return new ArtifactRef(name, bucket, key, revision);
    }
}
