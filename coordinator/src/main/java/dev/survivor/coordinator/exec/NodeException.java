package dev.survivor.coordinator.exec;

import java.io.IOException;

/**
 * A node could not be used. {@code connection} is true when the failure is the link itself (connect,
 * authentication, host key, lost session): the coordinator then prefers another node.
 */
public final class NodeException extends IOException {
    private final boolean connection;

    public NodeException(String message, boolean connection, Throwable cause) {
        super(message, cause);
        this.connection = connection;
    }

    public boolean connection() {
        return connection;
    }
}
