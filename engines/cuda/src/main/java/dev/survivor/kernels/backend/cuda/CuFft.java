package dev.survivor.kernels.backend.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * Hand-written Panama bindings to the five cuFFT calls the backend needs (JCufft exists here only for
 * CUDA 11): cufftPlanMany, cufftExecD2Z, cufftSetStream, cufftDestroy, cufftGetVersion. Opened lazily;
 * {@link #open} throws IllegalStateException with the libraries tried.
 */
final class CuFft {
    static final int CUFFT_D2Z = 0x6a;
    private static final String[] CANDIDATES = {
        "libcufft.so.12", "libcufft.so.11", "libcufft.so",
        "/usr/local/cuda/lib64/libcufft.so.12", "/usr/local/cuda/lib64/libcufft.so.11",
        "/usr/local/cuda/lib64/libcufft.so", "/usr/local/cuda-13.0/lib64/libcufft.so.12",
    };

    final String library;
    final int version;
    private final MethodHandle planMany;
    private final MethodHandle execD2Z;
    private final MethodHandle setStream;
    private final MethodHandle destroy;

    private CuFft(String library, SymbolLookup lib) throws Throwable {
        this.library = library;
        Linker l = Linker.nativeLinker();
        planMany = l.downcallHandle(find(lib, "cufftPlanMany"), FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT,
                ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
        execD2Z = l.downcallHandle(find(lib, "cufftExecD2Z"), FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
        setStream = l.downcallHandle(find(lib, "cufftSetStream"), FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
        destroy = l.downcallHandle(find(lib, "cufftDestroy"), FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        MethodHandle getVersion = l.downcallHandle(find(lib, "cufftGetVersion"), FunctionDescriptor.of(JAVA_INT, ADDRESS));
        try (Arena a = Arena.ofConfined()) {
            MemorySegment v = a.allocate(JAVA_INT);
            int rc = (int) getVersion.invokeExact(v);
            version = rc == 0 ? v.get(JAVA_INT, 0) : -1;
        }
    }

    private static MemorySegment find(SymbolLookup lib, String name) {
        return lib.find(name).orElseThrow(() -> new IllegalStateException("cuFFT symbol " + name + " missing"));
    }

    static CuFft open() {
        List<String> tried = new ArrayList<>();
        for (String c : CANDIDATES) {
            SymbolLookup lib;
            try {
                lib = c.startsWith("/") ? SymbolLookup.libraryLookup(java.nio.file.Path.of(c), Arena.global())
                        : SymbolLookup.libraryLookup(c, Arena.global());
            } catch (IllegalArgumentException e) {
                tried.add(c);
                continue;
            }
            try {
                return new CuFft(c, lib);
            } catch (Throwable t) {
                throw new IllegalStateException("cuFFT library " + c + " is unusable: " + t.getMessage(), t);
            }
        }
        throw new IllegalStateException("cuFFT not found; tried " + String.join(", ", tried));
    }

    /** A batched D2Z plan of length n, rows contiguous (idist n, odist n/2+1), on the default stream. */
    int plan(int n, int batch) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment handle = a.allocate(JAVA_INT);
            MemorySegment dims = a.allocateFrom(JAVA_INT, n);
            int rc = (int) planMany.invokeExact(handle, 1, dims, MemorySegment.NULL, 1, n, MemorySegment.NULL, 1,
                    n / 2 + 1, CUFFT_D2Z, batch);
            check(rc, "cufftPlanMany(n=" + n + ", batch=" + batch + ")");
            int h = handle.get(JAVA_INT, 0);
            check((int) setStream.invokeExact(h, MemorySegment.NULL), "cufftSetStream");
            return h;
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("cufftPlanMany failed", t);
        }
    }

    void exec(int plan, long in, long out) {
        try {
            check((int) execD2Z.invokeExact(plan, MemorySegment.ofAddress(in), MemorySegment.ofAddress(out)),
                    "cufftExecD2Z");
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("cufftExecD2Z failed", t);
        }
    }

    void destroy(int plan) {
        try {
            int rc = (int) destroy.invokeExact(plan);
            check(rc, "cufftDestroy");
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("cufftDestroy failed", t);
        }
    }

    private static void check(int rc, String what) {
        if (rc != 0) {
            throw new IllegalStateException(what + " returned cufftResult " + rc);
        }
    }
}
