package dev.survivor.kernels.backend.hip;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Compiles the kernel source (kernels.cu and its headers, bundled as resources by the native module)
 * with hiprtc for a gfx target: the same text g++ and nvcc compile. hiprtc 5.2 aborts the process for
 * targets it does not know, so callers pass real device targets (or null: the current device's).
 */
final class HipRtc {
    static final String SOURCE_DIR = "/native/cuda/src/";
    static final List<String> HEADERS = List.of("ss_compat.h", "ss_prng.h", "ss_features.h");

    private HipRtc() {
    }

    static String resource(String name) {
        try (InputStream in = HipRtc.class.getResourceAsStream(SOURCE_DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("kernel source " + SOURCE_DIR + name + " is not on the class path "
                        + "(add the dev.survivor:native jar)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + SOURCE_DIR + name, e);
        }
    }

    /** hiprtc's version as "major.minor". */
    static String version() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment major = a.allocate(JAVA_INT);
            MemorySegment minor = a.allocate(JAVA_INT);
            Hip.check(Hip.call(Hip.RTC, "hiprtcVersion", Hip.I_PP, major, minor), "hiprtcVersion");
            return major.get(JAVA_INT, 0) + "." + minor.get(JAVA_INT, 0);
        }
    }

    /** The code object for {@code arch} (e.g. gfx90a; null = let hiprtc use the current device's). */
    static byte[] compile(String arch) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment prog = a.allocate(ADDRESS);
            MemorySegment src = a.allocateFrom(resource("kernels.cu"));
            MemorySegment bodies = a.allocate(ADDRESS, HEADERS.size());
            MemorySegment names = a.allocate(ADDRESS, HEADERS.size());
            for (int i = 0; i < HEADERS.size(); i++) {
                bodies.setAtIndex(ADDRESS, i, a.allocateFrom(resource(HEADERS.get(i))));
                names.setAtIndex(ADDRESS, i, a.allocateFrom(HEADERS.get(i)));
            }
            Hip.check(Hip.call(Hip.RTC, "hiprtcCreateProgram", Hip.RTC_CREATE, prog, src, a.allocateFrom("kernels.cu"),
                    HEADERS.size(), bodies, names), "hiprtcCreateProgram");
            MemorySegment p = prog.get(ADDRESS, 0);
            try {
                List<String> opts = arch == null ? List.of("-O3", "-ffp-contract=off")
                        : List.of("--offload-arch=" + arch, "-O3", "-ffp-contract=off");
                MemorySegment o = a.allocate(ADDRESS, opts.size());
                for (int i = 0; i < opts.size(); i++) {
                    o.setAtIndex(ADDRESS, i, a.allocateFrom(opts.get(i)));
                }
                int rc = Hip.call(Hip.RTC, "hiprtcCompileProgram", Hip.RTC_COMPILE, p, opts.size(), o);
                if (rc != 0) {
                    throw new IllegalStateException("hiprtc could not compile kernels.cu for " + (arch == null
                            ? "the current device" : arch) + " (status " + rc + "):\n" + log(a, p));
                }
                MemorySegment size = a.allocate(JAVA_LONG);
                Hip.check(Hip.call(Hip.RTC, "hiprtcGetCodeSize", Hip.I_PP, p, size), "hiprtcGetCodeSize");
                MemorySegment code = a.allocate(size.get(JAVA_LONG, 0));
                Hip.check(Hip.call(Hip.RTC, "hiprtcGetCode", Hip.I_PP, p, code), "hiprtcGetCode");
                return code.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
            } finally {
                MemorySegment holder = a.allocate(ADDRESS);
                holder.set(ADDRESS, 0, p);
                Hip.call(Hip.RTC, "hiprtcDestroyProgram", Hip.I_P, holder);
            }
        }
    }

    private static String log(Arena a, MemorySegment prog) {
        MemorySegment size = a.allocate(JAVA_LONG);
        if (Hip.call(Hip.RTC, "hiprtcGetProgramLogSize", Hip.I_PP, prog, size) != 0) {
            return "(no log)";
        }
        MemorySegment buf = a.allocate(size.get(JAVA_LONG, 0) + 1);
        Hip.call(Hip.RTC, "hiprtcGetProgramLog", Hip.I_PP, prog, buf);
        return buf.getString(0);
    }
}
