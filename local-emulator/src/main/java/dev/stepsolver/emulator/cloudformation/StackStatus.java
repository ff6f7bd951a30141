package dev.stepsolver.emulator.cloudformation;

/** A stack's status, named as CloudFormation names it. */
public enum StackStatus {
    CREATE_IN_PROGRESS, CREATE_FAILED, CREATE_COMPLETE,
    ROLLBACK_IN_PROGRESS, ROLLBACK_FAILED, ROLLBACK_COMPLETE,
    DELETE_IN_PROGRESS, DELETE_FAILED, DELETE_COMPLETE,
    UPDATE_IN_PROGRESS, UPDATE_COMPLETE_CLEANUP_IN_PROGRESS, UPDATE_COMPLETE, UPDATE_FAILED,
    UPDATE_ROLLBACK_IN_PROGRESS, UPDATE_ROLLBACK_FAILED, UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS,
    UPDATE_ROLLBACK_COMPLETE;

    public boolean inProgress() {
        return name().endsWith("_IN_PROGRESS");
    }

    /** Whether UpdateStack may start from this status. */
    public boolean updatable() {
        return this == CREATE_COMPLETE || this == UPDATE_COMPLETE || this == UPDATE_ROLLBACK_COMPLETE;
    }

    /** Whether the last operation did what was asked. */
    public boolean succeeded() {
        return this == CREATE_COMPLETE || this == UPDATE_COMPLETE || this == DELETE_COMPLETE;
    }
}
