package dev.survivor.kernels.api;

/** A backend cannot run here (missing library, driver or device); the message is the reason. */
public class BackendUnavailableException extends RuntimeException {
    public BackendUnavailableException(String message) {
        super(message);
    }

    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
