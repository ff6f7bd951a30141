package dev.stepsolver.emulator.codedeploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How a Lambda deployment moves an alias's traffic (TrafficRoutingConfig): all at once, a canary
 * share for one interval then the rest, or equal steps one interval apart.
 *
 * @param percentage the canary share or the linear step, 1 to 99 (0 for all at once)
 * @param intervalMinutes the canary's wait or the time between linear steps (0 for all at once)
 */
public record TrafficRouting(Type type, int percentage, int intervalMinutes) {

    public enum Type {
        ALL_AT_ONCE("AllAtOnce"), TIME_BASED_CANARY("TimeBasedCanary"), TIME_BASED_LINEAR("TimeBasedLinear");

        private final String awsName;

        Type(String awsName) {
            this.awsName = awsName;
        }

        public String awsName() {
            return awsName;
        }
    }

    /** The share of traffic the target version gets from {@code after} the start of AllowTraffic. */
    public record Shift(Duration after, double targetWeight) {

        public boolean isComplete() {
            return targetWeight >= 1.0;
        }
    }

    public static TrafficRouting allAtOnce() {
        return new TrafficRouting(Type.ALL_AT_ONCE, 0, 0);
    }

    public static TrafficRouting canary(int percentage, int intervalMinutes) {
        return new TrafficRouting(Type.TIME_BASED_CANARY, percentage, intervalMinutes);
    }

    public static TrafficRouting linear(int percentage, int intervalMinutes) {
        return new TrafficRouting(Type.TIME_BASED_LINEAR, percentage, intervalMinutes);
    }

    /**
     * The shifts in order, the last one moving all traffic: a canary gives its share at once and
     * the rest after its interval; a linear routing adds its step every interval (10 % every minute
     * reaches 90 % after eight minutes and 100 % after nine).
     */
    public List<Shift> plan() {
        Duration interval = Duration.ofMinutes(intervalMinutes);
        return switch (type) {
            case ALL_AT_ONCE -> List.of(new Shift(Duration.ZERO, 1.0));
            case TIME_BASED_CANARY -> List.of(new Shift(Duration.ZERO, percentage / 100.0),
                    new Shift(interval, 1.0));
            case TIME_BASED_LINEAR -> {
                List<Shift> shifts = new ArrayList<>();
                for (int step = 1; step * percentage < 100; step++) {
                    shifts.add(new Shift(interval.multipliedBy(step - 1L), step * percentage / 100.0));
                }
                shifts.add(new Shift(interval.multipliedBy(shifts.size()), 1.0));
                yield List.copyOf(shifts);
            }
        };
    }
}
