package dev.survivor.kernels.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Opens a survivors file by content: NPZ (a zip, magic {@code PK}) or JSON. */
public final class SurvivorSources {
    private SurvivorSources() {
    }

    public static SurvivorSource open(Path file) {
        return isZip(file) ? NpzSurvivorReader.open(file) : SurvivorReader.open(file);
    }

    /** Number of survivors, without building them (for progress totals). */
    public static long count(Path file) {
        return isZip(file) ? NpzSurvivorReader.count(file) : SurvivorReader.count(file);
    }

    static boolean isZip(Path file) {
        if (!Files.isRegularFile(file)) {
            return false; // the JSON reader reports missing files and directories
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(2);
            return head.length == 2 && head[0] == 'P' && head[1] == 'K';
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new InputFileException(file, "cannot read: " + e.getMessage(), e);
        }
    }
}
