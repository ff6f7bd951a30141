package dev.stepsolver.emulator.codepipeline;

import software.amazon.awssdk.services.codepipeline.model.ActionDeclaration;

/**
 * Runs one action type. The engine validates declarations against {@link #spec()}, resolves
 * variables in the configuration, gives the provider an {@link ActionJob} (resolved configuration,
 * input artifacts, output artifact locations, progress reporting) and records what it returns.
 *
 * <p>To add a provider (the S3 deploy action, for example): implement this
 * interface in the service's own package or here, and register an instance with
 * {@link CodePipelineBackend#registerActionProvider(ActionProvider)} (CodePipelineModule does it for the
 * built-in ones). The engine needs no change.
 */
public interface ActionProvider {

    /** The action type served, with its configuration keys and artifact counts. */
    ActionTypeSpec spec();

    /**
     * Checks beyond the spec's keys and counts, at CreatePipeline/UpdatePipeline (a configuration value's
     * format, for example). Values may still hold {@code #{...}} variables.
     *
     * @throws dev.stepsolver.emulator.protocol.AwsException InvalidActionDeclarationException
     */
    default void validate(String stageName, ActionDeclaration action) {
    }

    /**
     * Runs the action to its end. Called on a thread of its own; blocking is expected. Interruption
     * means the action is being abandoned (StopPipelineExecution with abandon, emulator shutdown): stop
     * the external work if possible and throw {@link InterruptedException}.
     */
    ActionOutcome execute(ActionJob job) throws InterruptedException;
}
