package dev.survivor.pipeline;

/** A command failure with its exit status; the message is printed as one line. */
public class ExitException extends RuntimeException {
    private final int status;

    public ExitException(int status, String message) {
        super(message);
        this.status = status;
    }

    public ExitException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
