package dev.stepsolver.emulator.codedeploy;

/** A lifecycle event's status, as AWS spells it on the wire. */
public enum LifecycleEventStatus {
    PENDING("Pending"), IN_PROGRESS("InProgress"), SUCCEEDED("Succeeded"), FAILED("Failed"), SKIPPED("Skipped"),
    UNKNOWN("Unknown");

    private final String awsName;

    LifecycleEventStatus(String awsName) {
        this.awsName = awsName;
    }

    public String awsName() {
        return awsName;
    }
}
