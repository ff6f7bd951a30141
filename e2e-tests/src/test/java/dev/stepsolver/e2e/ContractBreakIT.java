package dev.stepsolver.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepsolver.emulator.codepipeline.ExecutionRecord;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scenario 3: a commit whose solver passes its own unit tests (they were changed with it) but breaks
 * the API contract existing clients rely on ("Devide" is part of the contract). The integration
 * suite, run over HTTP against beta, catches it: the execution fails at IntegrationTests and prod
 * never sees the new version.
 */
class ContractBreakIT {

    private static final String CONTRACT = "Devide both sides by";
    private static final String CHANGED = "Divide both sides by";
    private static Scenario scenario;
    private static ExecutionRecord execution;

    @BeforeAll
    static void runThePipeline() throws Exception {
        scenario = Scenario.start("contract-break", Optional.of(new Scenario.Commit(
                "Spell Divide correctly, tests included", Map.of(
                        "solver-core/src/main/java/dev/stepsolver/solver/classic/ClassicSolver.java",
                        Scenario.replace("\"" + CONTRACT + " \"", "\"" + CHANGED + " \""),
                        "solver-core/src/test/java/dev/stepsolver/solver/ClassicStyleTest.java",
                        Scenario.replace(CONTRACT, CHANGED),
                        "solver-core/src/test/resources/contract/TestCases.json", Scenario.replace(CONTRACT, CHANGED),
                        "solver-lambda/src/test/resources/contract/TestCases.json", Scenario.replace(CONTRACT, CHANGED),
                        "solver-lambda/src/test/java/dev/stepsolver/lambda/RequestFormsTest.java",
                        Scenario.replace(CONTRACT, CHANGED)))));
        execution = scenario.awaitEnd(scenario.firstExecution());
    }

    @AfterAll
    static void stop() {
        if (scenario != null) {
            scenario.close();
        }
    }

    @Test
    void theBuildPassesAndTheIntegrationTestsFail() {
        assertThat(execution.status()).isEqualTo("Failed");
        assertThat(execution.stage("Build")).hasValueSatisfying(s -> assertThat(s.status()).isEqualTo("Succeeded"));
        assertThat(execution.stage("PreProd")).hasValueSatisfying(s -> assertThat(s.status()).isEqualTo("Succeeded"));
        assertThat(execution.stage("IntegrationTests"))
                .hasValueSatisfying(s -> assertThat(s.status()).isEqualTo("Failed"));
        assertThat(execution.stage("Prod")).isEmpty();
    }

    @Test
    void betaRunsTheNewVersionButProdIsUnchanged() {
        assertThat(scenario.aliasVersion("beta")).isNotEqualTo("1");
        assertThat(scenario.aliasVersion("prod")).isEqualTo("1");
        assertThat(scenario.aliasWeights("prod")).isEmpty();
        String key = scenario.pipeline.apiKey();
        Scenario.Case first = Scenario.contractCases().get(0);
        assertThat(Scenario.steps(scenario.solve("prod", first.equation(), key).body())).isEqualTo(first.solution());
        assertThat(scenario.solve("beta", first.equation(), key).body()).contains(CHANGED);
    }
}
