package dev.stepsolver.emulator.ecr;

import java.time.Instant;

/** An ECR repository as stored. */
public record Repository(String name, String arn, String registryId, Instant createdAt, String imageTagMutability) {

    public boolean immutableTags() {
        return "IMMUTABLE".equals(imageTagMutability);
    }
}
