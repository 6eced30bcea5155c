package dev.survivor.kernels.backend.nativecpu;

import dev.survivor.kernels.api.ScoringBackend;
import dev.survivor.kernels.api.ScoringKernel;
import dev.survivor.kernels.api.ScoringTask;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** The native CPU backend: a pool of worker threads, each running the library on its own workspace. */
public final class NativeCpuBackend implements ScoringBackend {
    /** System property choosing FFTW's planner effort: estimate, measure (default) or patient. */
    public static final String PLANNER_PROPERTY = "survivor.native.fftw";

    private final NativeLibrary lib;
    private final int threads;
    private final ExecutorService pool;

    NativeCpuBackend(NativeLibrary lib, int threads) {
        this.lib = lib;
        this.threads = threads;
        AtomicInteger n = new AtomicInteger();
        ThreadFactory tf = r -> {
            Thread t = new Thread(r, "native-kernel-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.pool = threads > 1 ? Executors.newFixedThreadPool(threads, tf) : null;
    }

    @Override
    public String name() {
        return NativeCpuBackendProvider.NAME;
    }

    @Override
    public String description() {
        return "native CPU kernels (" + lib.variant + ", " + lib.fftwVersion + ") on " + threads + " thread"
                + (threads == 1 ? "" : "s") + " from " + lib.path;
    }

    @Override
    public ScoringKernel prepare(ScoringTask task) {
        return new NativeCpuKernel(lib, task, pool, threads, plannerEffort());
    }

    static int plannerEffort() {
        String p = System.getProperty(PLANNER_PROPERTY, "measure");
        return switch (p) {
            case "estimate" -> 0;
            case "measure" -> 1;
            case "patient" -> 2;
            default -> throw new IllegalArgumentException("system property " + PLANNER_PROPERTY + "=" + p
                    + " is not one of estimate, measure, patient");
        };
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
