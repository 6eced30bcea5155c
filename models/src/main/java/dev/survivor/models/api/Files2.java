package dev.survivor.models.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Atomic writes: a temporary file in the target's folder, then a rename, so nothing is left half-written. */
public final class Files2 {
    private Files2() {
    }

    @FunctionalInterface
    public interface Writer {
        void write(Path tmp) throws Exception;
    }

    public static void writeAtomically(Path target, Writer writer) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            writer.write(tmp);
            force(tmp);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (RuntimeException e) {
            deleteQuietly(tmp);
            throw e;
        } catch (Exception e) {
            deleteQuietly(tmp);
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            IOException io = e instanceof IOException ioe ? ioe : new IOException(why, e);
            throw new UncheckedIOException("cannot write " + target + ": " + why, io);
        }
    }

    public static void writeString(Path target, String text) {
        writeAtomically(target, tmp -> Files.writeString(tmp, text));
    }

    public static void copyAtomically(Path source, Path target) {
        writeAtomically(target, tmp -> Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING));
    }

    /** Lower-case hex SHA-256 of a file's bytes (detects a truncated or swapped checkpoint). */
    public static String sha256(Path file) {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * Refuses to write {@code output} when it is one of the command's {@code inputs} (same file by real path, hard
     * links included): no command may write over its own input.
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

    /** Flushes a file's bytes to the device, so that a rename never publishes a file a crash could empty. */
    public static void force(Path file) throws IOException {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    /** Deletes a file or a whole folder tree; a missing path is fine. */
    public static void deleteRecursively(Path p) {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var walk = Files.walk(p)) {
            for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + p + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // best effort: the temp file has a dot name and a .tmp suffix
            }
        }
    }
}
