package dev.stepsolver.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepsolver.emulator.codepipeline.ExecutionRecord;
import dev.stepsolver.emulator.codepipeline.PipelineEvent;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scenario 5: two commits in quick succession while the Build stage is busy with an earlier one. In
 * SUPERSEDED mode the older of the two waits at Build's entrance and is superseded when the newer
 * one arrives there; the newer one goes on.
 */
class SupersededIT {

    private static Scenario scenario;
    private static ExecutionRecord older;
    private static ExecutionRecord newer;

    @BeforeAll
    static void pushTwoCommitsDuringABuild() throws Exception {
        scenario = Scenario.start("superseded", Optional.empty());
        ExecutionRecord first = scenario.firstExecution();
        CompletableFuture<Void> building = new CompletableFuture<>();
        scenario.pipeline.follow(event -> {
            if (event instanceof PipelineEvent.StageChanged stage && stage.executionId().equals(first.id())
                    && stage.stageName().equals("Build") && stage.status().equals("InProgress")) {
                building.complete(null);
            }
        });
        if (scenario.pipeline.executions().stream().noneMatch(e -> e.id().equals(first.id())
                && e.stage("Build").isPresent())) {
            building.get(Scenario.EXECUTION_LIMIT.toMinutes(), TimeUnit.MINUTES);
        }
        String olderCommit = scenario.pipeline.repository().commit("First change",
                Map.of("docs/changes.txt", text -> text + "first\n"));
        older = scenario.pipeline.awaitExecutionOf(olderCommit, Duration.ofMinutes(2));
        String newerCommit = scenario.pipeline.repository().commit("Second change",
                Map.of("docs/changes.txt", text -> text + "second\n"));
        newer = scenario.pipeline.awaitExecutionOf(newerCommit, Duration.ofMinutes(2));
        older = scenario.pipeline.awaitEnd(older, Scenario.EXECUTION_LIMIT);
        // What is left to see has been seen: end the other executions rather than build them.
        for (ExecutionRecord running : scenario.pipeline.executions()) {
            if (running.inProgress()) {
                scenario.pipeline.codePipeline().stopExecution(running.pipelineName(), running.id(), true,
                        Optional.of("the scenario has seen what it needs"));
            }
        }
    }

    @AfterAll
    static void stop() {
        if (scenario != null) {
            scenario.close();
        }
    }

    @Test
    void theOlderOfTheTwoIsSuperseded() {
        assertThat(older.status()).isEqualTo("Superseded");
        assertThat(older.stage("Build")).isEmpty();
    }

    @Test
    void theNewerOneTookItsPlace() {
        ExecutionRecord now = scenario.pipeline.codePipeline().execution(newer.pipelineName(), newer.id());
        assertThat(now.status()).isIn("InProgress", "Stopping", "Stopped", "Succeeded");
        assertThat(now.stage("Source")).hasValueSatisfying(s -> assertThat(s.status()).isEqualTo("Succeeded"));
    }
}
