package dev.stepsolver.emulator.cloudformation;

/** Where a stack operation's template comes from. */
public sealed interface TemplateSource {

    /** TemplateBody: the template itself. */
    record Body(String text) implements TemplateSource {
    }

    /** TemplateURL: an object in the emulated S3. */
    record Url(String url) implements TemplateSource {
    }

    /** UsePreviousTemplate (UpdateStack only). */
    record Previous() implements TemplateSource {
    }
}
