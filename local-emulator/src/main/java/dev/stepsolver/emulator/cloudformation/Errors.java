package dev.stepsolver.emulator.cloudformation;

import dev.stepsolver.emulator.protocol.AwsException;

/** CloudFormation's error codes (all 400 sender faults). */
final class Errors {

    private Errors() {
    }

    /** The code of nearly every CloudFormation error, template problems included. */
    static AwsException validation(String message) {
        return AwsException.badRequest("ValidationError", message);
    }

    static AwsException alreadyExists(String stackName) {
        return AwsException.badRequest("AlreadyExistsException", "Stack [" + stackName + "] already exists");
    }

    static AwsException insufficientCapabilities(String capability) {
        return AwsException.badRequest("InsufficientCapabilitiesException",
                "Requires capabilities : [" + capability + "]");
    }

    static AwsException stackNotFound(String nameOrId) {
        return validation("Stack with id " + nameOrId + " does not exist");
    }
}
