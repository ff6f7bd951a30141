package dev.stepsolver.emulator.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepsolver.emulator.Clients;
import dev.stepsolver.emulator.LocalEmulator;
import dev.stepsolver.emulator.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.HistoryItemType;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/** CloudWatch through the SDK v2 client (which speaks Query), with a driven clock. */
class CloudWatchTest {

    private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");

    private ManualClock clock;
    private LocalEmulator emulator;
    private CloudWatchClient cloudWatch;

    @BeforeEach
    void start() {
        clock = new ManualClock(START);
        emulator = LocalEmulator.builder().port(0).clock(clock).build().start();
        cloudWatch = Clients.cloudWatch(emulator.endpoint());
    }

    @AfterEach
    void stop() {
        cloudWatch.close();
        emulator.close();
    }

    private void put(String name, double value) {
        cloudWatch.putMetricData(r -> r.namespace("Solver").metricData(d -> d.metricName(name).value(value)
                .timestamp(clock.now().plusSeconds(5)).dimensions(dim -> dim.name("Stage").value("prod"))));
    }

    private static MetricDataQuery stat(String id, String metric) {
        return MetricDataQuery.builder().id(id).returnData(false).metricStat(s -> s.period(60).stat("Sum")
                .metric(m -> m.namespace("Solver").metricName(metric).dimensions(d -> d.name("Stage").value("prod"))))
                .build();
    }

    @Test
    void getMetricStatisticsAggregatesPutValuesPerPeriod() {
        put("Latency", 10);
        put("Latency", 30);

        List<Datapoint> points = cloudWatch.getMetricStatistics(r -> r.namespace("Solver").metricName("Latency")
                .dimensions(d -> d.name("Stage").value("prod")).startTime(START).endTime(START.plusSeconds(300))
                .period(60).statistics(Statistic.SUM, Statistic.AVERAGE, Statistic.MAXIMUM, Statistic.SAMPLE_COUNT))
                .datapoints();

        assertThat(points).singleElement().satisfies(point -> {
            assertThat(point.timestamp()).isEqualTo(START);
            assertThat(point.sum()).isEqualTo(40.0);
            assertThat(point.average()).isEqualTo(20.0);
            assertThat(point.maximum()).isEqualTo(30.0);
            assertThat(point.sampleCount()).isEqualTo(2.0);
        });
    }

    @Test
    void getMetricDataEvaluatesMetricMath() {
        put("Errors", 3);
        put("Invocations", 12);

        GetMetricDataResponse response = cloudWatch.getMetricData(r -> r.startTime(START).endTime(START.plusSeconds(120))
                .metricDataQueries(stat("errors", "Errors"), stat("invocations", "Invocations"),
                        MetricDataQuery.builder().id("rate").expression("100 * (errors / invocations)").build()));

        assertThat(response.metricDataResults()).singleElement().satisfies(result -> {
            assertThat(result.id()).isEqualTo("rate");
            assertThat(result.timestamps()).containsExactly(START);
            assertThat(result.values()).containsExactly(25.0);
        });
    }

