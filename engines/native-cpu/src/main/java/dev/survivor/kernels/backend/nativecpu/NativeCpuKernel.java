package dev.survivor.kernels.backend.nativecpu;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.survivor.kernels.api.ScoringKernel;
import dev.survivor.kernels.api.ScoringTask;
import dev.survivor.kernels.backend.BatchFutures;
import dev.survivor.kernels.backend.KernelFamilyIds;
import dev.survivor.kernels.features.FeatureCatalogue;
import dev.survivor.kernels.features.ScorerConfig;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One prepared task in the native library (history tables, FFTW plans) plus a pool of per-thread
 * workspaces with off-heap staging buffers. A call is cut into slices of {@link #GRAIN} seeds that
 * the threads pull from a shared counter.
 */
final class NativeCpuKernel implements ScoringKernel {
    private static final int C = FeatureCatalogue.COMPUTED_COUNT;
    /** Seeds per downcall: even (two seeds share one FFT), large enough to hide the call cost. */
    static final int GRAIN = 16;

    private final NativeLibrary lib;
    private final ExecutorService pool;
    private final int threads;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment task;
    private final ConcurrentLinkedQueue<Workspace> idle = new ConcurrentLinkedQueue<>();
    private final List<Workspace> all = new ArrayList<>();
    private volatile boolean closed;

    /** A library workspace and the staging buffers one thread uses for one slice. */
    private final class Workspace {
        final MemorySegment ws;
        final MemorySegment seeds = arena.allocate(JAVA_LONG, GRAIN);
        final MemorySegment skips = arena.allocate(JAVA_LONG, GRAIN);
        final MemorySegment out = arena.allocate(JAVA_DOUBLE, (long) GRAIN * C);
        final MemorySegment hits = arena.allocate(JAVA_INT, GRAIN);

        Workspace() {
            try {
                ws = (MemorySegment) lib.workspaceNew.invokeExact(task);
            } catch (Throwable t) {
                throw new IllegalStateException("ss_workspace_new failed", t);
            }
            if (ws.equals(MemorySegment.NULL)) {
                throw new OutOfMemoryError("native workspace allocation failed");
            }
        }
    }

    NativeCpuKernel(NativeLibrary lib, ScoringTask t, ExecutorService pool, int threads, int planner) {
        this.lib = lib;
        this.pool = pool;
        this.threads = threads;
        ScorerConfig cfg = t.config();
        int[] history = t.history();
        MemorySegment h = arena.allocate(JAVA_INT, Math.max(1, history.length));
        MemorySegment.copy(history, 0, h, JAVA_INT, 0, history.length);
        MemorySegment mods = arena.allocate(JAVA_INT, 3);
        for (int i = 0; i < 3; i++) {
            mods.setAtIndex(JAVA_INT, i, cfg.residueMod(i));
        }
        MemorySegment err = arena.allocate(512);
        MemorySegment handle;
        try {
            handle = (MemorySegment) lib.taskNew.invokeExact(KernelFamilyIds.of(t.family()), t.mod(), h,
                    history.length, mods, cfg.windowSize(), cfg.numWindows(), cfg.minConfidence(), planner, err, 512);
        } catch (Throwable e) {
            arena.close();
            throw new IllegalStateException("ss_task_new failed", e);
        }
        if (handle.equals(MemorySegment.NULL)) {
            String msg = err.getString(0, StandardCharsets.UTF_8);
            arena.close();
            throw new IllegalArgumentException("native backend cannot prepare the task: " + msg);
        }
        this.task = handle;
    }

    @Override
    public void features(long[] seeds, long[] skips, int count, double[] out) {
        check(seeds, count);
        if (skips != null && skips.length < count) {
            throw new IllegalArgumentException("skips has " + skips.length + " entries, need " + count);
        }
        if (out.length < (long) count * C) {
            throw new IllegalArgumentException("output has room for " + out.length / C + " rows, need " + count);
        }
        run(count, (w, start, n) -> {
            MemorySegment.copy(seeds, start, w.seeds, JAVA_LONG, 0, n);
            MemorySegment sk = MemorySegment.NULL;
            if (skips != null) {
                MemorySegment.copy(skips, start, w.skips, JAVA_LONG, 0, n);
                sk = w.skips;
            }
            int rc = (int) lib.features.invokeExact(task, w.ws, w.seeds, sk, n, w.out);
            if (rc != 0) {
                throw new IllegalStateException("ss_features returned " + rc);
            }
            MemorySegment.copy(w.out, JAVA_DOUBLE, 0, out, start * C, n * C);
        });
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
        run(count, (w, start, n) -> {
            MemorySegment.copy(seeds, start, w.seeds, JAVA_LONG, 0, n);
            int rc = (int) lib.matches.invokeExact(task, w.ws, w.seeds, skip, n, w.hits);
            if (rc != 0) {
                throw new IllegalStateException("ss_matches returned " + rc);
            }
            MemorySegment.copy(w.hits, JAVA_INT, 0, out, start, n);
        });
    }

    private void check(long[] seeds, int count) {
        if (closed) {
            throw new IllegalStateException("kernel is closed");
        }
        if (count < 0 || count > seeds.length) {
            throw new IllegalArgumentException("count " + count + " outside 0.." + seeds.length);
        }
    }

    private interface Slice {
        void apply(Workspace w, int start, int n) throws Throwable;
    }

    private void run(int count, Slice body) {
        int parts = pool == null ? 1 : Math.min(threads, (count + GRAIN - 1) / GRAIN);
        AtomicInteger next = new AtomicInteger();
        if (parts <= 1) {
            slices(count, next, body);
            return;
        }
        List<Future<?>> futures = new ArrayList<>(parts);
        for (int i = 0; i < parts; i++) {
            futures.add(pool.submit(() -> slices(count, next, body)));
        }
        BatchFutures.awaitAll(futures, "native scoring");
    }

    private void slices(int count, AtomicInteger next, Slice body) {
        Workspace w = acquire();
        try {
            int start;
            while ((start = next.getAndAdd(GRAIN)) < count) {
                body.apply(w, start, Math.min(GRAIN, count - start));
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("native call failed", t);
        } finally {
            idle.offer(w);
        }
    }

    private Workspace acquire() {
        Workspace w = idle.poll();
        if (w != null) {
            return w;
        }
        synchronized (all) {
            if (closed) {
                throw new IllegalStateException("kernel is closed");
            }
            w = new Workspace();
            all.add(w);
            return w;
        }
    }

    @Override
    public void close() {
        synchronized (all) {
            if (closed) {
                return;
            }
            closed = true;
            try {
                for (Workspace w : all) {
                    lib.workspaceFree.invokeExact(w.ws);
                }
                lib.taskFree.invokeExact(task);
            } catch (Throwable t) {
                throw new IllegalStateException("freeing native memory failed", t);
            } finally {
                all.clear();
                idle.clear();
                arena.close();
            }
        }
    }
}
