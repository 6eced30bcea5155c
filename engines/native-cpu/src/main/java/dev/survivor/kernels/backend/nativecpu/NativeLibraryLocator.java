package dev.survivor.kernels.backend.nativecpu;

import dev.survivor.common.AtomicFiles;
import dev.survivor.common.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Finds the CPU kernel library like DJL's LibUtils: the path in {@code SURVIVOR_NATIVE_LIB} if set,
 * else the jar resource {@code native/linux-x86_64/libsurvivor_kernels.so} extracted once into a cache
 * folder named after the content hash (temp file + atomic move, so concurrent JVMs never see half a file).
 */
final class NativeLibraryLocator {
    static final String ENV_LIB = "SURVIVOR_NATIVE_LIB";
    static final String ENV_CACHE = "SURVIVOR_CACHE_DIR";
    static final String RESOURCE = "/native/linux-x86_64/libsurvivor_kernels.so";
    static final String FILE_NAME = "libsurvivor_kernels.so";

    private NativeLibraryLocator() {
    }

    /** Checks that this JVM runs on the platform the bundled library was built for; null when fine. */
    static String platformProblem() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!os.startsWith("linux")) {
            return "the native library is built for linux-x86_64 only; this is " + os + "-" + arch;
        }
        if (!arch.equals("amd64") && !arch.equals("x86_64")) {
            return "the native library is built for linux-x86_64 only; this is linux-" + arch;
        }
        return null;
    }

    /** The library file to load; throws IOException with a one-line reason when there is none. */
    static Path locate() throws IOException {
        String override = System.getenv(ENV_LIB);
        if (override != null && !override.isBlank()) {
            Path p = Path.of(override);
            if (!Files.isRegularFile(p)) {
                throw new IOException(ENV_LIB + "=" + override + " is not a file");
            }
            return p;
        }
        byte[] bytes;
        try (InputStream in = NativeLibraryLocator.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("library resource " + RESOURCE
                        + " is not on the class path (add the dev.survivor:native jar, or set " + ENV_LIB + ")");
            }
            bytes = in.readAllBytes();
        }
        Path dir = cacheRoot().resolve(hash(bytes));
        Path target = dir.resolve(FILE_NAME);
        if (Files.isRegularFile(target) && Files.size(target) == bytes.length) {
            return target;
        }
        try {
            AtomicFiles.writeBytes(target, bytes);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return target;
    }

    private static Path cacheRoot() {
        String env = System.getenv(ENV_CACHE);
        if (env != null && !env.isBlank()) {
            return Path.of(env, "native");
        }
        Path home = Path.of(System.getProperty("user.home", System.getProperty("java.io.tmpdir")));
        Path root = home.resolve(".cache").resolve("survivor-pipeline").resolve("native");
        if (Files.isWritable(home) || Files.isDirectory(root)) {
            return root;
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "survivor-pipeline-" + System.getProperty("user.name"),
                "native");
    }

    /** The first 8 bytes of the sha256, in hex: the cache folder of this build of the library. */
    private static String hash(byte[] bytes) {
        return Sha256.of(bytes).substring(0, 16);
    }
}
