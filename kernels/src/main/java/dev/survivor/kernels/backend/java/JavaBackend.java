package dev.survivor.kernels.backend.java;

import dev.survivor.kernels.api.ScoringBackend;
import dev.survivor.kernels.api.ScoringKernel;
import dev.survivor.kernels.api.ScoringTask;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** The pure-Java oracle backend: a fixed pool of daemon threads shared by its kernels. */
public final class JavaBackend implements ScoringBackend {
    private static final AtomicInteger POOLS = new AtomicInteger();
    private final int threads;
    private final ExecutorService pool;

    public JavaBackend(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        int id = POOLS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "java-backend-" + id + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.pool = Executors.newFixedThreadPool(threads, factory);
    }

    @Override
    public String name() {
        return JavaBackendProvider.NAME;
    }

    @Override
    public String description() {
        return "pure Java (JTransforms FFT + Bluestein), " + threads + " thread" + (threads == 1 ? "" : "s")
                + ", Java " + Runtime.version();
    }

    public int threads() {
        return threads;
    }

    @Override
    public ScoringKernel prepare(ScoringTask task) {
        if (pool.isShutdown()) {
            throw new IllegalStateException("backend is closed");
        }
        return new JavaScoringKernel(task, pool, threads);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
