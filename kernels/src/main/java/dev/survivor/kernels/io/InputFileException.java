package dev.survivor.kernels.io;

import java.nio.file.Path;

/**
 * An input file is missing, unreadable or malformed. The message always starts with the file and
 * names the element or field at fault, so the CLI can print it as the whole error.
 */
public class InputFileException extends RuntimeException {
    private final transient Path file;

    public InputFileException(Path file, String detail) {
        super(file + ": " + detail);
        this.file = file;
    }

    public InputFileException(Path file, String detail, Throwable cause) {
        super(file + ": " + detail, cause);
        this.file = file;
    }

    /** The offending file. */
    public Path file() {
        return file;
    }
}
