package dev.stepsolver.pipeline.model;

/** A time-based canary: {@code percentage} of traffic for {@code intervalMinutes}, then all of it. */
public record CanarySpec(String configName, int percentage, int intervalMinutes) {

    /** The native Lambda deploy action's strategy name, e.g. {@code Canary25Percent10Minutes}. */
    public String lambdaActionStrategy() {
        return "Canary" + percentage + "Percent" + intervalMinutes + "Minutes";
    }
}
