package dev.stepsolver.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepsolver.emulator.codepipeline.ExecutionRecord;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scenario 2: a commit that breaks a unit test (it "fixes" the classic contract's famous typo in the
 * solver without touching the tests that pin it). The Build stage's unit tests catch it: the
 * execution fails at Build, and neither beta nor prod moves.
 */
class BrokenUnitTestIT {

    private static Scenario scenario;
    private static ExecutionRecord execution;

    @BeforeAll
    static void runThePipeline() throws Exception {
        scenario = Scenario.start("broken-unit-test", Optional.of(new Scenario.Commit("Spell Divide correctly",
                Map.of("solver-core/src/main/java/dev/stepsolver/solver/classic/ClassicSolver.java",
                        Scenario.replace("\"Devide both sides by \"", "\"Divide both sides by \"")))));
        execution = scenario.awaitEnd(scenario.firstExecution());
    }

    @AfterAll
    static void stop() {
        if (scenario != null) {
            scenario.close();
        }
    }

    @Test
    void theExecutionFailsAtBuild() {
        assertThat(execution.status()).isEqualTo("Failed");
        assertThat(execution.stage("Build")).hasValueSatisfying(s -> assertThat(s.status()).isEqualTo("Failed"));
        assertThat(execution.stage("PreProd")).isEmpty();
        assertThat(scenario.stageActions(execution, "Build")).singleElement()
                .satisfies(build -> assertThat(build.status()).isEqualTo("Failed"));
    }

    @Test
    void betaAndProdStillServeTheBootstrapVersion() {
        assertThat(scenario.aliasVersion("beta")).isEqualTo("1");
        assertThat(scenario.aliasVersion("prod")).isEqualTo("1");
        assertThat(scenario.aliasWeights("prod")).isEmpty();
    }
}
