package dev.stepsolver.emulator.cloudwatch;

import dev.stepsolver.emulator.protocol.AwsException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;

/**
 * Evaluates a list of metric data queries (metric statistics and math expressions referring to
 * each other), as GetMetricData and metric-math alarms do.
 */
final class MetricQueries {

    private static final Pattern ID = Pattern.compile("[a-z][a-zA-Z0-9_]{0,254}");
    private static final int MAX_QUERIES = 500;

    private final MetricStore store;

    MetricQueries(MetricStore store) {
        this.store = store;
    }

    /** A validated query list: parsed expressions and periods. */
    record Plan(List<MetricDataQuery> queries, Map<String, MetricMath.Expr> expressions, Map<String, Duration> periods) {
    }

    static MetricKey key(Metric metric) {
        Map<String, String> dimensions = new LinkedHashMap<>();
        for (Dimension dimension : metric.dimensions()) {
            dimensions.put(dimension.name(), dimension.value());
        }
        return new MetricKey(metric.namespace(), metric.metricName(), dimensions);
    }

    /**
     * Validates {@code queries}: ids, exactly one of MetricStat or Expression, known statistics,
     * parseable expressions referring to known ids, no cycles.
     *
     * @param parameter the request parameter holding the list, for messages (e.g. {@code MetricDataQueries})
     */
    static Plan plan(List<MetricDataQuery> queries, String parameter) {
        if (queries.isEmpty()) {
            throw AwsException.badRequest("ValidationError", "The parameter " + parameter + " must not be empty.");
        }
        if (queries.size() > MAX_QUERIES) {
            throw AwsException.badRequest("ValidationError", "The collection " + parameter + " must not have a size"
                    + " greater than " + MAX_QUERIES + ".");
        }
        Set<String> ids = new HashSet<>();
        Map<String, MetricMath.Expr> expressions = new HashMap<>();
        Map<String, Duration> periods = new HashMap<>();
        for (int i = 0; i < queries.size(); i++) {
            MetricDataQuery query = queries.get(i);
            String member = parameter + ".member." + (i + 1);
            if (query.id() == null || !ID.matcher(query.id()).matches()) {
                throw AwsException.badRequest("ValidationError", "The value " + query.id() + " for parameter " + member
                        + ".Id is invalid. Ids must start with a lowercase letter and contain only letters, digits"
                        + " and underscores.");
            }
            if (!ids.add(query.id())) {
                throw AwsException.badRequest("ValidationError", "The values for parameter id in " + parameter
                        + " are not unique.");
            }
            boolean stat = query.metricStat() != null;
            boolean expression = query.expression() != null;
            if (stat == expression) {
                throw AwsException.badRequest("ValidationError", "Exactly one of MetricStat and Expression must be"
                        + " specified for " + member + ".");
            }
            if (stat) {
                MetricStat metricStat = query.metricStat();
                if (metricStat.metric() == null || metricStat.metric().metricName() == null
                        || metricStat.metric().namespace() == null) {
                    throw AwsException.badRequest("ValidationError", "The parameter " + member
                            + ".MetricStat.Metric must specify a Namespace and a MetricName.");
                }
                if (metricStat.stat() == null || !StatSet.isSupported(metricStat.stat())) {
                    throw AwsException.badRequest("ValidationError", "The value for parameter " + member
                            + ".MetricStat.Stat is not a valid statistic.");
                }
                periods.put(query.id(), validPeriod(metricStat.period(), member + ".MetricStat.Period"));
            } else {
                try {
                    expressions.put(query.id(), MetricMath.parse(query.expression()));
                } catch (MetricMath.MathException e) {
                    throw AwsException.badRequest("ValidationError", "Error in expression '" + query.id() + "': "
                            + e.getMessage());
                }
                if (query.period() != null) {
                    periods.put(query.id(), validPeriod(query.period(), member + ".Period"));
                }
            }
        }
        for (Map.Entry<String, MetricMath.Expr> expression : expressions.entrySet()) {
            for (String reference : MetricMath.references(expression.getValue())) {
                if (!ids.contains(reference)) {
                    throw AwsException.badRequest("ValidationError", "Error in expression '" + expression.getKey()
                            + "': Unrecognized identifier " + reference + ".");
                }
            }
        }
        // expression periods default to the smallest period of the metrics they use
        for (String id : expressions.keySet()) {
            periods.computeIfAbsent(id, key -> inferPeriod(key, expressions, periods, new HashSet<>()));
        }
        return new Plan(List.copyOf(queries), expressions, periods);
    }

