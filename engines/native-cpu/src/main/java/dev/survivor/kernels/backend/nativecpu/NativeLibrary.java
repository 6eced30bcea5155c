package dev.survivor.kernels.backend.nativecpu;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The loaded CPU kernel library (libsurvivor_kernels.so) and its downcall handles. Loaded once per
 * JVM on first use; a failure is remembered and reported as the same one-line reason every time.
 */
final class NativeLibrary {
    static final int ABI_VERSION = 1;
    private static final String FFTW_SONAME = "libfftw3.so.3";

    private static volatile Object state;   // NativeLibrary or String (the reason it is unavailable)

    final Path path;
    final String variant;
    final String fftwVersion;
    final MethodHandle taskNew;
    final MethodHandle taskFree;
    final MethodHandle workspaceNew;
    final MethodHandle workspaceFree;
    final MethodHandle features;
    final MethodHandle matches;

    private NativeLibrary(Path path, SymbolLookup lib) throws Throwable {
        this.path = path;
        Linker linker = Linker.nativeLinker();
        int abi = (int) handle(linker, lib, "ss_abi_version", FunctionDescriptor.of(JAVA_INT)).invokeExact();
        if (abi != ABI_VERSION) {
            throw new IllegalStateException("library ABI " + abi + " does not match the Java side (" + ABI_VERSION + ")");
        }
        int computed = (int) handle(linker, lib, "ss_computed_count", FunctionDescriptor.of(JAVA_INT)).invokeExact();
        if (computed != dev.survivor.kernels.features.FeatureCatalogue.COMPUTED_COUNT) {
            throw new IllegalStateException("library computes " + computed + " features, the catalogue has "
                    + dev.survivor.kernels.features.FeatureCatalogue.COMPUTED_COUNT);
        }
        MemorySegment v = (MemorySegment) handle(linker, lib, "ss_variant", FunctionDescriptor.of(ADDRESS)).invokeExact();
        this.variant = v.reinterpret(256).getString(0);
        MemorySegment f = (MemorySegment) handle(linker, lib, "ss_fftw_version", FunctionDescriptor.of(ADDRESS)).invokeExact();
        this.fftwVersion = f.reinterpret(256).getString(0);
        this.taskNew = handle(linker, lib, "ss_task_new", FunctionDescriptor.of(ADDRESS, JAVA_INT, JAVA_INT, ADDRESS,
                JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_DOUBLE, JAVA_INT, ADDRESS, JAVA_INT));
        this.taskFree = handle(linker, lib, "ss_task_free", FunctionDescriptor.ofVoid(ADDRESS));
        this.workspaceNew = handle(linker, lib, "ss_workspace_new", FunctionDescriptor.of(ADDRESS, ADDRESS));
        this.workspaceFree = handle(linker, lib, "ss_workspace_free", FunctionDescriptor.ofVoid(ADDRESS));
        this.features = handle(linker, lib, "ss_features", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS,
                ADDRESS, JAVA_INT, ADDRESS));
        this.matches = handle(linker, lib, "ss_matches", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS,
                JAVA_LONG, JAVA_INT, ADDRESS));
    }

    static MethodHandle handle(Linker linker, SymbolLookup lib, String name, FunctionDescriptor fd) {
        MemorySegment addr = lib.find(name).orElseThrow(() ->
                new IllegalStateException("symbol " + name + " missing from the native library"));
        return linker.downcallHandle(addr, fd);
    }

    /** The library, or a one-line reason why it cannot be used (never throws). */
    static Object load() {
        Object s = state;
        if (s != null) {
            return s;
        }
        synchronized (NativeLibrary.class) {
            if (state == null) {
                state = tryLoad();
            }
            return state;
        }
    }

    /** The loaded library; throws with the reason when unavailable. */
    static NativeLibrary get() {
        Object s = load();
        if (s instanceof NativeLibrary lib) {
            return lib;
        }
        throw new dev.survivor.kernels.api.BackendUnavailableException("native backend unavailable: " + s);
    }

    private static Object tryLoad() {
        String platform = NativeLibraryLocator.platformProblem();
        if (platform != null) {
            return platform;
        }
        try {
            SymbolLookup.libraryLookup(FFTW_SONAME, Arena.global());
        } catch (IllegalArgumentException e) {
            return FFTW_SONAME + " not found (install the Debian/Ubuntu package libfftw3-double3 or libfftw3-dev)";
        }
        Path path;
        try {
            path = NativeLibraryLocator.locate();
        } catch (java.io.IOException | RuntimeException e) {
            return "cannot provide " + NativeLibraryLocator.FILE_NAME + ": " + e.getMessage();
        }
        SymbolLookup lib;
        try {
            lib = SymbolLookup.libraryLookup(path, Arena.global());
        } catch (IllegalArgumentException | IllegalCallerException e) {
            return "cannot load " + path + ": " + e.getMessage();
        }
        try {
            return new NativeLibrary(path, lib);
        } catch (Throwable e) {
            return "library " + path + " is unusable: " + e.getMessage();
        }
    }

    Map<String, String> details() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("library", path.toString());
        d.put("isa", variant);
        d.put("fft", "FFTW " + fftwVersion.replaceFirst("^fftw-", ""));
        d.put("processors", Integer.toString(Runtime.getRuntime().availableProcessors()));
        return d;
    }
}
