package dev.stepsolver.emulator.apigateway;

import dev.stepsolver.emulator.cloudwatch.CloudWatchBackend;
import dev.stepsolver.emulator.cloudwatch.MetricKey;
import dev.stepsolver.emulator.time.EmulatorClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * API Gateway's execution metrics in the {@code AWS/ApiGateway} namespace, per API
 * ({@code ApiName}) and per API stage ({@code ApiName, Stage}): Count, 4XXError and 5XXError (0 or 1
 * per request, so their Sum counts errors and their Average is the error rate), Latency (the whole
 * request, milliseconds) and IntegrationLatency (the Lambda call, when there was one).
 */
final class ApiGatewayMetrics {

    static final String NAMESPACE = "AWS/ApiGateway";

    private final CloudWatchBackend cloudWatch;
    private final EmulatorClock clock;

    ApiGatewayMetrics(CloudWatchBackend cloudWatch, EmulatorClock clock) {
        this.cloudWatch = cloudWatch;
        this.clock = clock;
    }

    void request(String apiName, String stage, int status, double latencyMillis, OptionalDouble integrationMillis) {
        List<Map.Entry<MetricKey, Double>> values = new ArrayList<>(10);
        for (Map<String, String> dimensions : List.of(Map.of("ApiName", apiName),
                Map.of("ApiName", apiName, "Stage", stage))) {
            values.add(Map.entry(new MetricKey(NAMESPACE, "Count", dimensions), 1.0));
            values.add(Map.entry(new MetricKey(NAMESPACE, "4XXError", dimensions), status >= 400 && status < 500
                    ? 1.0 : 0.0));
            values.add(Map.entry(new MetricKey(NAMESPACE, "5XXError", dimensions), status >= 500 ? 1.0 : 0.0));
            values.add(Map.entry(new MetricKey(NAMESPACE, "Latency", dimensions), latencyMillis));
            if (integrationMillis.isPresent()) {
                values.add(Map.entry(new MetricKey(NAMESPACE, "IntegrationLatency", dimensions),
                        integrationMillis.getAsDouble()));
            }
        }
        cloudWatch.recordAll(values, clock.now());
    }
}
