package dev.stepsolver.emulator.codedeploy;

/**
 * A deployment's status, as AWS spells it on the wire. Lambda deployments go Created, InProgress,
 * then Succeeded, Failed or Stopped; Queued, Baking and Ready belong to other platforms.
 */
public enum DeploymentStatus {
    CREATED("Created"), QUEUED("Queued"), IN_PROGRESS("InProgress"), BAKING("Baking"), SUCCEEDED("Succeeded"),
    FAILED("Failed"), STOPPED("Stopped"), READY("Ready");

    private final String awsName;

    DeploymentStatus(String awsName) {
        this.awsName = awsName;
    }

    public String awsName() {
        return awsName;
    }

    public boolean isComplete() {
        return this == SUCCEEDED || this == FAILED || this == STOPPED;
    }

    public static java.util.Optional<DeploymentStatus> fromAws(String name) {
        for (DeploymentStatus status : values()) {
            if (status.awsName.equals(name)) {
                return java.util.Optional.of(status);
            }
        }
        return java.util.Optional.empty();
    }
}
