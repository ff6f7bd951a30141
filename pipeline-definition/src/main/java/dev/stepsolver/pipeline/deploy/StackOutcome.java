package dev.stepsolver.pipeline.deploy;

import java.util.Map;

/** How a deploy ended: the stack's final status, whether anything changed, and its outputs. */
public record StackOutcome(String stackName, String status, boolean changed, Map<String, String> outputs) {

    public StackOutcome {
        outputs = Map.copyOf(outputs);
    }

    public boolean succeeded() {
        return status.equals("CREATE_COMPLETE") || status.equals("UPDATE_COMPLETE");
    }
}
