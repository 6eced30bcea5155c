package dev.survivor.hub.protocol;

/** A message that cannot be accepted; the connection answers with an ERROR line carrying {@link #code()}. */
public final class ProtocolException extends Exception {
    private final ErrorCode code;

    public ProtocolException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
