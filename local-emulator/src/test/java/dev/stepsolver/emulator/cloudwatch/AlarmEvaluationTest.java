package dev.stepsolver.emulator.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepsolver.emulator.state.StateStore;
import dev.stepsolver.emulator.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;

/** Alarm rules on the backend alone: no HTTP, a driven clock. */
class AlarmEvaluationTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final CloudWatchBackend backend = new CloudWatchBackend(clock, StateStore.inMemory(), "us-east-1",
            "000000000000");

    @AfterEach
    void close() {
        backend.close();
    }

    private void put(double value) {
        backend.putMetricData("App", List.of(MetricDatum.builder().metricName("Latency").value(value)
                .timestamp(clock.now().plusSeconds(1)).build()));
    }

    private PutMetricAlarmRequest.Builder latencyAlarm() {
        return PutMetricAlarmRequest.builder().alarmName("latency").namespace("App").metricName("Latency")
                .statistic("Maximum").period(60).threshold(100.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD);
    }

    @Test
    void aNewAlarmStartsInInsufficientData() {
        backend.putMetricAlarm(latencyAlarm().evaluationPeriods(1).build());

        assertThat(backend.alarmState("latency")).contains("INSUFFICIENT_DATA");
    }

    @Test
    void datapointsToAlarmNeedsThatManyBreachingPeriods() {
        backend.putMetricAlarm(latencyAlarm().evaluationPeriods(3).datapointsToAlarm(2).build());

        put(500);
        clock.advance(Duration.ofMinutes(1));
        assertThat(backend.alarmState("latency")).contains("OK");
        put(500);
        clock.advance(Duration.ofMinutes(1));

        assertThat(backend.alarmState("latency")).contains("ALARM");
    }

    @Test
    void missingDataTreatedAsBreachingRaisesTheAlarm() {
        backend.putMetricAlarm(latencyAlarm().evaluationPeriods(2).treatMissingData("breaching").build());

        clock.advance(Duration.ofMinutes(3));

        assertThat(backend.alarmState("latency")).contains("ALARM");
    }

    @Test
    void missingDataTreatedAsNotBreachingKeepsTheAlarmOk() {
        backend.putMetricAlarm(latencyAlarm().evaluationPeriods(2).treatMissingData("notBreaching").build());

        clock.advance(Duration.ofMinutes(3));

        assertThat(backend.alarmState("latency")).contains("OK");
    }

    @Test
    void ignoredMissingDataKeepsTheCurrentState() {
        backend.putMetricAlarm(latencyAlarm().evaluationPeriods(1).treatMissingData("ignore").build());
        put(500);
        clock.advance(Duration.ofMinutes(1));
        assertThat(backend.alarmState("latency")).contains("ALARM");

        clock.advance(Duration.ofMinutes(5));

        assertThat(backend.alarmState("latency")).contains("ALARM");
    }

    @Test
    void missingDataByDefaultGoesToInsufficientData() {
        backend.putMetricAlarm(latencyAlarm().evaluationPeriods(1).build());
        put(1);
        clock.advance(Duration.ofMinutes(1));
        assertThat(backend.alarmState("latency")).contains("OK");

        clock.advance(Duration.ofMinutes(2));

        assertThat(backend.alarmState("latency")).contains("INSUFFICIENT_DATA");
    }

    @Test
    void listenersHearEveryStateChange() {
        List<AlarmStateChange> changes = new ArrayList<>();
        backend.addAlarmListener(changes::add);
        backend.putMetricAlarm(latencyAlarm().evaluationPeriods(1).build());

        put(500);
        clock.advance(Duration.ofMinutes(1));

        assertThat(changes).singleElement().satisfies(change -> {
            assertThat(change.oldState()).isEqualTo("INSUFFICIENT_DATA");
            assertThat(change.newState()).isEqualTo("ALARM");
            assertThat(change.reason()).startsWith("Threshold Crossed: 1 out of the last 1 datapoints [500.0 (");
        });
    }

    @Test
    void aStateChangeIsRecordedInTheHistory() {
        backend.putMetricAlarm(latencyAlarm().evaluationPeriods(1).build());
        put(500);
        clock.advance(Duration.ofMinutes(1));

        assertThat(backend.alarmHistory(Optional.of("latency")))
                .extracting(AlarmHistory.Entry::summary)
                .containsExactly("Alarm \"latency\" created", "Alarm updated from INSUFFICIENT_DATA to ALARM");
    }
}
