package dev.stepsolver.emulator.lambda;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The configuration of one version of a function ({@code $LATEST} or a published number), as stored.
 * Fields AWS may leave out are {@code null} here only: the wire adapter turns them into absent members.
 *
 * @param command the ImageConfig CMD override (empty: the image's own)
 * @param codeSha256 the image manifest's digest without {@code sha256:}, as Lambda reports it for images
 */
public record FunctionVersion(String functionName, String version, String description, String role, int timeout,
        int memorySize, Map<String, String> environment, String imageUri, String resolvedImageUri, String codeSha256,
        List<String> command, List<String> entryPoint, String workingDirectory, List<String> architectures,
        String revisionId, Instant lastModified, String state, String stateReason, String stateReasonCode,
        String lastUpdateStatus, String lastUpdateStatusReason, String lastUpdateStatusReasonCode) {

    public FunctionVersion {
        environment = Map.copyOf(environment);
        command = List.copyOf(command);
        entryPoint = List.copyOf(entryPoint);
        architectures = List.copyOf(architectures);
    }

    public boolean latest() {
        return "$LATEST".equals(version);
    }

    FunctionVersion withState(String newState, String reason, String reasonCode) {
        return new FunctionVersion(functionName, version, description, role, timeout, memorySize, environment, imageUri,
                resolvedImageUri, codeSha256, command, entryPoint, workingDirectory, architectures, revisionId,
                lastModified, newState, reason, reasonCode, lastUpdateStatus, lastUpdateStatusReason,
                lastUpdateStatusReasonCode);
    }

    FunctionVersion withUpdateStatus(String status, String reason, String reasonCode) {
        return new FunctionVersion(functionName, version, description, role, timeout, memorySize, environment, imageUri,
                resolvedImageUri, codeSha256, command, entryPoint, workingDirectory, architectures, revisionId,
                lastModified, state, stateReason, stateReasonCode, status, reason, reasonCode);
    }

    /** The same configuration published as {@code number}. */
    FunctionVersion publishedAs(String number, String newDescription, String newRevisionId, Instant at) {
        return new FunctionVersion(functionName, number, newDescription, role, timeout, memorySize, environment,
                imageUri, resolvedImageUri, codeSha256, command, entryPoint, workingDirectory, architectures,
                newRevisionId, at, state, stateReason, stateReasonCode, "Successful", null, null);
    }

    /** Whether two versions would run the same code with the same configuration (PublishVersion's test). */
    boolean sameAs(FunctionVersion other) {
        return codeSha256.equals(other.codeSha256) && timeout == other.timeout && memorySize == other.memorySize
                && environment.equals(other.environment) && command.equals(other.command)
                && entryPoint.equals(other.entryPoint) && java.util.Objects.equals(role, other.role)
                && java.util.Objects.equals(workingDirectory, other.workingDirectory);
    }
}
