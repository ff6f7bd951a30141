package dev.stepsolver.emulator.cloudformation;

/** A stack resource's status, named as CloudFormation names it. */
public enum ResourceStatus {
    CREATE_IN_PROGRESS, CREATE_FAILED, CREATE_COMPLETE,
    DELETE_IN_PROGRESS, DELETE_FAILED, DELETE_COMPLETE, DELETE_SKIPPED,
    UPDATE_IN_PROGRESS, UPDATE_FAILED, UPDATE_COMPLETE
}
