package dev.stepsolver.emulator.apigateway;

import dev.stepsolver.emulator.apigateway.UsagePlanRecord.Quota;
import dev.stepsolver.emulator.apigateway.UsagePlanRecord.Throttle;
import dev.stepsolver.emulator.state.PersistentCollection;
import dev.stepsolver.emulator.state.StateStore;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The counters behind throttling and quotas, on the emulator clock: token buckets (a bucket holds
 * up to the burst limit and refills at the rate limit per second; a request takes one token) and
 * quota counters per usage plan and key over UTC days, weeks (from Sunday) or months. Quota
 * counts are persisted by {@link #flush()} (the backend flushes periodically and at shutdown), so
 * a restart does not hand out a fresh quota; buckets are not: they refill within seconds anyway.
 */
final class UsageLimits {

    /** Bound on live buckets: keys come from configuration (plans, keys, stages, methods), not requests. */
    private static final int MAX_BUCKETS = 100_000;

    /** A persisted quota count: requests used in the period starting at {@code periodStart}. */
    record QuotaUsage(String planId, String keyId, Instant periodStart, long used) {
    }

    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final Map<String, QuotaCounter> quotas = new ConcurrentHashMap<>();
    private final Map<String, Boolean> dirty = new ConcurrentHashMap<>();
    private final PersistentCollection<QuotaUsage> store;

    UsageLimits(StateStore state) {
        this.store = state.collection("apigateway.quota-usage", QuotaUsage.class);
        store.loadAll().forEach((key, usage) -> quotas.put(key, new QuotaCounter(usage.periodStart(), usage.used())));
    }

    /**
     * Takes a token from the bucket {@code key}, created full on first use.
     *
     * @return false when the bucket is empty: the request is throttled
     */
    boolean tryTake(String key, Throttle throttle, Instant now) {
        if (buckets.size() > MAX_BUCKETS) {
            buckets.clear();
        }
        return buckets.computeIfAbsent(key, k -> new TokenBucket(capacity(throttle), now)).tryTake(throttle, now);
    }

    /** The bucket size: the burst limit, or one second of the rate when no burst is set. */
    static double capacity(Throttle throttle) {
        if (throttle.burstLimit() > 0) {
            return throttle.burstLimit();
        }
        return Math.ceil(throttle.rateLimit());
    }

    /**
     * Counts one request against {@code quota} for the key in the plan.
     *
     * @param keyAddedAt when the key joined the plan: its first period allows {@code offset} fewer
     * @return false when the period's quota is used up (nothing is counted then)
     */
    boolean tryCount(String planId, String keyId, Quota quota, Instant keyAddedAt, Instant now) {
        String key = planId + "/" + keyId;
        Instant periodStart = periodStart(quota.period(), now);
        long limit = quota.limit() - (periodStart(quota.period(), keyAddedAt).equals(periodStart) ? quota.offset() : 0);
        QuotaCounter counter = quotas.computeIfAbsent(key, k -> new QuotaCounter(periodStart, 0));
        boolean counted = counter.tryCount(periodStart, limit);
        if (counted) {
            dirty.put(key, Boolean.TRUE);
        }
        return counted;
    }

    /** Forgets the counters of a plan (deleted) or of one key in it. */
    void forget(String planId, String keyIdOrEmpty) {
        String prefix = planId + "/" + keyIdOrEmpty;
        quotas.keySet().removeIf(key -> {
            boolean match = keyIdOrEmpty.isEmpty() ? key.startsWith(prefix) : key.equals(prefix);
            if (match) {
                store.remove(key);
                dirty.remove(key);
            }
            return match;
        });
        buckets.keySet().removeIf(key -> key.startsWith("plan/" + prefix));
    }

    /** Writes the quota counts changed since the last flush. */
    void flush() {
        for (String key : dirty.keySet()) {
            dirty.remove(key);
            QuotaCounter counter = quotas.get(key);
            if (counter != null) {
                int slash = key.indexOf('/');
                QuotaUsage usage = counter.snapshot(key.substring(0, slash), key.substring(slash + 1));
                store.put(key, usage);
            }
        }
    }

    /** The start (UTC) of the quota period holding {@code instant}. */
    static Instant periodStart(String period, Instant instant) {
        LocalDate day = instant.atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate start = switch (period) {
            case "DAY" -> day;
            case "WEEK" -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
            case "MONTH" -> day.withDayOfMonth(1);
            default -> throw new IllegalArgumentException("unknown quota period " + period);
        };
        return start.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** A token bucket refilled from the emulator clock. */
    private static final class TokenBucket {
        private double tokens;
        private Instant last;

        TokenBucket(double capacity, Instant now) {
            this.tokens = capacity;
            this.last = now;
        }

        synchronized boolean tryTake(Throttle throttle, Instant now) {
            double capacity = capacity(throttle);
            if (now.isAfter(last)) {
                double seconds = (now.getEpochSecond() - last.getEpochSecond()) + (now.getNano() - last.getNano()) / 1e9;
                tokens = Math.min(capacity, tokens + seconds * throttle.rateLimit());
                last = now;
            }
            tokens = Math.min(tokens, capacity);
            if (tokens >= 1.0) {
                tokens -= 1.0;
                return true;
            }
            return false;
        }
    }

    /** Requests counted in the current quota period. */
    private static final class QuotaCounter {
        private Instant periodStart;
        private long used;

        QuotaCounter(Instant periodStart, long used) {
            this.periodStart = periodStart;
            this.used = used;
        }

        synchronized boolean tryCount(Instant currentPeriod, long limit) {
            if (!currentPeriod.equals(periodStart)) {
                periodStart = currentPeriod;
                used = 0;
            }
            if (used >= limit) {
                return false;
            }
            used++;
            return true;
        }

        synchronized QuotaUsage snapshot(String planId, String keyId) {
            return new QuotaUsage(planId, keyId, periodStart, used);
        }
    }
}
