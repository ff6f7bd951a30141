package dev.stepsolver.emulator.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepsolver.emulator.protocol.AwsException;
import dev.stepsolver.emulator.protocol.Fault;
import dev.stepsolver.emulator.protocol.Mappers;
import dev.stepsolver.emulator.protocol.ModelJson;
import dev.stepsolver.emulator.state.PersistentCollection;
import dev.stepsolver.emulator.state.StateCorruptedException;
import dev.stepsolver.emulator.state.StateStore;
import dev.stepsolver.emulator.time.EmulatorClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/**
 * CloudWatch metrics and alarms. Metrics are aggregated per storage interval; alarms are
 * evaluated on the emulator clock every {@link #EVALUATION_INTERVAL}, over their last
 * EvaluationPeriods complete periods, with DatapointsToAlarm and TreatMissingData as AWS applies them.
 */
public final class CloudWatchBackend implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CloudWatchBackend.class);

    /** How often alarms are evaluated (emulated time). */
    public static final Duration EVALUATION_INTERVAL = Duration.ofSeconds(10);
    private static final int MAX_HISTORY = 100;

    /** Built on first use: pattern formatters pull in locale data, which start-up need not wait for. */
    private static final class Formats {
        private static final DateTimeFormatter REASON_TIME =
                DateTimeFormatter.ofPattern("dd/MM/yy HH:mm:ss").withZone(ZoneOffset.UTC);
        private static final DateTimeFormatter REASON_DATA_TIME =
                DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'+0000'").withZone(ZoneOffset.UTC);
    }

    private final EmulatorClock clock;
    private final String region;
    private final String accountId;
    private final MetricStore metrics;
    private final MetricQueries queries;
    private final PersistentCollection<AlarmRecord> alarmStore;
    private final PersistentCollection<AlarmHistory> historyStore;
    private final TreeMap<String, Alarm> alarms = new TreeMap<>();
    private final Map<String, AlarmHistory> histories = new TreeMap<>();
    private final List<Consumer<AlarmStateChange>> listeners = new CopyOnWriteArrayList<>();
    private final EmulatorClock.Scheduled evaluation;

    /** An alarm in memory: its persisted record and parsed definition. */
    private record Alarm(AlarmRecord record, PutMetricAlarmRequest definition, Optional<MetricQueries.Plan> plan) {
    }

    public CloudWatchBackend(EmulatorClock clock, StateStore state, String region, String accountId) {
        this.clock = clock;
        this.region = region;
        this.accountId = accountId;
        this.metrics = new MetricStore(state);
        this.queries = new MetricQueries(metrics);
        this.alarmStore = state.collection("cloudwatch.alarms", AlarmRecord.class);
        this.historyStore = state.collection("cloudwatch.alarm-history", AlarmHistory.class);
        for (AlarmRecord record : alarmStore.loadAll().values()) {
            try {
                PutMetricAlarmRequest definition = ModelJson.read(record.definitionJson(), PutMetricAlarmRequest::builder);
                alarms.put(record.name(), new Alarm(record, definition, planOf(definition)));
            } catch (IOException | RuntimeException e) {
                throw new StateCorruptedException("cloudwatch.alarms/" + record.name(),
                        "its definition cannot be read: " + e.getMessage(), e);
            }
        }
        histories.putAll(historyStore.loadAll());
        Instant now = clock.now();
        Instant first = MetricQueries.alignDown(now, EVALUATION_INTERVAL).plus(EVALUATION_INTERVAL);
        this.evaluation = clock.scheduleAtFixedRate(first, EVALUATION_INTERVAL, this::evaluateAlarms);
    }

    /** Called on every alarm state change, on the thread that made it. */
    public void addAlarmListener(Consumer<AlarmStateChange> listener) {
        listeners.add(listener);
    }

    // ================================================================ metrics

    /** PutMetricData from a customer: validated as AWS does (no {@code AWS/} namespaces). */
    public void putMetricData(String namespace, List<MetricDatum> data) {
        if (namespace.startsWith("AWS/")) {
            throw AwsException.badRequest("InvalidParameterValue",
                    "The value AWS/ for parameter Namespace is invalid.");
        }
        if (data.size() > 1000) {
            throw AwsException.badRequest("InvalidParameterValue",
                    "The collection MetricData must not have a size greater than 1000.");
        }
        Instant now = clock.now();
        List<MetricStore.Sample> samples = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            MetricDatum datum = data.get(i);
            String member = "MetricData.member." + (i + 1);
            if (datum.dimensions().size() > 30) {
                throw AwsException.badRequest("InvalidParameterValue", "The collection " + member
                        + ".Dimensions must not have a size greater than 30.");
            }
            for (Dimension dimension : datum.dimensions()) {
                if (dimension.name() == null || dimension.value() == null) {
                    throw AwsException.badRequest("InvalidParameterValue", "The parameter " + member
                            + ".Dimensions must have a Name and a Value.");
                }
            }
            MetricKey key = new MetricKey(namespace, datum.metricName(), dimensionMap(datum.dimensions()));
            Instant timestamp = datum.timestamp() == null ? now : datum.timestamp();
            int resolution = datum.storageResolution() == null ? 60 : datum.storageResolution();
            int kinds = (datum.value() != null ? 1 : 0) + (datum.statisticValues() != null ? 1 : 0)
                    + (datum.hasValues() ? 1 : 0);
            if (kinds != 1) {
                throw AwsException.badRequest("InvalidParameterCombination", "The parameters " + member + ".Value, "
                        + member + ".StatisticValues and " + member + ".Values are mutually exclusive and you have"
                        + " to specify exactly one of them.");
            }
            if (datum.value() != null) {
                finite(datum.value(), member + ".Value");
                samples.add(new MetricStore.Sample(key, timestamp, StatSet.of(datum.value()), resolution));
            } else if (datum.statisticValues() != null) {
                var stats = datum.statisticValues();
                if (stats.sampleCount() == null || stats.sum() == null || stats.minimum() == null
                        || stats.maximum() == null) {
                    throw AwsException.badRequest("MissingParameter", "The parameter " + member
                            + ".StatisticValues must specify SampleCount, Sum, Minimum and Maximum.");
                }
                samples.add(new MetricStore.Sample(key, timestamp, new StatSet(finite(stats.sampleCount(),
                        member + ".StatisticValues.SampleCount"), finite(stats.sum(), member + ".StatisticValues.Sum"),
                        finite(stats.minimum(), member + ".StatisticValues.Minimum"),
                        finite(stats.maximum(), member + ".StatisticValues.Maximum")), resolution));
            } else {
                List<Double> values = datum.values();
                List<Double> counts = datum.hasCounts() ? datum.counts() : Collections.nCopies(values.size(), 1.0);
                if (counts.size() != values.size()) {
                    throw AwsException.badRequest("InvalidParameterValue", "The parameters " + member + ".Values and "
                            + member + ".Counts must be of the same size.");
                }
                for (int v = 0; v < values.size(); v++) {
                    double value = finite(values.get(v), member + ".Values.member." + (v + 1));
                    double count = finite(counts.get(v), member + ".Counts.member." + (v + 1));
                    samples.add(new MetricStore.Sample(key, timestamp,
                            new StatSet(count, value * count, value, value), resolution));
                }
            }
        }
        metrics.add(samples, now);
    }

    /**
     * Records a value from inside the emulator (Lambda's Invocations, API Gateway's Count...), in
     * any namespace, AWS/ included.
     */
    public void record(MetricKey key, Instant timestamp, double value) {
        metrics.add(List.of(new MetricStore.Sample(key, timestamp, StatSet.of(value), 60)), clock.now());
    }

    /** Records several values at once (one Lambda invocation's metrics under all their dimension sets). */
    public void recordAll(List<Map.Entry<MetricKey, Double>> values, Instant timestamp) {
        List<MetricStore.Sample> samples = new ArrayList<>(values.size());
        values.forEach(v -> samples.add(new MetricStore.Sample(v.getKey(), timestamp, StatSet.of(v.getValue()), 60)));
        metrics.add(samples, clock.now());
    }

    private static double finite(Double value, String member) {
        if (value == null || !Double.isFinite(value)) {
            throw AwsException.badRequest("InvalidParameterValue", "The value " + value + " for parameter " + member
                    + " is invalid.");
        }
        return value;
    }

    private static Map<String, String> dimensionMap(List<Dimension> dimensions) {
        Map<String, String> map = new TreeMap<>();
        dimensions.forEach(d -> map.put(d.name(), d.value()));
        return map;
    }

    public GetMetricStatisticsResponse getMetricStatistics(GetMetricStatisticsRequest request) {
        if (!request.hasStatistics() && !request.hasExtendedStatistics()) {
            throw AwsException.badRequest("MissingParameter",
                    "The parameter Statistics or ExtendedStatistics must be specified.");
        }
        if (request.hasExtendedStatistics() && !request.extendedStatistics().isEmpty()) {
            throw AwsException.badRequest("InvalidParameterValue",
                    "ExtendedStatistics (percentiles) are not supported by this emulator.");
        }
        if (!request.startTime().isBefore(request.endTime())) {
            throw AwsException.badRequest("InvalidParameterValue",
                    "The parameter StartTime must be less than the parameter EndTime.");
        }
        int periodSeconds = request.period();
        if (periodSeconds <= 0 || (periodSeconds >= 60 ? periodSeconds % 60 != 0 : 60 % periodSeconds != 0)) {
            throw AwsException.badRequest("InvalidParameterValue", "The parameter Period must be 1, 5, 10, 30, or a"
                    + " multiple of 60.");
        }
        Duration period = Duration.ofSeconds(periodSeconds);
        long points = Duration.between(request.startTime(), request.endTime()).getSeconds() / periodSeconds;
        if (points > 1440) {
            throw AwsException.badRequest("InvalidParameterCombination", "You have requested up to " + points
                    + " datapoints, which exceeds the limit of 1440. You may reduce the datapoints requested by"
                    + " increasing Period, or decreasing the time range.");
        }
        MetricKey key = new MetricKey(request.namespace(), request.metricName(), dimensionMap(request.dimensions()));
        Instant start = MetricQueries.alignDown(request.startTime(), period);
        List<Datapoint> datapoints = new ArrayList<>();
        for (Map.Entry<Instant, StatSet> entry : metrics.aggregate(key, start, request.endTime(), period).entrySet()) {
            StatSet stats = entry.getValue();
            Datapoint.Builder point = Datapoint.builder().timestamp(entry.getKey())
                    .unit(request.unit() == null ? "None" : request.unitAsString());
            for (String statistic : request.statisticsAsStrings()) {
                switch (statistic) {
                    case "SampleCount" -> point.sampleCount(stats.sampleCount());
                    case "Sum" -> point.sum(stats.sum());
                    case "Average" -> point.average(stats.average());
                    case "Minimum" -> point.minimum(stats.minimum());
                    case "Maximum" -> point.maximum(stats.maximum());
                    default -> throw AwsException.badRequest("InvalidParameterValue", "The value " + statistic
                            + " for parameter Statistics is not a valid statistic.");
                }
            }
            datapoints.add(point.build());
        }
        return GetMetricStatisticsResponse.builder().label(request.metricName()).datapoints(datapoints).build();
    }

    public GetMetricDataResponse getMetricData(GetMetricDataRequest request) {
        if (!request.startTime().isBefore(request.endTime())) {
            throw AwsException.badRequest("ValidationError",
                    "The parameter StartTime must be less than the parameter EndTime.");
        }
        MetricQueries.Plan plan = MetricQueries.plan(request.metricDataQueries(), "MetricDataQueries");
        Map<String, SortedMap<Instant, Double>> results = queries.evaluate(plan, request.startTime(),
                request.endTime());
        boolean ascending = request.scanBy() == ScanBy.TIMESTAMP_ASCENDING;
        List<MetricDataResult> out = new ArrayList<>();
        for (MetricDataQuery query : request.metricDataQueries()) {
            if (Boolean.FALSE.equals(query.returnData())) {
                continue;
            }
            List<Instant> timestamps = new ArrayList<>(results.get(query.id()).keySet());
            if (!ascending) {
                Collections.reverse(timestamps);
            }
            SortedMap<Instant, Double> series = results.get(query.id());
            out.add(MetricDataResult.builder()
                    .id(query.id())
                    .label(query.label() != null ? query.label()
                            : query.metricStat() != null ? query.metricStat().metric().metricName() : query.id())
                    .timestamps(timestamps)
                    .values(timestamps.stream().map(series::get).toList())
                    .statusCode(StatusCode.COMPLETE)
                    .build());
        }
        return GetMetricDataResponse.builder().metricDataResults(out).build();
    }

    // ================================================================ alarms

    /** Creates or replaces an alarm; an existing alarm keeps its state, as in AWS. */
    public synchronized void putMetricAlarm(PutMetricAlarmRequest request) {
        Optional<MetricQueries.Plan> plan = validate(request);
        Instant now = clock.now();
        Alarm existing = alarms.get(request.alarmName());
        AlarmRecord record = existing == null
                ? new AlarmRecord(request.alarmName(),
                        "arn:aws:cloudwatch:" + region + ":" + accountId + ":alarm:" + request.alarmName(),
                        ModelJson.write(request), "INSUFFICIENT_DATA", "Unchecked: Initial alarm creation", null, now,
                        now, now)
                : new AlarmRecord(existing.record().name(), existing.record().arn(), ModelJson.write(request),
                        existing.record().stateValue(), existing.record().stateReason(),
                        existing.record().stateReasonData(), existing.record().stateUpdated(),
                        existing.record().stateTransitioned(), now);
        alarmStore.put(record.name(), record);
        alarms.put(record.name(), new Alarm(record, request, plan));
        appendHistory(record.name(), new AlarmHistory.Entry(record.name(), now, "ConfigurationUpdate",
                "Alarm \"" + record.name() + "\" " + (existing == null ? "created" : "updated"), "{}"));
    }

    private static Optional<MetricQueries.Plan> validate(PutMetricAlarmRequest request) {
        boolean single = request.metricName() != null;
        boolean math = request.hasMetrics() && !request.metrics().isEmpty();
        if (single == math) {
            throw AwsException.badRequest("ValidationError",
                    "Exactly one of MetricName and Metrics must be specified.");
        }
        if (request.comparisonOperator() == null || request.comparisonOperator() == ComparisonOperator.UNKNOWN_TO_SDK_VERSION
                || request.comparisonOperatorAsString().contains("Band")) {
            throw AwsException.badRequest("ValidationError", "1 validation error detected: Value '"
                    + request.comparisonOperatorAsString() + "' at 'comparisonOperator' failed to satisfy constraint:"
                    + " Member must satisfy enum value set: [GreaterThanOrEqualToThreshold, GreaterThanThreshold,"
                    + " LessThanThreshold, LessThanOrEqualToThreshold]");
        }
        if (request.threshold() == null) {
            throw AwsException.badRequest("ValidationError", "Threshold must be specified.");
        }
        if (request.evaluationPeriods() == null) {
            throw AwsException.badRequest("MissingParameter", "The parameter EvaluationPeriods is required.");
        }
        int evaluationPeriods = request.evaluationPeriods();
        if (evaluationPeriods < 1) {
            throw AwsException.badRequest("ValidationError", "EvaluationPeriods must be at least 1.");
        }
        int datapointsToAlarm = request.datapointsToAlarm() == null ? evaluationPeriods : request.datapointsToAlarm();
        if (datapointsToAlarm < 1 || datapointsToAlarm > evaluationPeriods) {
            throw AwsException.badRequest("ValidationError",
                    "DatapointsToAlarm must be between 1 and EvaluationPeriods.");
        }
        String missing = request.treatMissingData() == null ? "missing" : request.treatMissingData();
        if (!List.of("missing", "ignore", "breaching", "notBreaching").contains(missing)) {
            throw AwsException.badRequest("ValidationError", "The value " + missing
                    + " for parameter TreatMissingData is invalid. Valid values are: breaching, notBreaching,"
                    + " ignore, missing.");
        }
        if (single) {
            if (request.namespace() == null) {
                throw AwsException.badRequest("ValidationError", "Namespace must be specified with MetricName.");
            }
            if (request.statistic() == null || request.extendedStatistic() != null) {
                throw AwsException.badRequest("ValidationError", request.extendedStatistic() != null
                        ? "ExtendedStatistic (percentiles) is not supported by this emulator."
                        : "Statistic must be specified with MetricName.");
            }
            Integer period = request.period();
            if (period == null || period < 10 || (period < 60 ? period != 10 && period != 30 : period % 60 != 0)) {
                throw AwsException.badRequest("ValidationError",
                        "Period must be 10, 30 or a multiple of 60 seconds.");
            }
            if ((long) period * evaluationPeriods > 86_400 * 7) {
                throw AwsException.badRequest("ValidationError",
                        "The evaluation period and period product must be less than or equal to 7 days.");
            }
            return Optional.empty();
        }
        if (request.statistic() != null || request.period() != null || request.namespace() != null) {
            throw AwsException.badRequest("ValidationError",
                    "Statistic, Period and Namespace cannot be specified together with Metrics.");
        }
        MetricQueries.Plan plan = MetricQueries.plan(request.metrics(), "Metrics");
        long returning = request.metrics().stream().filter(q -> !Boolean.FALSE.equals(q.returnData())).count();
        if (returning != 1) {
            throw AwsException.badRequest("ValidationError",
                    "Exactly one element of the metrics list should return data.");
        }
        return Optional.of(plan);
    }

    private static Optional<MetricQueries.Plan> planOf(PutMetricAlarmRequest definition) {
        return definition.hasMetrics() && !definition.metrics().isEmpty()
                ? Optional.of(MetricQueries.plan(definition.metrics(), "Metrics"))
                : Optional.empty();
    }

    public synchronized DescribeAlarmsResponse describeAlarms(DescribeAlarmsRequest request) {
        int max = request.maxRecords() == null ? 50 : request.maxRecords();
        if (max < 1 || max > 100) {
            throw AwsException.badRequest("InvalidParameterValue",
                    "The parameter MaxRecords must be between 1 and 100.");
        }
        if (request.hasAlarmTypes() && !request.alarmTypesAsStrings().isEmpty()
                && !request.alarmTypesAsStrings().contains("MetricAlarm")) {
            return DescribeAlarmsResponse.builder().metricAlarms(List.of()).build();
        }
        List<Alarm> matching = alarms.values().stream()
                .filter(a -> !request.hasAlarmNames() || request.alarmNames().isEmpty()
                        || request.alarmNames().contains(a.record().name()))
                .filter(a -> request.alarmNamePrefix() == null || a.record().name().startsWith(request.alarmNamePrefix()))
                .filter(a -> request.stateValue() == null || a.record().stateValue().equals(request.stateValueAsString()))
                .filter(a -> request.actionPrefix() == null || actions(a.definition()).stream()
                        .anyMatch(action -> action.startsWith(request.actionPrefix())))
                .filter(a -> request.nextToken() == null || a.record().name().compareTo(request.nextToken()) >= 0)
                .toList();
        List<MetricAlarm> page = matching.stream().limit(max).map(this::toModel).toList();
        return DescribeAlarmsResponse.builder().metricAlarms(page)
                .nextToken(matching.size() > max ? matching.get(max).record().name() : null).build();
    }

    private static List<String> actions(PutMetricAlarmRequest definition) {
        List<String> all = new ArrayList<>(definition.alarmActions());
        all.addAll(definition.okActions());
        all.addAll(definition.insufficientDataActions());
        return all;
    }

    /** The current state of an alarm (OK, ALARM, INSUFFICIENT_DATA). */
    public synchronized Optional<String> alarmState(String name) {
        return Optional.ofNullable(alarms.get(name)).map(a -> a.record().stateValue());
    }

    public void setAlarmState(String name, String stateValue, String reason, Optional<String> reasonData) {
        if (!List.of("OK", "ALARM", "INSUFFICIENT_DATA").contains(stateValue)) {
            throw AwsException.badRequest("ValidationError", "1 validation error detected: Value '" + stateValue
                    + "' at 'stateValue' failed to satisfy constraint: Member must satisfy enum value set: [INSUFFICIENT_DATA, ALARM, OK]");
        }
        if (reasonData.isPresent()) {
            try {
                Mappers.JSON.readTree(reasonData.get());
            } catch (IOException e) {
                throw AwsException.badRequest("InvalidFormat", "Invalid JSON in StateReasonData: " + e.getMessage());
            }
        }
        AlarmStateChange change;
        synchronized (this) {
            if (!alarms.containsKey(name)) {
                throw new AwsException("ResourceNotFound", "Alarm " + name + " not found", 404);
            }
            change = transition(name, stateValue, reason, reasonData.orElse(null), true);
        }
        notifyListeners(change);
    }

    public void deleteAlarms(List<String> names) {
        synchronized (this) {
            List<String> missing = names.stream().filter(name -> !alarms.containsKey(name)).toList();
            if (!missing.isEmpty()) {
                throw new AwsException("ResourceNotFound", "The following alarms were not found: " + missing, 404,
                        Fault.SENDER, Map.of());
            }
            for (String name : names) {
                alarmStore.remove(name);
                alarms.remove(name);
                historyStore.remove(name);
                histories.remove(name);
            }
        }
    }

    /** History of one alarm, or of every alarm when {@code name} is empty; oldest first. */
    public synchronized List<AlarmHistory.Entry> alarmHistory(Optional<String> name) {
        if (name.isEmpty()) {
            List<AlarmHistory.Entry> all = new ArrayList<>();
            histories.values().forEach(history -> all.addAll(history.entries()));
            all.sort(java.util.Comparator.comparing(AlarmHistory.Entry::timestamp));
            return all;
        }
        AlarmHistory history = histories.get(name.get());
        return history == null ? List.of() : history.entries();
    }

    // ================================================================ evaluation

    /** Evaluates every alarm at the clock's current instant (the clock calls this periodically). */
    public void evaluateAlarms() {
        List<AlarmStateChange> changes = new ArrayList<>();
        synchronized (this) {
            Instant now = clock.now();
            for (String name : new ArrayList<>(alarms.keySet())) {
                try {
                    evaluate(alarms.get(name), now).ifPresent(changes::add);
                } catch (RuntimeException e) {
                    LOG.warn("Evaluating alarm {} failed", name, e);
                }
            }
        }
        changes.forEach(this::notifyListeners);
    }

    private enum Verdict { BREACHING, OK, MISSING }

    private record Evaluated(Instant timestamp, Optional<Double> value, Verdict verdict) {
    }

    private Optional<AlarmStateChange> evaluate(Alarm alarm, Instant now) {
        PutMetricAlarmRequest definition = alarm.definition();
        Duration period = alarmPeriod(alarm);
        int n = definition.evaluationPeriods();
        int m = definition.datapointsToAlarm() == null ? n : definition.datapointsToAlarm();
        Instant end = MetricQueries.alignDown(now, period);
        Instant start = end.minus(period.multipliedBy(n));
        SortedMap<Instant, Double> series = series(alarm, start, end, period);
        String missing = definition.treatMissingData() == null ? "missing" : definition.treatMissingData();

        List<Evaluated> evaluated = new ArrayList<>();
        for (Instant t : MetricQueries.grid(start, end, period)) {
            Double value = series.get(t);
            Verdict verdict;
            if (value == null) {
                verdict = switch (missing) {
                    case "breaching" -> Verdict.BREACHING;
                    case "notBreaching" -> Verdict.OK;
                    default -> Verdict.MISSING;
                };
            } else {
                verdict = breaches(definition.comparisonOperator(), value, definition.threshold())
                        ? Verdict.BREACHING : Verdict.OK;
            }
            evaluated.add(new Evaluated(t, Optional.ofNullable(value), verdict));
        }
        Collections.reverse(evaluated); // newest first, as AWS lists them
        long breaching = evaluated.stream().filter(e -> e.verdict() == Verdict.BREACHING).count();
        boolean allMissing = evaluated.stream().allMatch(e -> e.verdict() == Verdict.MISSING);
        String current = alarm.record().stateValue();
        String next;
        if (breaching >= m) {
            next = "ALARM";
        } else if (allMissing) {
            if ("ignore".equals(missing)) {
                return Optional.empty();
            }
            next = "INSUFFICIENT_DATA";
        } else {
            next = "OK";
        }
        if (next.equals(current)) {
            return Optional.empty();
        }
        String reason = reason(definition, next, current, evaluated, n, m);
        String reasonData = reasonData(alarm, now, start, period, evaluated);
        return Optional.of(transition(alarm.record().name(), next, reason, reasonData, false));
    }

    private Duration alarmPeriod(Alarm alarm) {
        if (alarm.plan().isEmpty()) {
            return Duration.ofSeconds(alarm.definition().period());
        }
        MetricDataQuery returned = alarm.definition().metrics().stream()
                .filter(q -> !Boolean.FALSE.equals(q.returnData())).findFirst().orElseThrow();
        return alarm.plan().get().periods().get(returned.id());
    }

    private SortedMap<Instant, Double> series(Alarm alarm, Instant start, Instant end, Duration period) {
        PutMetricAlarmRequest definition = alarm.definition();
        if (alarm.plan().isEmpty()) {
            MetricKey key = new MetricKey(definition.namespace(), definition.metricName(),
                    dimensionMap(definition.dimensions()));
            SortedMap<Instant, Double> series = new TreeMap<>();
            metrics.aggregate(key, start, end, period).forEach((t, stats) ->
                    series.put(t, stats.statistic(definition.statisticAsString()).orElseThrow()));
            return series;
        }
        MetricDataQuery returned = definition.metrics().stream()
                .filter(q -> !Boolean.FALSE.equals(q.returnData())).findFirst().orElseThrow();
        return queries.evaluate(alarm.plan().get(), start, end).get(returned.id());
    }

    private static boolean breaches(ComparisonOperator operator, double value, double threshold) {
        return switch (operator) {
            case GREATER_THAN_OR_EQUAL_TO_THRESHOLD -> value >= threshold;
            case GREATER_THAN_THRESHOLD -> value > threshold;
            case LESS_THAN_THRESHOLD -> value < threshold;
            case LESS_THAN_OR_EQUAL_TO_THRESHOLD -> value <= threshold;
            default -> false;
        };
    }

    private static String comparisonText(ComparisonOperator operator) {
        return switch (operator) {
            case GREATER_THAN_OR_EQUAL_TO_THRESHOLD -> "greater than or equal to";
            case GREATER_THAN_THRESHOLD -> "greater than";
            case LESS_THAN_THRESHOLD -> "less than";
            case LESS_THAN_OR_EQUAL_TO_THRESHOLD -> "less than or equal to";
            default -> operator.toString();
        };
    }

    /** AWS's reason sentences, e.g. "Threshold Crossed: 1 out of the last 1 datapoints [5.0 (24/11/26 00:00:00)] was greater than...". */
    private static String reason(PutMetricAlarmRequest definition, String next, String current,
            List<Evaluated> evaluated, int n, int m) {
        if ("INSUFFICIENT_DATA".equals(next)) {
            return "Insufficient Data: " + n + (n == 1 ? " datapoint was" : " datapoints were") + " unknown.";
        }
        Verdict counted = "ALARM".equals(next) ? Verdict.BREACHING : Verdict.OK;
        List<Evaluated> matching = evaluated.stream().filter(e -> e.verdict() == counted).toList();
        String listed = String.join(", ", matching.stream().filter(e -> e.value().isPresent())
                .map(e -> e.value().get() + " (" + Formats.REASON_TIME.format(e.timestamp()) + ")").toList());
        int needed = "ALARM".equals(next) ? m : Math.max(1, n - m + 1);
        return "Threshold Crossed: " + matching.size() + " out of the last " + n + " datapoints [" + listed + "] "
                + (matching.size() == 1 ? "was " : "were ") + ("ALARM".equals(next) ? "" : "not ")
                + comparisonText(definition.comparisonOperator()) + " the threshold (" + definition.threshold()
                + ") (minimum " + needed + (needed == 1 ? " datapoint" : " datapoints") + " for " + current + " -> "
                + next + " transition).";
    }

    private static String reasonData(Alarm alarm, Instant now, Instant start, Duration period,
            List<Evaluated> evaluated) {
        PutMetricAlarmRequest definition = alarm.definition();
        ObjectNode data = Mappers.JSON.createObjectNode();
        data.put("version", "1.0");
        data.put("queryDate", Formats.REASON_DATA_TIME.format(now));
        data.put("startDate", Formats.REASON_DATA_TIME.format(start));
        if (definition.statistic() != null) {
            data.put("statistic", definition.statisticAsString());
        }
        data.put("period", period.getSeconds());
        ArrayNode recent = data.putArray("recentDatapoints");
        evaluated.stream().filter(e -> e.value().isPresent()).map(e -> e.value().get()).toList().reversed()
                .forEach(recent::add);
        data.put("threshold", definition.threshold());
        ArrayNode points = data.putArray("evaluatedDatapoints");
        for (Evaluated e : evaluated) {
            ObjectNode point = points.addObject();
            point.put("timestamp", Formats.REASON_DATA_TIME.format(e.timestamp()));
            e.value().ifPresent(value -> point.put("value", value));
        }
        return data.toString();
    }

    /** Moves an alarm to {@code next}, persisting it and its history. Caller holds the lock. */
    private AlarmStateChange transition(String name, String next, String reason, String reasonData, boolean manual) {
        Alarm alarm = alarms.get(name);
        Instant now = clock.now();
        String previous = alarm.record().stateValue();
        AlarmRecord updated = alarm.record().withState(next, reason, reasonData, now);
        alarmStore.put(name, updated);
        alarms.put(name, new Alarm(updated, alarm.definition(), alarm.plan()));
        ObjectNode data = Mappers.JSON.createObjectNode();
        data.put("version", "1.0");
        data.putObject("oldState").put("stateValue", previous).put("stateReason", alarm.record().stateReason());
        ObjectNode newState = data.putObject("newState").put("stateValue", next).put("stateReason", reason);
        if (reasonData != null) {
            try {
                JsonNode parsed = Mappers.JSON.readTree(reasonData);
                newState.set("stateReasonData", parsed);
            } catch (IOException e) {
                newState.put("stateReasonData", reasonData);
            }
        }
        appendHistory(name, new AlarmHistory.Entry(name, now, "StateUpdate",
                "Alarm updated from " + previous + " to " + next, data.toString()));
        if (!manual) {
            LOG.info("Alarm {} moved from {} to {}: {}", name, previous, next, reason);
        }
        return new AlarmStateChange(name, previous, next, reason, now);
    }

    private void appendHistory(String name, AlarmHistory.Entry entry) {
        List<AlarmHistory.Entry> entries = new ArrayList<>(
                histories.getOrDefault(name, new AlarmHistory(name, List.of())).entries());
        entries.add(entry);
        while (entries.size() > MAX_HISTORY) {
            entries.remove(0);
        }
        AlarmHistory history = new AlarmHistory(name, entries);
        historyStore.put(name, history);
        histories.put(name, history);
    }

    private void notifyListeners(AlarmStateChange change) {
        for (Consumer<AlarmStateChange> listener : listeners) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                LOG.warn("An alarm listener failed on {}", change, e);
            }
        }
    }

    private MetricAlarm toModel(Alarm alarm) {
        PutMetricAlarmRequest d = alarm.definition();
        AlarmRecord r = alarm.record();
        return MetricAlarm.builder()
                .alarmName(r.name())
                .alarmArn(r.arn())
                .alarmDescription(d.alarmDescription())
                .alarmConfigurationUpdatedTimestamp(r.configurationUpdated())
                .actionsEnabled(d.actionsEnabled() == null || d.actionsEnabled())
                .okActions(d.okActions())
                .alarmActions(d.alarmActions())
                .insufficientDataActions(d.insufficientDataActions())
                .stateValue(r.stateValue())
                .stateReason(r.stateReason())
                .stateReasonData(r.stateReasonData())
                .stateUpdatedTimestamp(r.stateUpdated())
                .stateTransitionedTimestamp(r.stateTransitioned())
                .metricName(d.metricName())
                .namespace(d.namespace())
                .statistic(d.statisticAsString())
                .dimensions(d.dimensions())
                .period(d.period())
                .unit(d.unitAsString())
                .evaluationPeriods(d.evaluationPeriods())
                .datapointsToAlarm(d.datapointsToAlarm() == null ? d.evaluationPeriods() : d.datapointsToAlarm())
                .threshold(d.threshold())
                .comparisonOperator(d.comparisonOperatorAsString())
                .treatMissingData(d.treatMissingData() == null ? "missing" : d.treatMissingData())
                .metrics(d.hasMetrics() ? d.metrics() : null)
                .build();
    }

    @Override
    public void close() {
        evaluation.cancel();
    }
}
