package dev.stepsolver.solver.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads JMH's JSON result file and prints, per benchmark, every equation's µs/op and the median
 * over the corpus (targets: under 20 µs per contract equation, a median under 5 µs over the mixed
 * corpus). Each equation's figure is the median of its measurement iterations, which a shared,
 * loaded machine disturbs less than the mean; JMH's mean is printed beside it.
 */
public final class BenchSummary {

    private BenchSummary() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "target/jmh-result.json");
        JsonNode results = new ObjectMapper().readTree(Files.readString(file));
        Map<String, List<double[]>> byBenchmark = new TreeMap<>();
        for (JsonNode r : results) {
            String name = r.get("benchmark").asText();
            name = name.substring(name.lastIndexOf('.') + 1);
            int index = r.get("params").get("index").asInt();
            double score = r.get("primaryMetric").get("score").asDouble();
            List<Double> iterations = new ArrayList<>();
            for (JsonNode fork : r.get("primaryMetric").get("rawData")) {
                fork.forEach(v -> iterations.add(v.asDouble()));
            }
            byBenchmark.computeIfAbsent(name, k -> new ArrayList<>())
                    .add(new double[] {index, median(iterations), score});
        }
        double load = loadAverage();
        System.out.printf(Locale.ROOT, "Load average (1 min) when the summary was written: %.2f on %d cores%n", load,
                Runtime.getRuntime().availableProcessors());
        for (Map.Entry<String, List<double[]>> e : byBenchmark.entrySet()) {
            List<String> corpus = e.getKey().startsWith("contract") ? Corpus.CONTRACT : Corpus.MIXED;
            List<Double> scores = new ArrayList<>();
            System.out.println();
            System.out.println(e.getKey() + " (µs/op: median of iterations, JMH mean)");
            e.getValue().sort((a, b) -> Double.compare(a[0], b[0]));
            for (double[] v : e.getValue()) {
                System.out.printf(Locale.ROOT, "  %8.2f %8.2f  %s%n", v[1], v[2], corpus.get((int) v[0]));
                scores.add(v[1]);
            }
            Collections.sort(scores);
            System.out.printf(Locale.ROOT, "  median %.2f µs, max %.2f µs over %d equations%n", median(scores),
                    scores.get(scores.size() - 1), scores.size());
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return Double.parseDouble(parts[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
