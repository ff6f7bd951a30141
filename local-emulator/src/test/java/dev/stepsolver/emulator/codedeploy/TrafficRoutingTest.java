package dev.stepsolver.emulator.codedeploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TrafficRoutingTest {

    @Test
    void allAtOnceMovesEverythingAtTheStart() {
        assertThat(TrafficRouting.allAtOnce().plan()).containsExactly(new TrafficRouting.Shift(Duration.ZERO, 1.0));
    }

    @Test
    void aCanaryGivesItsShareThenEverythingAfterItsInterval() {
        assertThat(TrafficRouting.canary(25, 10).plan()).containsExactly(
                new TrafficRouting.Shift(Duration.ZERO, 0.25),
                new TrafficRouting.Shift(Duration.ofMinutes(10), 1.0));
    }

    @Test
    void aLinearRoutingAddsItsStepEveryInterval() {
        assertThat(TrafficRouting.linear(10, 1).plan()).hasSize(10)
                .startsWith(new TrafficRouting.Shift(Duration.ZERO, 0.1),
                        new TrafficRouting.Shift(Duration.ofMinutes(1), 0.2))
                .endsWith(new TrafficRouting.Shift(Duration.ofMinutes(8), 0.9),
                        new TrafficRouting.Shift(Duration.ofMinutes(9), 1.0));
    }

    @Test
    void aLinearStepThatDoesNotDivideAHundredEndsWithTheRest() {
        assertThat(TrafficRouting.linear(40, 2).plan()).containsExactly(
                new TrafficRouting.Shift(Duration.ZERO, 0.4),
                new TrafficRouting.Shift(Duration.ofMinutes(2), 0.8),
                new TrafficRouting.Shift(Duration.ofMinutes(4), 1.0));
    }
}
