package dev.stepsolver.emulator.codebuild;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A report group.
 *
 * @param exportConfig the export configuration as given (the SDK model's JSON), echoed back
 */
public record ReportGroup(String arn, String name, ReportType type, String exportConfig, Instant created,
        Instant lastModified, Map<String, String> tags) {

    public ReportGroup {
        tags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }
}
