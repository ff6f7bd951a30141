package dev.stepsolver.emulator.codepipeline;

import java.time.Instant;

/** What {@link PipelineListener}s hear: an execution, one of its stages or one of its actions changed. */
public sealed interface PipelineEvent {

    String pipelineName();

    String executionId();

    /** An execution started, changed status, or began to wait at a stage boundary. */
    record ExecutionChanged(ExecutionRecord execution) implements PipelineEvent {
        @Override
        public String pipelineName() {
            return execution.pipelineName();
        }

        @Override
        public String executionId() {
            return execution.id();
        }
    }

    /** A stage of an execution changed status (InProgress, Succeeded, Failed, Stopped...). */
    record StageChanged(String pipelineName, String executionId, String stageName, String status, Instant at)
            implements PipelineEvent {
    }

    /** An action execution started, reported progress, or ended. */
    record ActionChanged(ActionExecutionRecord action) implements PipelineEvent {
        @Override
        public String pipelineName() {
            return action.pipelineName();
        }

        @Override
        public String executionId() {
            return action.executionId();
        }
    }
}
