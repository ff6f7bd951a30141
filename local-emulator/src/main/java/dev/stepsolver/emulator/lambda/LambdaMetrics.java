package dev.stepsolver.emulator.lambda;

import dev.stepsolver.emulator.cloudwatch.CloudWatchBackend;
import dev.stepsolver.emulator.cloudwatch.MetricKey;
import dev.stepsolver.emulator.time.EmulatorClock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lambda's invocation metrics in the {@code AWS/Lambda} namespace, under the dimension sets AWS
 * uses: none (account-wide), {@code FunctionName}, {@code FunctionName + Resource} for qualified
 * invocations ({@code name:alias} or {@code name:version}), and {@code FunctionName + Resource +
 * ExecutedVersion} for alias invocations. Errors count handler exceptions, timeouts and crashes;
 * throttled invocations count only as Throttles.
 */
final class LambdaMetrics {

    static final String NAMESPACE = "AWS/Lambda";

    private final CloudWatchBackend cloudWatch;
    private final EmulatorClock clock;

    LambdaMetrics(CloudWatchBackend cloudWatch, EmulatorClock clock) {
        this.cloudWatch = cloudWatch;
        this.clock = clock;
    }

    void invoked(String function, Optional<String> resource, Optional<String> executedVersion, boolean error,
            double durationMillis) {
        List<Map.Entry<MetricKey, Double>> values = new ArrayList<>();
        for (Map<String, String> dimensions : dimensionSets(function, resource, executedVersion)) {
            values.add(Map.entry(new MetricKey(NAMESPACE, "Invocations", dimensions), 1.0));
            values.add(Map.entry(new MetricKey(NAMESPACE, "Errors", dimensions), error ? 1.0 : 0.0));
            values.add(Map.entry(new MetricKey(NAMESPACE, "Duration", dimensions), durationMillis));
        }
        cloudWatch.recordAll(values, clock.now());
    }

    void throttled(String function, Optional<String> resource, Optional<String> executedVersion) {
        List<Map.Entry<MetricKey, Double>> values = new ArrayList<>();
        for (Map<String, String> dimensions : dimensionSets(function, resource, executedVersion)) {
            values.add(Map.entry(new MetricKey(NAMESPACE, "Throttles", dimensions), 1.0));
        }
        cloudWatch.recordAll(values, clock.now());
    }

    private static List<Map<String, String>> dimensionSets(String function, Optional<String> resource,
            Optional<String> executedVersion) {
        List<Map<String, String>> sets = new ArrayList<>();
        sets.add(Map.of());
        sets.add(Map.of("FunctionName", function));
        resource.ifPresent(r -> {
            sets.add(Map.of("FunctionName", function, "Resource", r));
            executedVersion.ifPresent(v -> {
                Map<String, String> withVersion = new LinkedHashMap<>();
                withVersion.put("FunctionName", function);
                withVersion.put("Resource", r);
                withVersion.put("ExecutedVersion", v);
                sets.add(withVersion);
            });
        });
        return sets;
    }
}
