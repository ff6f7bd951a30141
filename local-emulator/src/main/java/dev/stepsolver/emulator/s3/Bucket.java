package dev.stepsolver.emulator.s3;

import java.time.Instant;

/** A bucket: its name, region and creation time. */
public record Bucket(String name, String region, Instant creationDate) {
}
