package dev.survivor.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;

/** Guards for the paths a command writes: never over one of its own inputs; whole trees removed cleanly. */
public final class OutputPaths {
    private OutputPaths() {
    }

    /**
     * Refuses to write {@code output} when it is one of the command's {@code inputs} (the same file by real path,
     * hard links included): no command may write over its own input.
     */
    public static void refuseOverwrite(Path output, String outputOption, Path... inputs) {
        if (!Files.exists(output)) {
            return;
        }
        for (Path in : inputs) {
            try {
                if (in != null && Files.exists(in) && Files.isSameFile(output, in)) {
                    throw new IllegalArgumentException(output + " (" + outputOption + ") is also an input of this "
                            + "command (" + in + "); writing it would destroy the input: choose another output");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot compare " + output + " with " + in, e);
            }
        }
    }

    /** Deletes a file or a whole folder tree (links are removed, not followed); a missing path is fine. */
    public static void deleteRecursively(Path p) {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + p + ": " + e.getMessage(), e);
        }
    }
}
