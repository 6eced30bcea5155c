package dev.survivor.kernels.backend.device;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.survivor.kernels.api.ScoringKernel;
import dev.survivor.kernels.api.ScoringTask;
import dev.survivor.kernels.features.FeatureCatalogue;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * The GPU form of a prepared task, shared by the cuda and hip backends: history tables uploaded once,
 * then per batch of seeds ss_k_generate, ss_k_features, two batched D2Z FFTs (lengths n and n-1) and
 * ss_k_spectral, all on the device; only seeds go up and 59 doubles per seed come back.
 */
public final class DeviceScoringKernel implements ScoringKernel {
    private static final int C = FeatureCatalogue.COMPUTED_COUNT;
    private static final int BLOCK = 128;
    /**
     * Device memory a batch may use (scratch rows of a few n-sized arrays per seed): one thread per seed
     * needs many seeds in flight (n = 5000: ~7,900 per batch), yet it must fit an 8 GB consumer card.
     */
    private static final long BATCH_BYTES = 2L << 30;

    private final DeviceApi api;
    private final KernelTask kt;
    private final byte[] struct;
    private final int batch;
    private final List<Long> tables = new ArrayList<>();
    private final Arena arena = Arena.ofShared();
    private final MemorySegment hostSeeds;
    private final MemorySegment hostSkips;
    private final MemorySegment hostOut;
    private final MemorySegment hostHits;
    private long seeds, skips, p, raw, x, dx, bigX, bigD, hist, cbuf, out, hits;
    private long planN = -1, planN1 = -1;
    private boolean closed;

    public DeviceScoringKernel(DeviceApi api, ScoringTask task) {
        this(api, task, 0);
    }

    /** With {@code batchSize} seeds per round trip (0: as many as fit in 2 GiB of scratch, 64..65536). */
    public DeviceScoringKernel(DeviceApi api, ScoringTask task, int batchSize) {
        this.api = api;
        this.kt = new KernelTask(task);
        int n = kt.n;
        long perSeed = (long) n * (4 + 8 + 8 + 8 + 8) + (n / 2 + 2) * 32L + kt.histInts() * 4 + C * 8L + 32;
        this.batch = batchSize > 0 ? batchSize : (int) Math.max(64, Math.min(65536, BATCH_BYTES / perSeed));
        long[] addr = new long[KernelTask.Table.values().length];
        for (KernelTask.Table t : KernelTask.Table.values()) {
            MemorySegment src = kt.table(t);
            if (src == null) {
                continue;
            }
            long a = api.alloc(src.byteSize());
            tables.add(a);
            api.upload(a, src, src.byteSize());
            addr[t.ordinal()] = a;
        }
        this.struct = kt.struct(i -> addr[(int) i]);
        hostSeeds = arena.allocate(JAVA_LONG, batch);
        hostSkips = arena.allocate(JAVA_LONG, batch);
        hostOut = arena.allocate(JAVA_DOUBLE, (long) batch * C);
        hostHits = arena.allocate(JAVA_INT, batch);
    }

    /** Seeds scored per device round trip. */
    public int batchSize() {
        return batch;
    }

    private void buffers() {
        if (p != 0) {
            return;
        }
        long n = kt.n;
        long b = batch;
        seeds = api.alloc(b * 8);
        skips = api.alloc(b * 8);
        p = api.alloc(b * n * 4);
        raw = api.alloc(b * n * 8);
        x = api.alloc(b * n * 8);
        dx = api.alloc(b * Math.max(1, n - 1) * 8);
        bigX = api.alloc(b * (n / 2 + 1) * 16);
        bigD = api.alloc(b * ((n - 1) / 2 + 1) * 16);
        hist = api.alloc(b * kt.histInts() * 4);
        api.zero(hist, b * kt.histInts() * 4);   // the kernel leaves it zeroed again
        cbuf = api.alloc(b * n * 8);
        out = api.alloc(b * C * 8);
        hits = api.alloc(b * 4);
        if (n >= 8) {
            planN = api.planD2Z(kt.n, batch);
            planN1 = api.planD2Z(kt.n - 1, batch);
        }
    }

    @Override
    public synchronized void features(long[] seedArray, long[] skipArray, int count, double[] result) {
        check(seedArray, count);
        if (result.length < (long) count * C) {
            throw new IllegalArgumentException("output has room for " + result.length / C + " rows, need " + count);
        }
        buffers();
        for (int start = 0; start < count; start += batch) {
            int c = Math.min(batch, count - start);
            int grid = (c + BLOCK - 1) / BLOCK;
            MemorySegment.copy(seedArray, start, hostSeeds, JAVA_LONG, 0, c);
            api.upload(seeds, hostSeeds, c * 8L);
            long sk = 0;
            if (skipArray != null) {
                MemorySegment.copy(skipArray, start, hostSkips, JAVA_LONG, 0, c);
                api.upload(skips, hostSkips, c * 8L);
                sk = skips;
            }
            api.launch("ss_k_generate", grid, BLOCK, struct, seeds, sk, c, p, raw, x, dx);
            api.launch("ss_k_features", grid, BLOCK, struct, p, hist, cbuf, c, out);
            if (kt.n >= 8) {
                api.execD2Z(planN, x, bigX);
                api.execD2Z(planN1, dx, bigD);
                api.launch("ss_k_spectral", grid, BLOCK, bigX, bigD, kt.n, c, out);
            }
            api.synchronize();
            api.download(hostOut, out, (long) c * C * 8);
            MemorySegment.copy(hostOut, JAVA_DOUBLE, 0, result, start * C, c * C);
        }
    }

    @Override
    public synchronized void matches(long[] seedArray, long skip, int count, int[] result) {
        check(seedArray, count);
        if (skip < 0) {
            throw new IllegalArgumentException("skip must be >= 0, got " + skip);
        }
        buffers();
        for (int start = 0; start < count; start += batch) {
            int c = Math.min(batch, count - start);
            MemorySegment.copy(seedArray, start, hostSeeds, JAVA_LONG, 0, c);
            api.upload(seeds, hostSeeds, c * 8L);
            api.launch("ss_k_matches", (c + BLOCK - 1) / BLOCK, BLOCK, struct, seeds, skip, c, p, raw, hits);
            api.synchronize();
            api.download(hostHits, hits, c * 4L);
            MemorySegment.copy(hostHits, JAVA_INT, 0, result, start, c);
        }
    }

    private void check(long[] seedArray, int count) {
        if (closed) {
            throw new IllegalStateException("kernel is closed");
        }
        if (count < 0 || count > seedArray.length) {
            throw new IllegalArgumentException("count " + count + " outside 0.." + seedArray.length);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (planN >= 0) {
            api.destroyPlan(planN);
            api.destroyPlan(planN1);
        }
        for (long a : new long[] {seeds, skips, p, raw, x, dx, bigX, bigD, hist, cbuf, out, hits}) {
            if (a != 0) {
                api.free(a);
            }
        }
        tables.forEach(api::free);
        arena.close();
    }
}
