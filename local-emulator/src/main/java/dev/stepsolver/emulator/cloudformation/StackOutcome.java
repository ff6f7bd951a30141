package dev.stepsolver.emulator.cloudformation;

import java.util.Map;
import java.util.Optional;

/**
 * Where a stack operation ended.
 *
 * @param changed false when an update had nothing to do ("No updates are to be performed.")
 * @param outputs the stack's outputs by key (empty unless it exists)
 */
public record StackOutcome(String stackId, String stackName, StackStatus status, Optional<String> reason,
        Map<String, String> outputs, boolean changed) {

    public StackOutcome {
        outputs = Map.copyOf(outputs);
    }

    /** Whether the operation did what was asked (CREATE_COMPLETE, UPDATE_COMPLETE, DELETE_COMPLETE). */
    public boolean succeeded() {
        return status.succeeded();
    }

    static StackOutcome of(StackRecord stack, boolean changed) {
        return new StackOutcome(stack.stackId(), stack.stackName(), stack.status(), stack.reason(),
                stack.outputValues(), changed);
    }
}
