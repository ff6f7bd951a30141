package dev.stepsolver.emulator.cloudwatch;

import java.time.Instant;

/**
 * An alarm as persisted: its definition (the PutMetricAlarm request, as JSON) and its state.
 */
public record AlarmRecord(String name, String arn, String definitionJson, String stateValue, String stateReason,
        String stateReasonData, Instant stateUpdated, Instant stateTransitioned, Instant configurationUpdated) {

    AlarmRecord withState(String value, String reason, String reasonData, Instant at) {
        Instant transitioned = value.equals(stateValue) ? stateTransitioned : at;
        return new AlarmRecord(name, arn, definitionJson, value, reason, reasonData, at, transitioned,
                configurationUpdated);
    }
}