    @Test
    void aBadExpressionIsAValidationError() {
        assertThatThrownBy(() -> cloudWatch.getMetricData(r -> r.startTime(START).endTime(START.plusSeconds(120))
                .metricDataQueries(stat("errors", "Errors"),
                        MetricDataQuery.builder().id("rate").expression("100 * (errors / ").build())))
                .isInstanceOfSatisfying(CloudWatchException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                    assertThat(e.awsErrorDetails().errorMessage()).startsWith("Error in expression 'rate'");
                });
    }

    @Test
    void anAlarmOnAnUnknownIdentifierIsRejected() {
        assertThatThrownBy(() -> cloudWatch.putMetricAlarm(r -> r.alarmName("broken").evaluationPeriods(1)
                .threshold(1.0).comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .metrics(stat("errors", "Errors"), MetricDataQuery.builder().id("rate").expression("errors / nope")
                        .build())))
                .isInstanceOfSatisfying(CloudWatchException.class, e ->
                        assertThat(e.awsErrorDetails().errorMessage()).contains("Unrecognized identifier nope"));
    }

    @Test
    void aMetricMathAlarmMovesFromOkToAlarmAndBackAsTheErrorRateChanges() {
        cloudWatch.putMetricAlarm(r -> r.alarmName("solver-error-rate").evaluationPeriods(1).datapointsToAlarm(1)
                .threshold(10.0).comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .treatMissingData("notBreaching")
                .metrics(stat("errors", "Errors"), stat("invocations", "Invocations"),
                        MetricDataQuery.builder().id("rate").expression("100 * (errors / invocations)")
                                .returnData(true).build()));

        put("Errors", 0);
        put("Invocations", 10);
        clock.advance(Duration.ofMinutes(1));
        assertThat(alarm("solver-error-rate").stateValue()).isEqualTo(StateValue.OK);

        put("Errors", 5);
        put("Invocations", 10);
        clock.advance(Duration.ofMinutes(1));
        MetricAlarm alarmed = alarm("solver-error-rate");
        assertThat(alarmed.stateValue()).isEqualTo(StateValue.ALARM);
        assertThat(alarmed.stateReason()).isEqualTo("Threshold Crossed: 1 out of the last 1 datapoints [50.0"
                + " (01/03/26 12:01:00)] was greater than the threshold (10.0) (minimum 1 datapoint for OK -> ALARM"
                + " transition).");
        assertThat(alarmed.stateReasonData()).contains("\"recentDatapoints\":[50.0]").contains("\"threshold\":10.0");
        assertThat(alarmed.stateUpdatedTimestamp()).isEqualTo(START.plusSeconds(120));

        put("Errors", 0);
        put("Invocations", 10);
        clock.advance(Duration.ofMinutes(1));
        assertThat(alarm("solver-error-rate").stateValue()).isEqualTo(StateValue.OK);

        assertThat(cloudWatch.describeAlarmHistory(r -> r.alarmName("solver-error-rate")
                .historyItemType(HistoryItemType.STATE_UPDATE)).alarmHistoryItems())
                .extracting(item -> item.historySummary())
                .containsExactly("Alarm updated from ALARM to OK", "Alarm updated from OK to ALARM",
                        "Alarm updated from INSUFFICIENT_DATA to OK");
    }

    @Test
    void aSingleMetricAlarmIsDescribedWithItsConfiguration() {
        cloudWatch.putMetricAlarm(r -> r.alarmName("latency-high").namespace("Solver").metricName("Latency")
                .statistic(Statistic.AVERAGE).period(60).evaluationPeriods(3).datapointsToAlarm(2).threshold(250.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .dimensions(d -> d.name("Stage").value("prod")));

        MetricAlarm alarm = alarm("latency-high");

        assertThat(alarm.alarmArn()).isEqualTo("arn:aws:cloudwatch:us-east-1:000000000000:alarm:latency-high");
        assertThat(alarm.stateValue()).isEqualTo(StateValue.INSUFFICIENT_DATA);
        assertThat(alarm.stateReason()).isEqualTo("Unchecked: Initial alarm creation");
        assertThat(alarm.evaluationPeriods()).isEqualTo(3);
        assertThat(alarm.datapointsToAlarm()).isEqualTo(2);
        assertThat(alarm.treatMissingData()).isEqualTo("missing");
        assertThat(alarm.dimensions()).singleElement().satisfies(d -> assertThat(d.value()).isEqualTo("prod"));
    }

    @Test
    void setAlarmStateChangesTheStateUntilTheNextEvaluation() {
        cloudWatch.putMetricAlarm(r -> r.alarmName("manual").namespace("Solver").metricName("Latency")
                .statistic(Statistic.MAXIMUM).period(60).evaluationPeriods(1).threshold(100.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD).treatMissingData("notBreaching"));

        cloudWatch.setAlarmState(r -> r.alarmName("manual").stateValue(StateValue.ALARM).stateReason("testing"));
        assertThat(alarm("manual").stateValue()).isEqualTo(StateValue.ALARM);
        assertThat(alarm("manual").stateReason()).isEqualTo("testing");

        clock.advance(Duration.ofMinutes(1));
        assertThat(alarm("manual").stateValue()).isEqualTo(StateValue.OK);
    }

    @Test
    void setAlarmStateOnAMissingAlarmFailsWithResourceNotFound() {
        assertThatThrownBy(() -> cloudWatch.setAlarmState(r -> r.alarmName("ghost").stateValue(StateValue.OK)
                .stateReason("x")))
                // AWS's code ResourceNotFound is shared with DashboardNotFoundError, so the SDK's class varies
                .isInstanceOfSatisfying(CloudWatchException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFound");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Alarm ghost not found");
                });
    }

    @Test
    void deletedAlarmsAreNoLongerDescribed() {
        cloudWatch.putMetricAlarm(r -> r.alarmName("to-delete").namespace("Solver").metricName("Latency")
                .statistic(Statistic.MAXIMUM).period(60).evaluationPeriods(1).threshold(1.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));

        cloudWatch.deleteAlarms(r -> r.alarmNames("to-delete"));

        assertThat(cloudWatch.describeAlarms(r -> r.alarmNames("to-delete")).metricAlarms()).isEmpty();
    }

    @Test
    void describeAlarmsFiltersByPrefixAndState() {
        for (String name : List.of("api-a", "api-b", "other")) {
            cloudWatch.putMetricAlarm(r -> r.alarmName(name).namespace("Solver").metricName("Latency")
                    .statistic(Statistic.MAXIMUM).period(60).evaluationPeriods(1).threshold(1.0)
                    .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));
        }
        cloudWatch.setAlarmState(r -> r.alarmName("api-b").stateValue(StateValue.ALARM).stateReason("x"));

        assertThat(cloudWatch.describeAlarms(r -> r.alarmNamePrefix("api-")).metricAlarms())
                .extracting(MetricAlarm::alarmName).containsExactly("api-a", "api-b");
        assertThat(cloudWatch.describeAlarms(r -> r.stateValue(StateValue.ALARM)).metricAlarms())
                .extracting(MetricAlarm::alarmName).containsExactly("api-b");
    }

    @Test
    void putMetricDataIntoAnAwsNamespaceIsRejected() {
        assertThatThrownBy(() -> cloudWatch.putMetricData(r -> r.namespace("AWS/Lambda")
                .metricData(d -> d.metricName("Invocations").value(1.0))))
                .isInstanceOfSatisfying(CloudWatchException.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
    }

    @Test
    void anOperationTheEmulatorDoesNotKnowFailsWithInvalidAction() {
        assertThatThrownBy(() -> cloudWatch.listDashboards(r -> { }))
                .isInstanceOfSatisfying(CloudWatchException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAction");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("The action ListDashboards is not valid for this web service.");
                });
    }

    @Test
    void metricsRecordedInProcessByAnotherServiceAreVisibleThroughTheApi() {
        CloudWatchBackend backend = emulator.context().backend(CloudWatchBackend.class);

        backend.record(new MetricKey("AWS/Lambda", "Invocations", java.util.Map.of("FunctionName", "solver")),
                START.plusSeconds(2), 1.0);
        backend.record(new MetricKey("AWS/Lambda", "Invocations", java.util.Map.of("FunctionName", "solver")),
                START.plusSeconds(3), 1.0);

        assertThat(cloudWatch.getMetricStatistics(r -> r.namespace("AWS/Lambda").metricName("Invocations")
                .dimensions(d -> d.name("FunctionName").value("solver")).startTime(START)
                .endTime(START.plusSeconds(60)).period(60).statistics(Statistic.SUM)).datapoints())
                .singleElement().satisfies(point -> assertThat(point.sum()).isEqualTo(2.0));
    }

    private MetricAlarm alarm(String name) {
        return cloudWatch.describeAlarms(r -> r.alarmNames(name)).metricAlarms().get(0);
    }
}
