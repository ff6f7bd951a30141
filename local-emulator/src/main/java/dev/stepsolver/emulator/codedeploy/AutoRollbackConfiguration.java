package dev.stepsolver.emulator.codedeploy;

import java.util.List;

/** When a stopped or failed deployment returns the alias to its original version. */
public record AutoRollbackConfiguration(boolean enabled, List<RollbackEvent> events) {

    public AutoRollbackConfiguration {
        events = List.copyOf(events);
    }

    public static AutoRollbackConfiguration none() {
        return new AutoRollbackConfiguration(false, List.of());
    }

    public boolean rollsBackOn(RollbackEvent event) {
        return enabled && events.contains(event);
    }
}
