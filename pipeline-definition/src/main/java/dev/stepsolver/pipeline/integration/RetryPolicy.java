package dev.stepsolver.pipeline.integration;

import java.time.Duration;

/**
 * Retries a request only when the answer says "later": 429 (throttled) or a 5xx (for example a
 * cold start timing out). Exponential backoff, capped, a bounded number of attempts.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(8));

    public RetryPolicy {
        if (maxAttempts < 1 || maxAttempts > 20) {
            throw new IllegalArgumentException("maxAttempts must be within 1..20, was " + maxAttempts);
        }
    }

    public static boolean retryable(int status) {
        return status == 429 || (status >= 500 && status <= 599);
    }

    /** The wait before attempt {@code attempt + 1} (attempts count from 1). */
    public Duration backoff(int attempt) {
        long millis = initialBackoff.toMillis() << Math.min(attempt - 1, 20);
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }
}
