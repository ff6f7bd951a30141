package dev.stepsolver.emulator.codepipeline;

/**
 * Follows pipelines as they run (a live progress display). Called on the engine's threads, in the
 * order changes happen for one execution: return quickly and do not block.
 */
@FunctionalInterface
public interface PipelineListener {

    void onEvent(PipelineEvent event);
}
