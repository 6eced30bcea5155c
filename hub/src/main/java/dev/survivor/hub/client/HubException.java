package dev.survivor.hub.client;

import dev.survivor.hub.protocol.ErrorCode;
import java.io.IOException;

/** The hub refused a request or could not be reached; {@link #code()} is null for transport failures. */
public final class HubException extends IOException {
    private final ErrorCode code;

    public HubException(ErrorCode code, String message) {
        super(code == null ? message : code + ": " + message);
        this.code = code;
    }

    public HubException(String message, Throwable cause) {
        super(message, cause);
        this.code = null;
    }

    public ErrorCode code() {
        return code;
    }
}
