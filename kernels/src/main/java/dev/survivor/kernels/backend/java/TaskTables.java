package dev.survivor.kernels.backend.java;

import dev.survivor.kernels.api.ScoringTask;
import dev.survivor.kernels.features.ScorerConfig;

/**
 * Everything about one {@link ScoringTask} that does not depend on the seed, computed once and
 * shared read-only by every worker thread: per-value lookup codes, history-side residue tables,
 * log tables for the KL sums, the temporal windows and the two FFT plans.
 */
final class TaskTables {
    /** Largest modulus the Java backend accepts: (M−1)² must fit an int for the exact block sums. */
    static final int MAX_MOD = 1 << 15;
    static final int LANE_A = 8;
    static final int LANE_B = 125;
    /**
     * Match-count increments by the XOR of two codes: {@code LOW[x & 0x3FF]} counts the lane-8 and
     * lane-125 fields, {@code HIGH[x >>> 10]} the three digit fields, each as 1 in its own 12-bit
     * slot of a long (slots: lane 8, lane 125, hundreds, tens, ones). One add per element replaces
     * five compare-and-counts; blocks of at most {@link #SLOT_LIMIT} elements cannot overflow a slot.
     */
    static final long[] LOW = new long[1 << 10];
    static final long[] HIGH = new long[1 << 12];
    static final int SLOT_BITS = 12;
    static final int SLOT_LIMIT = (1 << SLOT_BITS) - 1;

    static {
        for (int x = 0; x < LOW.length; x++) {
            LOW[x] = ((x & 0x7) == 0 ? 1L : 0L) | ((x >>> 3) == 0 ? 1L << SLOT_BITS : 0L);
        }
        for (int x = 0; x < HIGH.length; x++) {
            HIGH[x] = ((x & 0xF) == 0 ? 1L << (2 * SLOT_BITS) : 0L)
                    | (((x >>> 4) & 0xF) == 0 ? 1L << (3 * SLOT_BITS) : 0L)
                    | (((x >>> 8) & 0xF) == 0 ? 1L << (4 * SLOT_BITS) : 0L);
        }
    }

    final int n;
    final int mod;
    final int[] history;
    final ScorerConfig config;
    /** Per value v < mod: {@link #code}(v). */
    final int[] code;
    /** code(history[i]), so the hot loop reads the history side sequentially. */
    final int[] historyCode;
    /** popcount of v, per value. */
    final int[] popcount;
    final long historySum;
    final double actualMean;
    final double actualStd;
    /** Per residue position i (0..2): its mod, how to count matches, and the history side. */
    final int[] residueMod;
    /** Number of bins that can be non-zero: min(m, mod). */
    final int[] residueBins;
    /** v mod m for v < mod (null when m ≥ mod: the residue is v itself). */
    final int[][] residueOf;
    /** history[i] mod m (null unless the match rate needs its own pass). */
    final int[][] historyResidue;
    /** How residue i's match count is obtained: one of MATCH_* below. */
    final int[] residueMatchSource;
    static final int MATCH_EXACT = 0;
    static final int MATCH_LANE_A = 1;
    static final int MATCH_LANE_B = 2;
    static final int MATCH_ONES = 3;
    static final int MATCH_OWN_PASS = 4;
    /** ln(max(ha[r]/n, 1e-10)) per residue bin. */
    final double[][] lnHistoryShare;
    /** For a prediction count k = 0..n: max(k/n, 1e-10) and its logarithm. */
    final double[] share;
    final double[] lnShare;
    /** Temporal windows [start, end). */
    final int[] windowStart;
    final int[] windowEnd;
    /** Exact-sum block length for products of two values below mod. */
    final int block;
    final SpectrumPlan spectrum;
    final SpectrumPlan diffSpectrum;

    /**
     * Packs v mod 8 (bits 0–2), v mod 125 (bits 3–9) and the hundreds, tens and ones digit of v
     * (4 bits each from bit 10), so the XOR of two codes is zero exactly in the fields that agree.
     */
    static int code(int v) {
        return (v % LANE_A) | (v % LANE_B) << 3 | ((v / 100) % 10) << 10 | ((v / 10) % 10) << 14 | (v % 10) << 18;
    }

