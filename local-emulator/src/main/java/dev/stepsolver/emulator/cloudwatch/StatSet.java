package dev.stepsolver.emulator.cloudwatch;

/** Aggregated values: how many, their sum, min and max (what CloudWatch stores per interval). */
public record StatSet(double sampleCount, double sum, double minimum, double maximum) {

    public static StatSet of(double value) {
        return new StatSet(1, value, value, value);
    }

    public StatSet merge(StatSet other) {
        return new StatSet(sampleCount + other.sampleCount, sum + other.sum, Math.min(minimum, other.minimum),
                Math.max(maximum, other.maximum));
    }

    public double average() {
        return sampleCount == 0 ? Double.NaN : sum / sampleCount;
    }

    /** The value of a statistic by its CloudWatch name; empty for names not supported. */
    public java.util.OptionalDouble statistic(String name) {
        return switch (name) {
            case "SampleCount" -> java.util.OptionalDouble.of(sampleCount);
            case "Sum" -> java.util.OptionalDouble.of(sum);
            case "Average" -> java.util.OptionalDouble.of(average());
            case "Minimum" -> java.util.OptionalDouble.of(minimum);
            case "Maximum" -> java.util.OptionalDouble.of(maximum);
            default -> java.util.OptionalDouble.empty();
        };
    }

    public static boolean isSupported(String statistic) {
        return switch (statistic) {
            case "SampleCount", "Sum", "Average", "Minimum", "Maximum" -> true;
            default -> false;
        };
    }
}
