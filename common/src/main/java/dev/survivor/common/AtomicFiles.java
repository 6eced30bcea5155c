package dev.survivor.common;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes files so that a reader sees either the old file or the complete new one, never half: the
 * content goes to a temporary file in the target's folder, is synced to disk, and is renamed over the
 * target (atomically where the file system allows it); the folder is synced after the rename. On any
 * failure the temporary file is deleted and the target is left as it was.
 *
 * <p>Files come out {@code rw-r--r--} like any other output (temporary files are created owner-only);
 * {@link #writePrivate} keeps them {@code rw-------} for secrets.
 */
public final class AtomicFiles {
    private static final String PUBLIC = "rw-r--r--";
    private static final String PRIVATE = "rw-------";

    private AtomicFiles() {
    }

    /** Writes the whole content to the given stream (closing it is allowed). */
    @FunctionalInterface
    public interface Body {
        void write(OutputStream out) throws IOException;
    }

    /** Fills the given temporary file itself, for libraries that only write to a path. */
    @FunctionalInterface
    public interface PathBody {
        void write(Path tmp) throws Exception;
    }

    public static void write(Path target, Body body) {
        write(target, body, PUBLIC);
    }

    /** Like {@link #write(Path, Body)}, readable by the owner only from the first byte on (tokens, keys). */
    public static void writePrivate(Path target, Body body) {
        write(target, body, PRIVATE);
    }

    public static void writeString(Path target, String text) {
        writeBytes(target, text.getBytes(StandardCharsets.UTF_8));
    }

    public static void writeBytes(Path target, byte[] bytes) {
        write(target, out -> out.write(bytes));
    }

    /** The body writes the temporary file by path; a RuntimeException it throws passes through unchanged. */
    public static void writeVia(Path target, PathBody body) {
        Path tmp = null;
        try {
            tmp = tempFor(target);
            body.write(tmp);
            commit(tmp, target);
        } catch (RuntimeException e) {
            deleteQuietly(tmp);
            throw e;
        } catch (Exception e) {
            deleteQuietly(tmp);
            throw failed(target, e);
        }
    }

    public static void copy(Path source, Path target) {
        writeVia(target, tmp -> Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING));
    }

    /**
     * A new empty temporary file beside {@code target} (its folder is created), named
     * {@code .<target name>.<random>.part}, for writers that fill it over time and then {@link #commit}.
     */
    public static Path tempFor(Path target) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        return Files.createTempFile(dir, "." + abs.getFileName() + ".", ".part");
    }

    /** Syncs {@code tmp} to disk, makes it readable like any output and renames it over {@code target}. */
    public static void commit(Path tmp, Path target) throws IOException {
        commit(tmp, target, PUBLIC);
    }

    private static void write(Path target, Body body, String permissions) {
        Path tmp = null;
        try {
            tmp = tempFor(target);
            permissions(tmp, permissions);
            try (OutputStream out = Files.newOutputStream(tmp)) {
                body.write(out);
            }
            commit(tmp, target, permissions);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw failed(target, e);
        } catch (RuntimeException e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    private static void commit(Path tmp, Path target, String permissions) throws IOException {
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        permissions(tmp, permissions);
        move(tmp, target);
        syncFolder(target.toAbsolutePath().getParent());
    }

    /** Renames {@code source} over {@code target}, atomically where the file system allows it. */
    public static void move(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void permissions(Path p, String rwx) throws IOException {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(rwx));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: keep its defaults
        }
    }

    /** Makes the rename itself durable; not every OS/file system can sync a folder, which is then skipped. */
    private static void syncFolder(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // the rename is done; only its durability across a power cut is left to the file system
        }
    }

    private static UncheckedIOException failed(Path target, Exception e) {
        IOException io = e instanceof IOException x ? x : new IOException(e.getMessage(), e);
        return new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), io);
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // best effort: the temporary file has a dot name and a .part suffix
            }
        }
    }
}
