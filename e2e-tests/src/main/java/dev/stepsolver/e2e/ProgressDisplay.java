package dev.stepsolver.e2e;

import dev.stepsolver.emulator.codepipeline.ActionExecutionRecord;
import dev.stepsolver.emulator.codepipeline.ExecutionRecord;
import dev.stepsolver.emulator.codepipeline.PipelineEvent;
import dev.stepsolver.emulator.codepipeline.PipelineListener;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The live view of the pipeline: one line whenever an execution, a stage or an action changes
 * (status, or progress such as the canary's traffic split), stamped with the real time elapsed since
 * the execution started; and, at the end, each execution's stages with their real durations.
 */
public final class ProgressDisplay implements PipelineListener {

    /** One stage of one execution as seen: when it started and ended, in real nanoseconds. */
    public record StageTiming(String stage, String status, long startNanos, long endNanos) {
        public Duration duration() {
            return Duration.ofNanos(Math.max(0, endNanos - startNanos));
        }
    }

    private final PrintStream out;
    private final LongSupplier nanoTime;
    private final Map<String, Long> executionStarts = new HashMap<>();
    private final Map<String, String> executionStatus = new LinkedHashMap<>();
    private final Map<String, String> commits = new HashMap<>();
    private final Map<String, Map<String, StageTiming>> stages = new LinkedHashMap<>();
    private final Map<String, String> lastActionLine = new HashMap<>();

    public ProgressDisplay(PrintStream out) {
        this(out, System::nanoTime);
    }

    ProgressDisplay(PrintStream out, LongSupplier nanoTime) {
        this.out = out;
        this.nanoTime = nanoTime;
    }

    @Override
    public synchronized void onEvent(PipelineEvent event) {
        long now = nanoTime.getAsLong();
        executionStarts.putIfAbsent(event.executionId(), now);
        switch (event) {
            case PipelineEvent.ExecutionChanged changed -> execution(changed.execution(), now);
            case PipelineEvent.StageChanged changed -> stage(changed, now);
            case PipelineEvent.ActionChanged changed -> action(changed.action(), now);
        }
    }

    private void execution(ExecutionRecord execution, long now) {
        execution.sourceRevisions().stream().findFirst()
                .ifPresent(r -> commits.put(execution.id(), r.revisionId()));
        String previous = executionStatus.put(execution.id(), execution.status());
        if (!execution.status().equals(previous)) {
            print(execution.id(), now, "execution", execution.status()
                    + execution.summary().map(s -> "  " + s).orElse("")
                    + (previous == null ? "  (" + execution.triggerType() + ")" : ""));
        } else if (execution.waitingFor() != null) {
            print(execution.id(), now, "execution", "waiting to enter " + execution.waitingFor());
        }
    }

    private void stage(PipelineEvent.StageChanged changed, long now) {
        Map<String, StageTiming> ofExecution = stages.computeIfAbsent(changed.executionId(), k -> new LinkedHashMap<>());
        StageTiming before = ofExecution.get(changed.stageName());
        long start = before == null || "InProgress".equals(changed.status()) && !"InProgress".equals(before.status())
                ? now : before.startNanos();
        ofExecution.put(changed.stageName(), new StageTiming(changed.stageName(), changed.status(), start, now));
        print(changed.executionId(), now, changed.stageName(), changed.status());
    }

    private void action(ActionExecutionRecord action, long now) {
        String detail = action.status()
                + (action.summaryIfAny().map(s -> "  " + s).orElse(""))
                + (action.errorMessage() == null ? "" : "  " + action.errorMessage());
        String key = action.actionExecutionId();
        if (detail.equals(lastActionLine.put(key, detail))) {
            return;
        }
        print(action.executionId(), now, action.stageName() + "/" + action.actionName(), detail);
    }

    private void print(String executionId, long now, String what, String detail) {
        double seconds = (now - executionStarts.getOrDefault(executionId, now)) / 1e9;
        out.printf(Locale.ROOT, "[%s %7.1fs] %-30s %s%n", shortId(executionId), seconds, what, oneLine(detail));
    }

    /** Each execution seen, with its stages' real durations, for the end of the run. */
    public synchronized List<String> summary() {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, String> execution : executionStatus.entrySet()) {
            String id = execution.getKey();
            String commit = commits.getOrDefault(id, "");
            lines.add(String.format(Locale.ROOT, "execution %s%s: %s", id,
                    commit.isEmpty() ? "" : " (commit " + commit.substring(0, Math.min(8, commit.length())) + ")",
                    execution.getValue()));
            long total = 0;
            for (StageTiming stage : stages.getOrDefault(id, Map.of()).values()) {
                total += stage.duration().toNanos();
                lines.add(String.format(Locale.ROOT, "  %-20s %-12s %8.1f s", stage.stage(), stage.status(),
                        stage.duration().toMillis() / 1000.0));
            }
            lines.add(String.format(Locale.ROOT, "  %-20s %-12s %8.1f s", "all stages", "", total / 1e9));
        }
        return lines;
    }

    /** The stages of one execution, in the order they ran. */
    public synchronized List<StageTiming> stages(String executionId) {
        return List.copyOf(stages.getOrDefault(executionId, Map.of()).values());
    }

    private static String shortId(String id) {
        return id.length() <= 8 ? id : id.substring(0, 8);
    }

    private static String oneLine(String text) {
        String flat = text.replace('\n', ' ').replace('\r', ' ');
        return flat.length() <= 220 ? flat : flat.substring(0, 217) + "...";
    }
}
