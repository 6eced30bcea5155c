package dev.survivor.coordinator.validate;

/** Outcome of checking one output file: ok with its record count, or a failure mode and message. */
public record Validation(FailureMode failure, String message, long records) {
    public static Validation ok(long records) {
        return new Validation(null, "ok", records);
    }

    public static Validation fail(FailureMode mode, String message) {
        return new Validation(mode, message, 0);
    }

    public boolean isOk() {
        return failure == null;
    }
}
