package dev.survivor.hub.protocol;

/** Codes carried by ERROR replies; stable strings clients can match on. */
public enum ErrorCode {
    LINE_TOO_LONG,
    INVALID_JSON,
    UNKNOWN_TYPE,
    MISSING_FIELD,
    BAD_FIELD,
    NOT_AUTHENTICATED,
    AUTH_FAILED,
    CLIENT_ID_IN_USE,
    HELLO_REQUIRED,
    FORBIDDEN,
    UNKNOWN_CLIENT,
    UNKNOWN_PARAMETER,
    INVALID_VALUE,
    UNKNOWN_COLLABORATION,
    LOW_REPUTATION,
    UNKNOWN_COMMAND,
    UNKNOWN_SCRIPT,
    COMMAND_FAILED,
    INTERNAL
}
