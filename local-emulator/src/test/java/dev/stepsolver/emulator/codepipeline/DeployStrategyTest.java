package dev.stepsolver.emulator.codepipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The Lambda deploy action's DeployStrategy forms, as AWS documents them. */
class DeployStrategyTest {

    private static DeployStrategy.Step step(long minutes, int percent) {
        return new DeployStrategy.Step(Duration.ofMinutes(minutes), percent);
    }

    @Test
    void allAtOnceShiftsEverythingAtOnce() {
        assertThat(DeployStrategy.parse("AllAtOnce").steps()).containsExactly(step(0, 100));
    }

    @Test
    void aCanaryShiftsItsShareThenTheRestAfterItsMinutes() {
        assertThat(DeployStrategy.parse("Canary10Percent5Minutes").steps()).containsExactly(step(0, 10), step(5, 100));
        assertThat(DeployStrategy.parse("Canary25Percent10Minutes").steps())
                .containsExactly(step(0, 25), step(10, 100));
    }

    @Test
    void aLinearStrategyShiftsItsShareEveryInterval() {
        assertThat(DeployStrategy.parse("Linear10PercentEvery1Minute").steps()).hasSize(10)
                .startsWith(step(0, 10), step(1, 20)).endsWith(step(1, 90), step(1, 100));
        assertThat(DeployStrategy.parse("Linear40PercentEvery3Minutes").steps())
                .containsExactly(step(0, 40), step(3, 80), step(3, 100));
    }

    @Test
    void otherNamesAndOutOfRangeValuesAreRefused() {
        assertThatThrownBy(() -> DeployStrategy.parse("Blue")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeployStrategy.parse("Canary0Percent5Minutes"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeployStrategy.parse("Canary10Percent3000Minutes"))
                .hasMessageContaining("at most 2 days");
    }
}
