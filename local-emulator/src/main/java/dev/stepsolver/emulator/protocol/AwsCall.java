package dev.stepsolver.emulator.protocol;

/** A verified request to an AWS service endpoint, with its id and caller. */
public record AwsCall(EdgeRequest request, String requestId, Caller caller) {
}
