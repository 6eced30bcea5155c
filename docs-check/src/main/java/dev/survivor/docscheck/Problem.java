package dev.survivor.docscheck;

import java.nio.file.Path;

/** One citation that does not resolve: where it is and what is wrong. */
public record Problem(Path file, int line, String message) {
    @Override
    public String toString() {
        return file + ":" + line + ": " + message;
    }
}
