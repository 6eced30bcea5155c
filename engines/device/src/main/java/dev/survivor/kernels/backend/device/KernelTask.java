package dev.survivor.kernels.backend.device;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.survivor.kernels.api.ScoringTask;
import dev.survivor.kernels.backend.KernelFamilyIds;
import dev.survivor.kernels.features.ScorerConfig;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.function.LongUnaryOperator;

/**
 * The history tables of one task exactly as the kernel source's {@code ss_task} (ss_features.h) wants
 * them, built in Java for the GPU backends (the CPU library builds its own): the draws, their digit and
 * residue classes, the KL log tables and the value-to-residue fold table. {@link #struct} lays out the
 * by-value kernel argument once the arrays have device (or host) addresses.
 */
public final class KernelTask {
    /** sizeof(ss_task) on x86-64, nvptx64 and amdgcn (LP64, natural alignment). */
    public static final int STRUCT_BYTES = 120;
    /** Mods up to this get a fold table (SS_FOLD_LIMIT in ss_features.h). */
    public static final int FOLD_LIMIT = 65536;

    public final int n;
    public final int mod;
    public final int family;
    public final int[] mods;
    public final int windowSize;
    public final int numWindows;
    public final double minConfidence;
    public final long sumH;
    public final double actualMean;
    public final double actualStd;
    public final int[] history;
    public final int[] hx;
    public final int[] hr;
    public final double[] lnk;
    public final double[] pk;
    public final double[] lnAd;
    /** null when mod exceeds {@link #FOLD_LIMIT}. */
    public final int[] fold;

    public KernelTask(ScoringTask t) {
        ScorerConfig cfg = t.config();
        int[] h = t.history();
        n = h.length;
        if (n < 1) {
            throw new IllegalArgumentException("history is empty");
        }
        mod = t.mod();
        family = KernelFamilyIds.of(t.family());
        mods = cfg.residueMods();
        windowSize = cfg.windowSize();
        numWindows = cfg.numWindows();
        minConfidence = cfg.minConfidence();
        history = h.clone();
        hx = new int[4 * n];
        hr = new int[3 * n];
        long sum = 0;
        for (int i = 0; i < n; i++) {
            int v = h[i];
            if (v < 0 || v >= mod) {
                throw new IllegalArgumentException("history[" + i + "] = " + v + " is outside 0..mod-1 (mod " + mod + ")");
            }
            hx[i] = v % 125;
            hx[n + i] = (v / 100) % 10;
            hx[2 * n + i] = (v / 10) % 10;
            hx[3 * n + i] = v % 10;
            for (int k = 0; k < 3; k++) {
                hr[k * n + i] = v % mods[k];
            }
            sum += v;
        }
        sumH = sum;
        double dn = n;
        actualMean = sum / dn;
        double ss = 0;
        for (int v : h) {
            double d = v - actualMean;
            ss += d * d;
        }
        actualStd = n < 2 ? 0.0 : Math.sqrt(ss / (n - 1));
        lnk = new double[n + 1];
        pk = new double[n + 1];
        for (int k = 0; k <= n; k++) {
            double p = Math.max(k / dn, 1e-10);
            pk[k] = p;
            lnk[k] = Math.log(p);
        }
        lnAd = new double[mods[0] + mods[1] + mods[2]];
        int off = 0;
        for (int k = 0; k < 3; k++) {
            int[] ha = new int[mods[k]];
            for (int i = 0; i < n; i++) {
                ha[hr[k * n + i]]++;
            }
            for (int r = 0; r < mods[k]; r++) {
                lnAd[off + r] = Math.log(Math.max(ha[r] / dn, 1e-10));
            }
            off += mods[k];
        }
        if (mod <= FOLD_LIMIT) {
            fold = new int[3 * mod];
            for (int k = 0; k < 3; k++) {
                for (int v = 0; v < mod; v++) {
                    fold[k * mod + v] = v % mods[k];
                }
            }
        } else {
            fold = null;
        }
    }

    /** Ints of per-seed histogram scratch the kernel needs (ss_hist_size). */
    public long histInts() {
        return (long) mods[0] + mods[1] + mods[2] + (fold != null ? 2L * mod : 0);
    }

    /** Table names in the order {@link #struct} takes their addresses. */
    public enum Table { H, HX, HR, LNK, PK, LNAD, FOLD }

    /** The array behind a table, as a heap segment ready to copy (FOLD: null when absent). */
    public MemorySegment table(Table t) {
        return switch (t) {
            case H -> MemorySegment.ofArray(history);
            case HX -> MemorySegment.ofArray(hx);
            case HR -> MemorySegment.ofArray(hr);
            case LNK -> MemorySegment.ofArray(lnk);
            case PK -> MemorySegment.ofArray(pk);
            case LNAD -> MemorySegment.ofArray(lnAd);
            case FOLD -> fold == null ? null : MemorySegment.ofArray(fold);
        };
    }

    /** The ss_task argument bytes (little-endian), given each table's address (0 for an absent fold). */
    public byte[] struct(LongUnaryOperator addressOfTable) {
        byte[] b = new byte[STRUCT_BYTES];
        MemorySegment s = MemorySegment.ofArray(b);
        var i32 = JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN).withByteAlignment(1);
        var i64 = JAVA_LONG.withOrder(ByteOrder.LITTLE_ENDIAN).withByteAlignment(1);
        var f64 = JAVA_DOUBLE.withOrder(ByteOrder.LITTLE_ENDIAN).withByteAlignment(1);
        s.set(i32, 0, n);
        s.set(i32, 4, mod);
        s.set(i32, 8, family);
        s.set(i32, 12, mods[0]);
        s.set(i32, 16, mods[1]);
        s.set(i32, 20, mods[2]);
        s.set(i32, 24, windowSize);
        s.set(i32, 28, numWindows);
        s.set(f64, 32, minConfidence);
        s.set(i64, 40, sumH);
        s.set(f64, 48, actualMean);
        s.set(f64, 56, actualStd);
        Table[] order = Table.values();
        for (int k = 0; k < order.length; k++) {
            s.set(i64, 64 + 8L * k, addressOfTable.applyAsLong(k));
        }
        return b;
    }
}