    private static Duration inferPeriod(String id, Map<String, MetricMath.Expr> expressions,
            Map<String, Duration> periods, Set<String> visiting) {
        if (!visiting.add(id)) {
            throw AwsException.badRequest("ValidationError", "Error in expression '" + id
                    + "': Circular dependency between expressions.");
        }
        Duration smallest = null;
        for (String reference : MetricMath.references(expressions.get(id))) {
            Duration period = periods.containsKey(reference) ? periods.get(reference)
                    : inferPeriod(reference, expressions, periods, visiting);
            smallest = smallest == null || period.compareTo(smallest) < 0 ? period : smallest;
        }
        visiting.remove(id);
        return smallest == null ? Duration.ofSeconds(60) : smallest;
    }

    private static Duration validPeriod(Integer seconds, String member) {
        if (seconds == null) {
            throw AwsException.badRequest("MissingParameter", "The parameter " + member + " is required.");
        }
        if (seconds <= 0 || (seconds >= 60 ? seconds % 60 != 0 : 60 % seconds != 0)) {
            throw AwsException.badRequest("InvalidParameterValue", "The parameter " + member
                    + " must be 1, 5, 10, 30, or a multiple of 60.");
        }
        return Duration.ofSeconds(seconds);
    }

    /** Evaluates every query of {@code plan} over [start, end); period starts align to the epoch. */
    Map<String, SortedMap<Instant, Double>> evaluate(Plan plan, Instant start, Instant end) {
        Map<String, SortedMap<Instant, Double>> results = new HashMap<>();
        Map<String, MetricDataQuery> byId = new HashMap<>();
        plan.queries().forEach(query -> byId.put(query.id(), query));
        for (MetricDataQuery query : plan.queries()) {
            resolve(query.id(), plan, byId, results, start, end, new HashSet<>());
        }
        return results;
    }

    private SortedMap<Instant, Double> resolve(String id, Plan plan, Map<String, MetricDataQuery> byId,
            Map<String, SortedMap<Instant, Double>> results, Instant start, Instant end, Set<String> visiting) {
        SortedMap<Instant, Double> done = results.get(id);
        if (done != null) {
            return done;
        }
        if (!visiting.add(id)) {
            throw AwsException.badRequest("ValidationError", "Error in expression '" + id
                    + "': Circular dependency between expressions.");
        }
        MetricDataQuery query = byId.get(id);
        Duration period = plan.periods().get(id);
        SortedMap<Instant, Double> series;
        if (query.metricStat() != null) {
            series = new TreeMap<>();
            String stat = query.metricStat().stat();
            for (Map.Entry<Instant, StatSet> entry : store.aggregate(key(query.metricStat().metric()),
                    alignDown(start, period), end, period).entrySet()) {
                if (!entry.getKey().isBefore(alignDown(start, period))) {
                    series.put(entry.getKey(), entry.getValue().statistic(stat).orElseThrow());
                }
            }
        } else {
            MetricMath.Expr expr = plan.expressions().get(id);
            Map<String, SortedMap<Instant, Double>> inputs = new HashMap<>();
            for (String reference : MetricMath.references(expr)) {
                inputs.put(reference, resolve(reference, plan, byId, results, start, end, visiting));
            }
            try {
                series = MetricMath.evaluate(expr, inputs, grid(start, end, period));
            } catch (MetricMath.MathException e) {
                throw AwsException.badRequest("ValidationError", "Error in expression '" + id + "': " + e.getMessage());
            }
        }
        visiting.remove(id);
        results.put(id, series);
        return series;
    }

    static Instant alignDown(Instant instant, Duration period) {
        long seconds = period.getSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(instant.getEpochSecond(), seconds) * seconds);
    }

    /** Period start instants from {@code start} (aligned down) until {@code end}, bounded. */
    static List<Instant> grid(Instant start, Instant end, Duration period) {
        List<Instant> grid = new ArrayList<>();
        for (Instant t = alignDown(start, period); t.isBefore(end) && grid.size() <= 100_800; t = t.plus(period)) {
            grid.add(t);
        }
        return grid;
    }
}
