package dev.survivor.kernels.backend.java;

import dev.survivor.kernels.api.ScoringKernel;
import dev.survivor.kernels.api.ScoringTask;
import dev.survivor.kernels.backend.BatchFutures;
import dev.survivor.kernels.features.FeatureCatalogue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pure-Java kernel for one task: the shared {@link TaskTables} plus a pool of per-thread
 * {@link SeedFeatures} workspaces. Each call is split over the backend's threads, which pull
 * small slices of seeds from a shared counter (so a thread slowed by a noisy neighbour does less).
 */
final class JavaScoringKernel implements ScoringKernel {
    private static final int C = FeatureCatalogue.COMPUTED_COUNT;
    /** Seeds per slice a thread takes at a time. */
    private static final int GRAIN = 8;

    private final ScoringTask task;
    private final TaskTables tables;
    private final ExecutorService pool;
    private final int threads;
    private final ConcurrentLinkedQueue<SeedFeatures> idle = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    JavaScoringKernel(ScoringTask task, ExecutorService pool, int threads) {
        this.task = task;
        this.tables = new TaskTables(task);
        this.pool = pool;
        this.threads = threads;
    }

    @Override
    public void features(long[] seeds, long[] skips, int count, double[] out) {
        check(seeds, count);
        if (skips != null) {
            if (skips.length < count) {
                throw new IllegalArgumentException("skips has " + skips.length + " entries, need " + count);
            }
            for (int i = 0; i < count; i++) {
                if (skips[i] < 0) {
                    throw new IllegalArgumentException("skip of seed " + Long.toUnsignedString(seeds[i]) + " is negative: " + skips[i]);
                }
            }
        }
        if (out.length < (long) count * C) {
            throw new IllegalArgumentException("output has room for " + out.length / C + " rows, need " + count);
        }
        // Each seed is scored on its own, so its features never depend on the rest of the batch.
        run(count, (w, i) -> w.compute(seeds[i], skips == null ? 0 : skips[i], out, i * C));
    }

    @Override
    public void matches(long[] seeds, long skip, int count, int[] out) {
        check(seeds, count);
        if (skip < 0) {
            throw new IllegalArgumentException("skip must be >= 0, got " + skip);
        }
        if (out.length < count) {
            throw new IllegalArgumentException("output has room for " + out.length + " seeds, need " + count);
        }
        run(count, (w, i) -> out[i] = w.matches(seeds[i], skip));
    }

    private void check(long[] seeds, int count) {
        if (closed) {
            throw new IllegalStateException("kernel is closed");
        }
        if (count < 0 || count > seeds.length) {
            throw new IllegalArgumentException("count " + count + " outside 0.." + seeds.length);
        }
    }

    private interface PerSeed {
        void apply(SeedFeatures worker, int index);
    }

    private void run(int count, PerSeed body) {
        int parts = Math.min(threads, (count + GRAIN - 1) / GRAIN);
        if (parts <= 1) {
            slice(count, new AtomicInteger(), body);
            return;
        }
        AtomicInteger next = new AtomicInteger();
        List<Future<Void>> futures = new ArrayList<>(parts);
        for (int i = 0; i < parts; i++) {
            Callable<Void> job = () -> {
                slice(count, next, body);
                return null;
            };
            futures.add(pool.submit(job));
        }
        BatchFutures.awaitAll(futures, "scoring");
    }

    private void slice(int count, AtomicInteger next, PerSeed body) {
        SeedFeatures w = idle.poll();
        if (w == null) {
            w = new SeedFeatures(tables, task.family().newStream());
        }
        try {
            int start;
            while ((start = next.getAndAdd(GRAIN)) < count) {
                int end = Math.min(count, start + GRAIN);
                for (int i = start; i < end; i++) {
                    body.apply(w, i);
                }
            }
        } finally {
            idle.offer(w);
        }
    }

    @Override
    public void close() {
        closed = true;
        idle.clear();
    }
}
