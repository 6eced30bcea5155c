package dev.survivor.kernels.backend.nativecpu;

import dev.survivor.common.AtomicFiles;
import dev.survivor.common.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Finds the CPU kernel library and the FFTW it was linked against (both built for linux-x86_64 and shipped
 * side by side), like DJL's LibUtils:
 * <ol>
 *   <li>{@code SURVIVOR_NATIVE_LIB}: a kernel library file; FFTW is taken from beside it;</li>
 *   <li>the system property {@code survivor.native.dir}: a folder holding both (the release bundle's
 *       {@code lib/native}, nothing is extracted);</li>
 *   <li>the jar resources {@code native/linux-x86_64/}, extracted once into a cache folder named after
 *       their content hash (temp file + atomic move, so concurrent JVMs never see half a file).</li>
 * </ol>
 */
final class NativeLibraryLocator {
    static final String ENV_LIB = "SURVIVOR_NATIVE_LIB";
    static final String ENV_CACHE = "SURVIVOR_CACHE_DIR";
    static final String DIR_PROPERTY = "survivor.native.dir";
    static final String RESOURCE_DIR = "/native/linux-x86_64/";
    static final String FILE_NAME = "libsurvivor_kernels.so";
    static final String FFTW_FILE_NAME = "libfftw3.so.3";

    /** The kernel library and the FFTW to load (by path, before it). */
    record Located(Path library, Path fftw) {
    }

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

    /** The files to load; throws IOException with a one-line reason when there are none. */
    static Located locate() throws IOException {
        String override = System.getenv(ENV_LIB);
        if (override != null && !override.isBlank()) {
            Path p = Path.of(override).toAbsolutePath();
            if (!Files.isRegularFile(p)) {
                throw new IOException(ENV_LIB + "=" + override + " is not a file");
            }
            return new Located(p, existing(p.resolveSibling(FFTW_FILE_NAME), ENV_LIB + "=" + override));
        }
        String dir = System.getProperty(DIR_PROPERTY);
        if (dir != null && !dir.isBlank()) {
            Path d = Path.of(dir).toAbsolutePath();
            String origin = "-D" + DIR_PROPERTY + "=" + dir;
            return new Located(existing(d.resolve(FILE_NAME), origin), existing(d.resolve(FFTW_FILE_NAME), origin));
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : new String[] {FILE_NAME, FFTW_FILE_NAME}) {
            files.put(name, resource(name));
        }
        Path target = cacheRoot().resolve(hash(files));
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            extract(target, f.getKey(), f.getValue());
        }
        return new Located(target.resolve(FILE_NAME), target.resolve(FFTW_FILE_NAME));
    }

    /** The bytes of one bundled library file (what {@link #locate} extracts); for checks that the right one loaded. */
    static byte[] resource(String name) throws IOException {
        try (InputStream in = NativeLibraryLocator.class.getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) {
                throw new IOException("library resource " + RESOURCE_DIR + name
                        + " is not on the class path (add the dev.survivor:native jar, or set " + ENV_LIB + ")");
            }
            return in.readAllBytes();
        }
    }

    private static Path existing(Path file, String origin) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " is missing (from " + origin + ")");
        }
        return file;
    }

    private static void extract(Path dir, String name, byte[] bytes) throws IOException {
        Path target = dir.resolve(name);
        if (Files.isRegularFile(target) && Files.size(target) == bytes.length) {
            return;
        }
        try {
            AtomicFiles.writeBytes(target, bytes);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
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

    /** The first 8 bytes of the sha256 of the files' names and bytes, in hex: the cache folder of this build. */
    private static String hash(Map<String, byte[]> files) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        files.forEach((name, bytes) -> {
            all.writeBytes(name.getBytes(StandardCharsets.UTF_8));
            all.writeBytes(bytes);
        });
        return Sha256.of(all.toByteArray()).substring(0, 16);
    }
}
