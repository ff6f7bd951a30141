package dev.stepsolver.emulator.cloudwatch;

import java.time.Instant;
import java.util.List;

/** The history of one alarm, newest last, bounded. */
public record AlarmHistory(String alarmName, List<Entry> entries) {

    /** One history item: {@code StateUpdate} or {@code ConfigurationUpdate}. */
    public record Entry(String alarmName, Instant timestamp, String type, String summary, String data) {
    }

    public AlarmHistory {
        entries = List.copyOf(entries);
    }
}
