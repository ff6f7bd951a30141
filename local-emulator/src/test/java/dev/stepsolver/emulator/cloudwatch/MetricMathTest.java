package dev.stepsolver.emulator.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class MetricMathTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T1 = Instant.parse("2026-01-01T00:01:00Z");
    private static final List<Instant> GRID = List.of(T0, T1);

    private static SortedMap<Instant, Double> series(Object... timeValue) {
        SortedMap<Instant, Double> map = new TreeMap<>();
        for (int i = 0; i < timeValue.length; i += 2) {
            map.put((Instant) timeValue[i], ((Number) timeValue[i + 1]).doubleValue());
        }
        return map;
    }

    @Test
    void anErrorRateIsComputedPointByPoint() {
        var result = MetricMath.evaluate(MetricMath.parse("100 * (errors / invocations)"),
                Map.of("errors", series(T0, 1, T1, 3), "invocations", series(T0, 10, T1, 4)), GRID);

        assertThat(result).containsEntry(T0, 10.0).containsEntry(T1, 75.0);
    }

    @Test
    void seriesCombineOnlyWhereBothHaveAPoint() {
        var result = MetricMath.evaluate(MetricMath.parse("a + b"), Map.of("a", series(T0, 1, T1, 2),
                "b", series(T1, 5)), GRID);

        assertThat(result).containsOnlyKeys(T1).containsEntry(T1, 7.0);
    }

    @Test
    void divisionByZeroYieldsNoDatapoint() {
        var result = MetricMath.evaluate(MetricMath.parse("e / i"), Map.of("e", series(T0, 1), "i", series(T0, 0)),
                GRID);

        assertThat(result).isEmpty();
    }

    @Test
    void fillGivesMissingPeriodsAValue() {
        var result = MetricMath.evaluate(MetricMath.parse("FILL(m, 0)"), Map.of("m", series(T1, 4)), GRID);

        assertThat(result).containsEntry(T0, 0.0).containsEntry(T1, 4.0);
    }

    @Test
    void sumOfAnArraySumsTimestampByTimestamp() {
        var result = MetricMath.evaluate(MetricMath.parse("SUM([a, b])"), Map.of("a", series(T0, 1, T1, 2),
                "b", series(T0, 10)), GRID);

        assertThat(result).containsEntry(T0, 11.0).containsEntry(T1, 2.0);
    }

    @Test
    void operatorPrecedenceAndUnaryMinusFollowArithmetic() {
        var result = MetricMath.evaluate(MetricMath.parse("-2 + 3 * 2 ^ 2"), Map.of(), GRID);

        assertThat(result).containsEntry(T0, 10.0);
    }

    @Test
    void aSyntaxErrorNamesWhereItIs() {
        assertThatThrownBy(() -> MetricMath.parse("100 * (errors / )"))
                .isInstanceOf(MetricMath.MathException.class)
                .hasMessageContaining("position 16");
    }

    @Test
    void anUnknownFunctionIsRejected() {
        assertThatThrownBy(() -> MetricMath.parse("ANOMALY_DETECTION_BAND(m1)"))
                .isInstanceOf(MetricMath.MathException.class)
                .hasMessageContaining("Unsupported function");
    }

    @Test
    void deeplyNestedInputIsRejectedInsteadOfExhaustingTheStack() {
        String deep = "(".repeat(200) + "1" + ")".repeat(200);

        assertThatThrownBy(() -> MetricMath.parse(deep))
                .isInstanceOf(MetricMath.MathException.class)
                .hasMessageContaining("nests deeper");
    }

    @Test
    void anOverlongExpressionIsRejected() {
        assertThatThrownBy(() -> MetricMath.parse("1+".repeat(600) + "1"))
                .isInstanceOf(MetricMath.MathException.class)
                .hasMessageContaining("longer than");
    }
}
