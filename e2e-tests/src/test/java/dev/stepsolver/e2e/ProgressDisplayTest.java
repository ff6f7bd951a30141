package dev.stepsolver.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepsolver.emulator.codepipeline.ExecutionRecord;
import dev.stepsolver.emulator.codepipeline.PipelineEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The live lines and the per-stage summary, on a clock the test moves. */
class ProgressDisplayTest {

    private static final long SECOND = 1_000_000_000L;
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private final AtomicLong now = new AtomicLong();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final ProgressDisplay display = new ProgressDisplay(new PrintStream(bytes, true, StandardCharsets.UTF_8),
            now::get);

    private static ExecutionRecord execution(String status) {
        return new ExecutionRecord("stepsolver", "0123456789abcdef", 1, status, null, T, T, "CreatePipeline", "",
                "SUPERSEDED", Map.of(), Map.of(), Map.of(), List.of(), List.of(), null, null, 0);
    }

    private void stage(String name, String status, long atSeconds) {
        now.set(atSeconds * SECOND);
        display.onEvent(new PipelineEvent.StageChanged("stepsolver", "0123456789abcdef", name, status, T));
    }

    @Test
    void eachStageLastsFromEnteringToLeavingAndTheLinesCarryTheElapsedTime() {
        display.onEvent(new PipelineEvent.ExecutionChanged(execution("InProgress")));
        stage("Source", "InProgress", 0);
        stage("Source", "Succeeded", 1);
        stage("Build", "InProgress", 1);
        stage("Build", "Succeeded", 91);
        stage("Prod", "InProgress", 95);
        stage("Prod", "Failed", 105);
        now.set(105 * SECOND);
        display.onEvent(new PipelineEvent.ExecutionChanged(execution("Failed")));

        assertThat(display.summary()).containsExactly(
                "execution 0123456789abcdef: Failed",
                "  Source               Succeeded         1.0 s",
                "  Build                Succeeded        90.0 s",
                "  Prod                 Failed           10.0 s",
                "  all stages                           101.0 s");
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("[01234567     0.0s] execution                      InProgress  (CreatePipeline)")
                .contains("[01234567    91.0s] Build                          Succeeded")
                .contains("[01234567   105.0s] execution                      Failed");
    }
}
