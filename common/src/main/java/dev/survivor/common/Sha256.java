package dev.survivor.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Lower-case hex SHA-256 of files and bytes (provenance in manifests, checkpoint integrity, cache keys). */
public final class Sha256 {
    private Sha256() {
    }

    /** The digest of a file's bytes; throws UncheckedIOException naming the file when it cannot be read. */
    public static String of(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = digest();
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The digest of a file, or null when it is missing, not a regular file or unreadable. */
    public static String ofOrNull(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            return null;
        }
        try {
            return of(file);
        } catch (UncheckedIOException e) {
            return null;
        }
    }

    public static String of(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
