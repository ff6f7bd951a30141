package dev.stepsolver.lambda.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads JMH's JSON result file and prints, per benchmark and contract equation, the sampled p50
 * and p99 in µs next to the target (p50 ≤ 100 µs per warm invocation, JSON included), and the
 * machine's load average when it ran.
 */
public final class BenchSummary {

    private static final double TARGET_P50_MICROS = 100;

    private BenchSummary() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "target/jmh-result.json");
        JsonNode results = new ObjectMapper().readTree(Files.readString(file));
        System.out.printf(Locale.ROOT, "Load average (1 min) when the summary was written: %s on %d cores%n", loadAverage(),
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "%-18s %-50s %10s %10s %10s%n", "benchmark", "equation", "p50 µs", "p99 µs", "target");
        for (JsonNode r : results) {
            String name = r.path("benchmark").asText();
            name = name.substring(name.lastIndexOf('.') + 1);
            int index = r.path("params").path("index").asInt();
            JsonNode percentiles = r.path("primaryMetric").path("scorePercentiles");
            double p50 = percentiles.path("50.0").asDouble(Double.NaN);
            double p99 = percentiles.path("99.0").asDouble(Double.NaN);
            System.out.printf(Locale.ROOT, "%-18s %-50s %10.2f %10.2f %10s%n", name, HandlerBenchmark.CONTRACT.get(index), p50, p99,
                    p50 <= TARGET_P50_MICROS ? "met" : "MISSED");
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