    TaskTables(ScoringTask task) {
        this.mod = task.mod();
        if (mod > MAX_MOD) {
            throw new IllegalArgumentException("the java backend supports mod <= " + MAX_MOD + ", got " + mod);
        }
        this.history = task.history();
        this.n = history.length;
        if (n == 0) {
            throw new IllegalArgumentException("history is empty");
        }
        this.config = task.config();
        long sum = 0;
        long sumSq = 0;
        for (int i = 0; i < n; i++) {
            int h = history[i];
            if (h < 0 || h >= mod) {
                throw new IllegalArgumentException("history[" + i + "] = " + h + " is outside 0.." + (mod - 1));
            }
            sum += h;
            sumSq += (long) h * h;
        }
        historySum = sum;
        actualMean = (double) sum / n;
        actualStd = Moments.sampleStd(n, sum, sumSq);

        popcount = new int[mod];
        code = new int[mod];
        for (int v = 0; v < mod; v++) {
            popcount[v] = Integer.bitCount(v);
            code[v] = code(v);
        }
        historyCode = new int[n];
        for (int i = 0; i < n; i++) {
            historyCode[i] = code(history[i]);
        }

        residueMod = config.residueMods();
        residueBins = new int[3];
        residueOf = new int[3][];
        historyResidue = new int[3][];
        residueMatchSource = new int[3];
        lnHistoryShare = new double[3][];
        share = new double[n + 1];
        lnShare = new double[n + 1];
        for (int k = 0; k <= n; k++) {
            share[k] = Math.max((double) k / n, 1e-10);
            lnShare[k] = Math.log(share[k]);
        }
        for (int i = 0; i < 3; i++) {
            int m = residueMod[i];
            residueBins[i] = Math.min(m, mod);
            if (m < mod) {
                int[] of = new int[mod];
                for (int v = 0; v < mod; v++) {
                    of[v] = v % m;
                }
                residueOf[i] = of;
            }
            if (m >= mod) {
                residueMatchSource[i] = MATCH_EXACT;
            } else if (m == LANE_A) {
                residueMatchSource[i] = MATCH_LANE_A;
            } else if (m == LANE_B) {
                residueMatchSource[i] = MATCH_LANE_B;
            } else if (m == 10) {
                residueMatchSource[i] = MATCH_ONES;
            } else {
                residueMatchSource[i] = MATCH_OWN_PASS;
                int[] hr = new int[n];
                for (int j = 0; j < n; j++) {
                    hr[j] = history[j] % m;
                }
                historyResidue[i] = hr;
            }
            int[] counts = new int[residueBins[i]];
            for (int h : history) {
                counts[h % m]++;
            }
            double[] ln = new double[residueBins[i]];
            for (int r = 0; r < ln.length; r++) {
                ln[r] = Math.log(Math.max((double) counts[r] / n, 1e-10));
            }
            lnHistoryShare[i] = ln;
        }

        int w = config.windowSize();
        int k = config.numWindows();
        int stride = Math.max(1, Math.floorDiv(n - w, k));
        int[] starts = new int[k];
        int[] ends = new int[k];
        int count = 0;
        for (int j = 0; j < k; j++) {
            long s = (long) j * stride;
            if (s > n) {
                break;
            }
            int e = (int) Math.min(s + w, n);
            if (e - s < w / 2 || e - s <= 0) {
                break;
            }
            starts[count] = (int) s;
            ends[count] = e;
            count++;
        }
        windowStart = java.util.Arrays.copyOf(starts, count);
        windowEnd = java.util.Arrays.copyOf(ends, count);

        long maxProduct = (long) (mod - 1) * (mod - 1);
        block = (int) Math.min(2048, maxProduct == 0 ? 2048 : Integer.MAX_VALUE / maxProduct); // ≤ SLOT_LIMIT

        if (n >= SeedFeatures.BATTERY_MIN) {
            spectrum = new SpectrumPlan(n);
            diffSpectrum = new SpectrumPlan(n - 1);
        } else {
            spectrum = null;
            diffSpectrum = null;
        }
    }
}
