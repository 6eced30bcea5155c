package dev.survivor.common;

/**
 * Every exit status of {@code pipeline}, in one place. 2 and 3 keep the meanings the models spec
 * gives them, so picocli's default usage code (2) is replaced by {@link #USAGE}.
 */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** Unexpected failure (a bug, or an I/O error while writing). */
    public static final int FAILURE = 1;
    /** Models: the target is degenerate, a degenerate sidecar was written (docs/models.md). */
    public static final int DEGENERATE_TARGET = 2;
    /** Models: prediction not allowed, a skip result was written (docs/models.md §7.5). */
    public static final int PREDICTION_SKIPPED = 3;
    /** Bad command line: unknown option, missing required option, bad option value. */
    public static final int USAGE = 64;
    /** Bad input data: missing or malformed file, value out of range, unknown PRNG name. */
    public static final int INVALID_INPUT = 65;
    /** A requested backend, device or service is not available here. */
    public static final int UNAVAILABLE = 69;
    /** Output could not be written. */
    public static final int IO_ERROR = 74;

    private ExitCodes() {
    }
}
