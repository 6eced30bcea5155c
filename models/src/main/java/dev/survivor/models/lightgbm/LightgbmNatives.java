package dev.survivor.models.lightgbm;

import io.github.metarank.lightgbm4j.LGBMBooster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads lightgbm4j's natives from a private folder. lightgbm4j extracts them to fixed names
 * directly in java.io.tmpdir ({@code lib_lightgbm.so}, {@code lib_lightgbm_swig.so}), so a second
 * JVM starting later rewrites the very file a running JVM has mapped, and the running one crashes
 * (SIGSEGV in lightgbmlibJNI, or at exit). We point java.io.tmpdir at a fresh folder only while
 * lightgbm4j extracts, then delete the files (the mapping stays valid on Linux).
 */
final class LightgbmNatives {
    private static boolean loaded;

    private LightgbmNatives() {
    }

    /**
     * Must run before any lightgbm4j class is touched: LGBMBooster's static initialiser already
     * extracts and loads the natives.
     */
    static synchronized void ensureLoaded() {
        if (loaded) {
            return;
        }
        String tmp = System.getProperty("java.io.tmpdir");
        Path dir;
        try {
            dir = Files.createTempDirectory(Path.of(tmp), "survivor-lightgbm-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for the LightGBM natives in " + tmp, e);
        }
        System.setProperty("java.io.tmpdir", dir.toString());
        try {
            LGBMBooster.loadNative();
            loaded = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the LightGBM natives: " + e.getMessage(), e);
        } finally {
            System.setProperty("java.io.tmpdir", tmp);
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                dir.toFile().deleteOnExit();
            }
        }
    }
}
