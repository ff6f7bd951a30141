package dev.stepsolver.emulator.cloudwatch;

import dev.stepsolver.emulator.state.PersistentCollection;
import dev.stepsolver.emulator.state.StateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Metric data aggregated per storage interval (60 s, or 1 s for high-resolution data), as
 * CloudWatch keeps it, so storage grows with time covered, not with the number of puts.
 * Data older than the retention is dropped.
 */
final class MetricStore {

    /** CloudWatch keeps data for 15 months; the emulator keeps 15 days of emulated time. */
    static final Duration RETENTION = Duration.ofDays(15);
    /** Bound on intervals per metric, whatever the clock does. */
    static final int MAX_INTERVALS = 50_000;

    /** What is persisted per metric: its identity and its intervals. */
    record SeriesRecord(String namespace, String name, Map<String, String> dimensions, List<Interval> intervals) {
    }

    /** One storage interval starting at {@code epochSecond}. */
    record Interval(long epochSecond, double sampleCount, double sum, double minimum, double maximum) {
    }

    private final PersistentCollection<SeriesRecord> store;
    private final boolean durable;
    private final Map<MetricKey, TreeMap<Long, StatSet>> series = new HashMap<>();

    MetricStore(StateStore state) {
        this.store = state.collection("cloudwatch.metrics", SeriesRecord.class);
        this.durable = state.durable();
        for (SeriesRecord record : store.loadAll().values()) {
            TreeMap<Long, StatSet> intervals = new TreeMap<>();
            for (Interval interval : record.intervals()) {
                intervals.put(interval.epochSecond(), new StatSet(interval.sampleCount(), interval.sum(),
                        interval.minimum(), interval.maximum()));
            }
            series.put(new MetricKey(record.namespace(), record.name(), record.dimensions()), intervals);
        }
    }

    /** Adds values; each map entry is (metric, timestamp, stats, storage resolution seconds). */
    synchronized void add(List<Sample> samples, Instant now) {
        Map<MetricKey, TreeMap<Long, StatSet>> touched = new HashMap<>();
        long oldest = now.minus(RETENTION).getEpochSecond();
        for (Sample sample : samples) {
            long resolution = sample.storageResolutionSeconds() == 1 ? 1 : 60;
            long start = Math.floorDiv(sample.timestamp().getEpochSecond(), resolution) * resolution;
            TreeMap<Long, StatSet> intervals = series.computeIfAbsent(sample.key(), key -> new TreeMap<>());
            intervals.merge(start, sample.stats(), StatSet::merge);
            intervals.headMap(oldest).clear();
            while (intervals.size() > MAX_INTERVALS) {
                intervals.pollFirstEntry();
            }
            touched.put(sample.key(), intervals);
        }
        if (durable) {
            touched.forEach((key, intervals) -> store.put(key.id(), record(key, intervals)));
        }
    }

    /** One datum to store. */
    record Sample(MetricKey key, Instant timestamp, StatSet stats, int storageResolutionSeconds) {
    }

    private static SeriesRecord record(MetricKey key, TreeMap<Long, StatSet> intervals) {
        List<Interval> list = new ArrayList<>(intervals.size());
        intervals.forEach((start, stats) -> list.add(new Interval(start, stats.sampleCount(), stats.sum(),
                stats.minimum(), stats.maximum())));
        return new SeriesRecord(key.namespace(), key.name(), key.dimensions(), list);
    }

    /**
     * Aggregates a metric into periods aligned to multiples of {@code period} since the epoch,
     * covering [{@code start}, {@code end}); periods without data are absent.
     */
    synchronized SortedMap<Instant, StatSet> aggregate(MetricKey key, Instant start, Instant end, Duration period) {
        SortedMap<Instant, StatSet> result = new TreeMap<>();
        TreeMap<Long, StatSet> intervals = series.get(key);
        if (intervals == null) {
            return result;
        }
        long periodSeconds = period.getSeconds();
        for (Map.Entry<Long, StatSet> entry : intervals.subMap(start.getEpochSecond(), true, end.getEpochSecond(),
                false).entrySet()) {
            long periodStart = Math.floorDiv(entry.getKey(), periodSeconds) * periodSeconds;
            result.merge(Instant.ofEpochSecond(periodStart), entry.getValue(), StatSet::merge);
        }
        return result;
    }

    synchronized Optional<TreeMap<Long, StatSet>> raw(MetricKey key) {
        return Optional.ofNullable(series.get(key)).map(TreeMap::new);
    }

    synchronized List<MetricKey> keys() {
        return new ArrayList<>(series.keySet());
    }
}
