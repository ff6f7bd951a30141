package dev.stepsolver.emulator.codepipeline;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A pipeline as stored: its declaration (the SDK model's JSON, version included) and metadata.
 */
public record PipelineRecord(String name, String arn, int version, String declarationJson, Instant created,
        Instant updated, Map<String, String> tags) {

    public PipelineRecord {
        tags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    PipelineRecord withTags(Map<String, String> newTags) {
        return new PipelineRecord(name, arn, version, declarationJson, created, updated, newTags);
    }
}
