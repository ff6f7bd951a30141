package dev.stepsolver.pipeline.model;

/** The production error-rate alarm: metric math {@code 100 * errors / invocations} ≥ threshold. */
public record AlarmSpec(String name, double thresholdPercent, int periodSeconds, int evaluationPeriods) {

    static AlarmSpec defaults(String prefix) {
        return new AlarmSpec(prefix + "-prod-error-rate", 1.0, 60, 1);
    }
}
