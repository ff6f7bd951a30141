package dev.stepsolver.emulator.cloudwatch;

import java.time.Instant;

/** An alarm moved from one state to another (what CodeDeploy and pipelines watch). */
public record AlarmStateChange(String alarmName, String oldState, String newState, String reason, Instant at) {
}
