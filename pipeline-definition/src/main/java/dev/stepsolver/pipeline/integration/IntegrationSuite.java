package dev.stepsolver.pipeline.integration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import dev.stepsolver.pipeline.aws.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the contract cases against a stage: POST each equation with the API key and compare the
 * JSON answer deep-equal with the case's solution.
 */
public final class IntegrationSuite {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpTransport http;
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    private final Clock clock;
    private final PrintWriter log;

    public IntegrationSuite(HttpTransport http, RetryPolicy retry, Sleeper sleeper, Clock clock, PrintWriter log) {
        this.http = http;
        this.retry = retry;
        this.sleeper = sleeper;
        this.clock = clock;
        this.log = log;
    }

    public List<CaseResult> run(URI stage, String apiKey, List<TestCase> cases) throws InterruptedException {
        List<CaseResult> results = new ArrayList<>();
        for (TestCase c : cases) {
            CaseResult result = runOne(stage, apiKey, c);
            log.println((result.passed() ? "PASS " : "FAIL ") + c.description()
                    + result.failure().map(f -> ": " + f).orElse(""));
            results.add(result);
        }
        return List.copyOf(results);
    }

    private CaseResult runOne(URI stage, String apiKey, TestCase c) throws InterruptedException {
        Instant start = clock.instant();
        int attempt = 0;
        while (true) {
            attempt++;
            HttpTransport.Response response;
            try {
                response = http.post(stage, c.equation(), apiKey);
            } catch (IOException e) {
                return done(c, Optional.of("request failed: " + e.getMessage()), attempt, start);
            }
            if (RetryPolicy.retryable(response.status()) && attempt < retry.maxAttempts()) {
                Duration wait = retry.backoff(attempt);
                log.println("  " + c.description() + ": HTTP " + response.status() + ", retrying in " + wait.toMillis() + " ms");
                sleeper.sleep(wait);
                continue;
            }
            return done(c, compare(c, response), attempt, start);
        }
    }

    private CaseResult done(TestCase c, Optional<String> failure, int attempts, Instant start) {
        return new CaseResult(c, failure, attempts, Duration.between(start, clock.instant()));
    }

    private static Optional<String> compare(TestCase c, HttpTransport.Response response) {
        if (response.status() != 200) {
            return Optional.of("expected HTTP 200, got " + response.status() + ": " + abbreviate(response.body()));
        }
        JsonNode actual;
        try {
            actual = MAPPER.readTree(response.body());
        } catch (JsonProcessingException e) {
            return Optional.of("the body is not JSON: " + abbreviate(response.body()));
        }
        if (actual == null || !actual.equals(c.solution())) {
            return Optional.of(difference(c.solution(), actual));
        }
        return Optional.empty();
    }

    /** Where the answer first departs from the expected array, for a readable failure. */
    private static String difference(JsonNode expected, JsonNode actual) {
        if (actual != null && expected.isArray() && actual.isArray()) {
            int n = Math.min(expected.size(), actual.size());
            for (int i = 0; i < n; i++) {
                if (!expected.get(i).equals(actual.get(i))) {
                    return "step " + i + " differs: expected " + expected.get(i) + " but was " + actual.get(i);
                }
            }
            return "expected " + expected.size() + " steps but got " + actual.size();
        }
        return "expected " + abbreviate(String.valueOf(expected)) + " but was " + abbreviate(String.valueOf(actual));
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "…";
    }
}
