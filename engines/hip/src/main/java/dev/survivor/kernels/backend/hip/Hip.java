package dev.survivor.kernels.backend.hip;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

/**
 * Hand-written Panama bindings to the HIP runtime (libamdhip64), hiprtc (libhiprtc on ROCm >= 6,
 * inside libamdhip64 on 5.x) and hipFFT: exactly the calls the hip backend makes. Every call returns
 * the status or throws IllegalStateException naming the call and HIP's error string.
 */
final class Hip {
    static final NativeLib RUNTIME = new NativeLib("HIP runtime (libamdhip64)", "libamdhip64.so.7", "libamdhip64.so.6",
            "libamdhip64.so.5", "libamdhip64.so", "/opt/rocm/lib/libamdhip64.so");
    static final NativeLib RTC = new NativeLib("hiprtc", "libhiprtc.so.7", "libhiprtc.so.6", "libhiprtc.so",
            "/opt/rocm/lib/libhiprtc.so", "libamdhip64.so.5", "libamdhip64.so");
    static final NativeLib FFT = new NativeLib("hipFFT (libhipfft)", "libhipfft.so.0", "libhipfft.so",
            "/opt/rocm/lib/libhipfft.so");
    static final int HIPFFT_D2Z = 0x6a;

    private Hip() {
    }

    static int call(NativeLib lib, String fn, FunctionDescriptor fd, Object... args) {
        try {
            return (int) lib.fn(fn, fd).invokeWithArguments(args);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(fn + " failed: " + t, t);
        }
    }

    static String errorString(int rc) {
        try {
            MemorySegment s = (MemorySegment) RUNTIME.fn("hipGetErrorString", FunctionDescriptor.of(ADDRESS, JAVA_INT))
                    .invokeExact(rc);
            return s.equals(MemorySegment.NULL) ? "error " + rc : s.reinterpret(256).getString(0) + " (" + rc + ")";
        } catch (Throwable t) {
            return "error " + rc;
        }
    }

    static void check(int rc, String what) {
        if (rc != 0) {
            throw new IllegalStateException(what + " failed: " + errorString(rc));
        }
    }

    static final FunctionDescriptor I_I = FunctionDescriptor.of(JAVA_INT, JAVA_INT);
    static final FunctionDescriptor I_P = FunctionDescriptor.of(JAVA_INT, ADDRESS);
    static final FunctionDescriptor I_PP = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS);
    static final FunctionDescriptor I_PPP = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
    static final FunctionDescriptor I_PPL = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG);
    static final FunctionDescriptor I_PL = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG);
    static final FunctionDescriptor I_PIL = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_LONG);
    static final FunctionDescriptor I_V = FunctionDescriptor.of(JAVA_INT);
    static final FunctionDescriptor I_PII = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT);
    static final FunctionDescriptor LAUNCH = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT,
            JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
    static final FunctionDescriptor RTC_CREATE = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT,
            ADDRESS, ADDRESS);
    static final FunctionDescriptor RTC_COMPILE = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS);
    static final FunctionDescriptor FFT_PLAN_MANY = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS,
            JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT);

    /** An int out-parameter call: returns the value or throws. */
    static int intOut(NativeLib lib, String fn) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment v = a.allocate(JAVA_INT);
            check(call(lib, fn, I_P, v), fn);
            return v.get(JAVA_INT, 0);
        }
    }

    static String deviceName(int ordinal) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(256);
            check(call(RUNTIME, "hipDeviceGetName", I_PII, buf, 256, ordinal), "hipDeviceGetName");
            return buf.getString(0, StandardCharsets.US_ASCII);
        }
    }
}
