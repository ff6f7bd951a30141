package dev.stepsolver.e2e;

import dev.stepsolver.emulator.codepipeline.PipelineEvent;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Clients of the prod stage while a release goes out: a steady, bounded stream of contract requests
 * (one every 50 ms, on loopback), counting answers by status and keeping the wrong ones.
 */
final class ProdTraffic implements AutoCloseable {

    private static final Scenario.Case CASE = Scenario.contractCases().get(0);
    /** Bound on the stream, whatever happens: 20 requests/s for at most 10 real minutes. */
    private static final int MAX_REQUESTS = 12_000;

    private final Scenario scenario;
    private final String apiKey;
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "prod-traffic");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<Integer, AtomicInteger> byStatus = new ConcurrentHashMap<>();
    private final List<String> wrongAnswers = new CopyOnWriteArrayList<>();
    private final AtomicInteger sent = new AtomicInteger();
    private volatile boolean started;

    ProdTraffic(Scenario scenario) {
        this.scenario = scenario;
        this.apiKey = scenario.pipeline.apiKey();
    }

    /** Starts the stream when the pipeline's Prod stage starts. */
    ProdTraffic startingWithProd() {
        scenario.pipeline.follow(event -> {
            if (event instanceof PipelineEvent.StageChanged stage && stage.stageName().equals("Prod")
                    && stage.status().equals("InProgress")) {
                start();
            }
        });
        return this;
    }

    synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        sender.scheduleAtFixedRate(this::sendOne, 0, 50, TimeUnit.MILLISECONDS);
    }

    private void sendOne() {
        if (sent.incrementAndGet() > MAX_REQUESTS) {
            sender.shutdown();
            return;
        }
        try {
            HttpResponse<String> response = scenario.solve("prod", CASE.equation(), apiKey);
            byStatus.computeIfAbsent(response.statusCode(), k -> new AtomicInteger()).incrementAndGet();
            if (response.statusCode() == 200 && !Scenario.steps(response.body()).equals(CASE.solution())) {
                wrongAnswers.add(response.body());
            }
        } catch (RuntimeException | AssertionError e) {
            byStatus.computeIfAbsent(-1, k -> new AtomicInteger()).incrementAndGet();
            wrongAnswers.add(e.toString());
        }
    }

    boolean started() {
        return started;
    }

    Map<Integer, Integer> statusCounts() {
        Map<Integer, Integer> counts = new java.util.TreeMap<>();
        byStatus.forEach((status, count) -> counts.put(status, count.get()));
        return counts;
    }

    List<String> wrongAnswers() {
        return List.copyOf(wrongAnswers);
    }

    @Override
    public void close() throws InterruptedException {
        sender.shutdown();
        sender.awaitTermination(70, TimeUnit.SECONDS);
    }
}
