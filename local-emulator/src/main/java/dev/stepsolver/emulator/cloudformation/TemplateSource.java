package dev.stepsolver.emulator.cloudformation;

/** Where a stack operation's template comes from. */
public sealed interface TemplateSource {

    /** TemplateBody: the template itself. */
    record Body(String text) implements TemplateSource {
    }

    /** TemplateURL: an object in the emulated S3. */
    record Url(String url) implements TemplateSource {
    }

    /**
     * A template another service hands over the way AWS services do, staged in S3 (the pipeline's
     * CloudFormation action reading it from an artifact): TemplateURL's 1 MB limit applies, not
     * TemplateBody's 51,200 characters.
     */
    record Staged(String text) implements TemplateSource {
    }

    /** UsePreviousTemplate (UpdateStack only). */
    record Previous() implements TemplateSource {
    }
}
