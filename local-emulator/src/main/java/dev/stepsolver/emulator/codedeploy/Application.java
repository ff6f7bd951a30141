package dev.stepsolver.emulator.codedeploy;

import java.time.Instant;

/** A CodeDeploy application: a name that groups deployment groups, on one compute platform. */
public record Application(String name, String id, ComputePlatform computePlatform, Instant createTime) {
}
