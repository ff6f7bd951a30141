package dev.stepsolver.pipeline.validate;

/** One thing wrong, with where it is (stage/action/key, resource, file) and what is wrong. */
public record Problem(String rule, String where, String message) {

    @Override
    public String toString() {
        return where + ": " + message + " [" + rule + "]";
    }
}
