package dev.survivor.coordinator.validate;

/**
 * Why an attempt failed, named as in the reference (docs/coordinator.md §5) plus RECORD_COUNT (docs/decisions.md C1).
 */
public enum FailureMode {
    FILE_MISSING, FILE_EMPTY, INVALID_JSON, RECORD_COUNT, TIMEOUT, SSH_ERROR, EXECUTION_ERROR;

    /** Failures that say more about the node than about the job: retry elsewhere. */
    public boolean nodeBound() {
        return this == SSH_ERROR;
    }
}
