package dev.survivor.coordinator.jobs;

/** A jobs file or survivors input that cannot be used; the message names the file, job and field. */
public final class JobsFileException extends RuntimeException {
    public JobsFileException(String message) {
        super(message);
    }

    public JobsFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
