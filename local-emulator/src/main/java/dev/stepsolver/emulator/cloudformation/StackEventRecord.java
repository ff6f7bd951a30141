package dev.stepsolver.emulator.cloudformation;

import java.time.Instant;

/**
 * One stack event: a status change of the stack or of one of its resources.
 *
 * @param physicalResourceId {@code null} before the resource exists
 * @param resourceStatusReason {@code null} when there is none
 * @param resourceProperties the resource's resolved properties as JSON, {@code null} for stack events
 */
public record StackEventRecord(String eventId, String stackId, String stackName, String logicalResourceId,
        String physicalResourceId, String resourceType, Instant timestamp, String resourceStatus,
        String resourceStatusReason, String resourceProperties) {
}
