package dev.survivor.models.api;

import java.nio.file.Path;

/** A checkpoint or sidecar is missing, corrupt or inconsistent; the message starts with the file. */
public class ModelFileException extends RuntimeException {
    public ModelFileException(Path file, String detail) {
        super(file + ": " + detail);
    }

    public ModelFileException(Path file, String detail, Throwable cause) {
        super(file + ": " + detail, cause);
    }
}
