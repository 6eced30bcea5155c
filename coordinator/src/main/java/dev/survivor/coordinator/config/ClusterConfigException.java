package dev.survivor.coordinator.config;

/** A cluster config that cannot be used; the message names the file and the key. */
public final class ClusterConfigException extends RuntimeException {
    public ClusterConfigException(String message) {
        super(message);
    }

    public ClusterConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
