package dev.stepsolver.emulator.codedeploy;

import java.util.Optional;

/** Where CodeDeploy deploys; this emulator runs deployments for {@link #LAMBDA} only. */
public enum ComputePlatform {
    SERVER("Server"), LAMBDA("Lambda"), ECS("ECS");

    private final String awsName;

    ComputePlatform(String awsName) {
        this.awsName = awsName;
    }

    public String awsName() {
        return awsName;
    }

    public static Optional<ComputePlatform> fromAws(String name) {
        for (ComputePlatform platform : values()) {
            if (platform.awsName.equals(name)) {
                return Optional.of(platform);
            }
        }
        return Optional.empty();
    }
}
