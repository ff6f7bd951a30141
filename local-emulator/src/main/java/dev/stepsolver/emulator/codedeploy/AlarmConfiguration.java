package dev.stepsolver.emulator.codedeploy;

import java.util.List;

/**
 * The CloudWatch alarms a deployment group watches while a deployment runs.
 *
 * @param ignorePollAlarmFailure whether a deployment goes on when an alarm's state cannot be read
 *     (the alarm does not exist)
 */
public record AlarmConfiguration(boolean enabled, boolean ignorePollAlarmFailure, List<String> alarms) {

    public AlarmConfiguration {
        alarms = List.copyOf(alarms);
    }

    public static AlarmConfiguration none() {
        return new AlarmConfiguration(false, false, List.of());
    }

    /** The alarms that are actually watched. */
    public List<String> watched() {
        return enabled ? alarms : List.of();
    }
}
