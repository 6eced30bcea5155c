package dev.survivor.kernels.backend.java;

import dev.survivor.kernels.prng.PrngStream;
import java.util.Arrays;

/**
 * One worker thread's scorer: computes the 59 per-seed features of docs/step3-features.md §3–§5 (batch
 * definitions, docs/decisions.md S1–S10) for one seed at a time into reusable buffers, so the hot loop
 * allocates nothing beyond what JTransforms' mixed-radix real transform allocates itself.
 *
 * <p>Speed comes from exactness: counts are branchless; Σp, Σp², min, max and the popcount
 * moments come from the mod-M histogram; residue histograms are folded from it; the KL terms use
 * tables of ln(k/n); the autocorrelation uses exact integer lag sums; only the cumulative sum runs
 * element by element in double, in numpy's order, because its zero crossings depend on rounding.
 */
final class SeedFeatures {
    static final int BATTERY_MIN = 8;
    static final int LAGS = 10;
    // Output offsets (FeatureCatalogue order).
    private static final int SCORE = 0;
    private static final int TEMPORAL = 22;
    private static final int RESIDUE = 27;
    private static final int BATTERY = 36;
    private static final int LAG0 = BATTERY + 5;

    private final TaskTables t;
    private final PrngStream stream;
    private final int[] pred;
    private final int[] eq;
    private final int[] prefix;
    private final int[] hist;
    private final int[][] fold;
    private final double[] x;
    private final double[] d;
    private final double[] peaks = new double[6];
    private final double[] lag = new double[LAGS];
    private final double[] windowScores;
    private final SpectrumPlan.Worker spectrum;
    private final SpectrumPlan.Worker diffSpectrum;

    SeedFeatures(TaskTables tables, PrngStream stream) {
        this.t = tables;
        this.stream = stream;
        int n = tables.n;
        pred = new int[n];
        eq = new int[n];
        prefix = new int[n + 1];
        hist = new int[tables.mod];
        windowScores = new double[Math.max(1, tables.windowStart.length)];
        fold = new int[3][];
        for (int i = 0; i < 3; i++) {
            if (tables.residueOf[i] != null) {
                fold[i] = new int[tables.residueBins[i]];
            }
        }
        if (tables.spectrum != null) {
            x = new double[n];
            d = new double[n - 1];
            spectrum = tables.spectrum.newWorker();
            diffSpectrum = tables.diffSpectrum.newWorker();
        } else {
            x = null;
            d = null;
            spectrum = null;
            diffSpectrum = null;
        }
    }

    /** Number of j with output (skip + j) mod M == history[j]. */
    int matches(long seed, long skip) {
        generate(seed, skip);
        int[] p = pred;
        int[] h = t.history;
        int c = 0;
        for (int i = 0; i < p.length; i++) {
            c += ((p[i] ^ h[i]) - 1) >>> 31;
        }
        return c;
    }

    private void generate(long seed, long skip) {
        stream.seed(seed);
        if (skip > 0) {
            stream.skip(skip);
        }
        stream.fillMod(t.mod, pred, 0, t.n);
    }

    /** Writes the 59 computed features of {@code seed} (sequence after {@code skip} outputs) to out[at..]. */
    void compute(long seed, long skip, double[] out, int at) {
        generate(seed, skip);
        final int n = t.n;
        final int[] p = pred;
        final int[] h = t.history;
        final int[] hcode = t.historyCode;
        final int[] e = eq;

        // --- element passes: int blocks that cannot overflow, branchless counts ---
        // The first loop is plain int arithmetic over sequential arrays, which C2 vectorises; the
        // lane/digit loop needs table lookups per element (gathers), so it is kept separate and
        // also fills the histogram of predictions.
        final int[] code = t.code;
        final int[] hs = hist;
        Arrays.fill(hs, 0);
        long c = 0;
        long l8 = 0;
        long l125 = 0;
        long dh = 0;
        long dt = 0;
        long d1 = 0;
        long sumAbs = 0;
        long sumSq = 0;
        int maxAbs = 0;
        final int blk = t.block;
        for (int b = 0; b < n; b += blk) {
            int end = Math.min(n, b + blk);
            int bc = 0;
            int ba = 0;
            int bs = 0;
            int bm = maxAbs;
            for (int i = b; i < end; i++) {
                int pi = p[i];
                int hi = h[i];
                int m = ((pi ^ hi) - 1) >>> 31;
                e[i] = m;
                bc += m;
                int diff = pi - hi;
                int abs = Math.abs(diff);
                ba += abs;
                bs += diff * diff;
                bm = Math.max(bm, abs);
            }
            c += bc;
            sumAbs += ba;
            sumSq += bs;
            maxAbs = bm;
            long slots = 0;
            final long[] low = TaskTables.LOW;
            final long[] high = TaskTables.HIGH;
            for (int i = b; i < end; i++) {
                int pi = p[i];
                hs[pi]++;
                int xc = code[pi] ^ hcode[i];
                slots += low[xc & 0x3FF] + high[xc >>> 10];
            }
            l8 += slots & TaskTables.SLOT_LIMIT;
            l125 += (slots >>> TaskTables.SLOT_BITS) & TaskTables.SLOT_LIMIT;
            dh += (slots >>> (2 * TaskTables.SLOT_BITS)) & TaskTables.SLOT_LIMIT;
            dt += (slots >>> (3 * TaskTables.SLOT_BITS)) & TaskTables.SLOT_LIMIT;
            d1 += (slots >>> (4 * TaskTables.SLOT_BITS)) & TaskTables.SLOT_LIMIT;
        }

        // --- moments from the histogram of predictions ---
        long s1 = 0;
        long s2 = 0;
        long pc1 = 0;
        long pc2 = 0;
        final int[] pc = t.popcount;
        for (int v = 0; v < hs.length; v++) {
            long k = hs[v];
            long kv = k * v;
            s1 += kv;
            s2 += kv * v;
            int q = pc[v];
            pc1 += k * q;
            pc2 += k * q * q;
        }
        int min = 0;
        while (hs[min] == 0) {
            min++;
        }
        int max = hs.length - 1;
        while (hs[max] == 0) {
            max--;
        }

        double dn = n;
        double rate = c / dn;
        out[at + SCORE] = rate * 100.0;
        out[at + 1] = Math.max(rate, t.config.minConfidence());
        out[at + 2] = c;
        out[at + 3] = n;
        out[at + 4] = 0.0; // best_offset: no offset search (reference)
        out[at + 5] = s1 / dn;
        out[at + 6] = Moments.sampleStd(n, s1, s2);
        out[at + 7] = min;
        out[at + 8] = max;
        long sumR = s1 - t.historySum;
        out[at + 9] = sumR / dn;
        out[at + 10] = Moments.sampleStd(n, sumR, sumSq);
        out[at + 11] = sumAbs / dn;
        out[at + 12] = maxAbs;
        out[at + 13] = t.actualMean;
        out[at + 14] = t.actualStd;
        double lane8 = l8 / dn;
        double lane125 = l125 / dn;
        out[at + 15] = lane8;
        out[at + 16] = lane125;
        out[at + 17] = (lane8 + lane125) / 2.0;
        double hundreds = dh / dn;
        double tens = dt / dn;
        double ones = d1 / dn;
        out[at + 18] = hundreds;
        out[at + 19] = tens;
        out[at + 20] = ones;
        out[at + 21] = (hundreds + tens) + ones;

        temporal(out, at + TEMPORAL);
        residues(c, l8, l125, d1, out, at + RESIDUE);
        if (n >= BATTERY_MIN) {
            battery(s1, s2, pc1, pc2, out, at + BATTERY);
        } else {
            Arrays.fill(out, at + BATTERY, at + BATTERY + 23, 0.0);
        }
    }

    /** docs/step3-features.md §4: window match rates; mean, sample std, min, max, least-squares trend (0 for < 2 windows). */
    private void temporal(double[] out, int at) {
        int[] ws = t.windowStart;
        int[] we = t.windowEnd;
        int count = ws.length;
        if (count == 0) {
            Arrays.fill(out, at, at + 5, 0.0);
            return;
        }
        long work = 0;
        for (int w = 0; w < count; w++) {
            work += we[w] - ws[w];
        }
        boolean usePrefix = work > 2L * t.n;
        if (usePrefix) {
            int run = 0;
            for (int i = 0; i < t.n; i++) {
                prefix[i] = run;
                run += eq[i];
            }
            prefix[t.n] = run;
        }
        double sum = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double[] scores = windowScores;
        for (int w = 0; w < count; w++) {
            int s = ws[w];
            int e = we[w];
            int m;
            if (usePrefix) {
                m = prefix[e] - prefix[s];
            } else {
                m = 0;
                for (int i = s; i < e; i++) {
                    m += eq[i];
                }
            }
            double r = (double) m / (e - s);
            scores[w] = r;
            sum += r;
            lo = Math.min(lo, r);
            hi = Math.max(hi, r);
        }
        double mean = sum / count;
        double std = 0;
        double trend = 0;
        if (count > 1) {
            double ss = 0;
            double sxy = 0;
            double sxx = 0;
            double xbar = (count - 1) / 2.0;
            for (int w = 0; w < count; w++) {
                double dv = scores[w] - mean;
                double dx = w - xbar;
                ss += dv * dv;
                sxy += dv * dx;
                sxx += dx * dx;
            }
            std = Math.sqrt(ss / (count - 1));
            trend = sxy / sxx;
        }
        out[at] = mean;
        out[at + 1] = std;
        out[at + 2] = lo;
        out[at + 3] = hi;
        out[at + 4] = trend;
    }

    /** docs/step3-features.md §5: per configured mod, match rate, KL(pred || history) clamped at 1e-10, coherence. */
    private void residues(long exact, long lane8, long lane125, long ones, double[] out, int at) {
        double dn = t.n;
        for (int i = 0; i < 3; i++) {
            long matches = switch (t.residueMatchSource[i]) {
                case TaskTables.MATCH_EXACT -> exact;
                case TaskTables.MATCH_LANE_A -> lane8;
                case TaskTables.MATCH_LANE_B -> lane125;
                case TaskTables.MATCH_ONES -> ones;
                default -> ownResidueMatches(i);
            };
            int[] hp;
            int[] of = t.residueOf[i];
            if (of == null) {
                hp = hist;
            } else {
                hp = fold[i];
                Arrays.fill(hp, 0);
                int[] hs = hist;
                for (int v = 0; v < hs.length; v++) {
                    hp[of[v]] += hs[v];
                }
            }
            double[] lnA = t.lnHistoryShare[i];
            double[] share = t.share;
            double[] lnShare = t.lnShare;
            double kl = 0;
            for (int r = 0; r < lnA.length; r++) {
                int k = hp[r];
                kl += share[k] * (lnShare[k] - lnA[r]);
            }
            out[at + 3 * i] = matches / dn;
            out[at + 3 * i + 1] = kl;
            out[at + 3 * i + 2] = 1.0 / (1.0 + kl);
        }
    }

    private long ownResidueMatches(int i) {
        int[] of = t.residueOf[i];
        int[] hr = t.historyResidue[i];
        int[] p = pred;
        int c = 0;
        for (int j = 0; j < p.length; j++) {
            c += ((of[p[j]] ^ hr[j]) - 1) >>> 31;
        }
        return c;
    }

    /** docs/step3-features.md §3.1: the 23 battery features (n ≥ 8). */
    private void battery(long sum, long sumSq, long pc1, long pc2, double[] out, int at) {
        final int n = t.n;
        final int[] p = pred;
        final double[] xs = x;
        final double[] ds = d;
        for (int i = 0; i < n; i++) {
            xs[i] = p[i];
        }
        for (int i = 0; i < n - 1; i++) {
            ds[i] = p[i + 1] - p[i];
        }
        spectrum.analyse(xs, peaks, 0);
        out[at] = peaks[0];
        out[at + 1] = peaks[1];
        out[at + 2] = peaks[0] / (peaks[2] == 0 ? 1.0 : peaks[2]);
        diffSpectrum.analyse(ds, peaks, 3);
        out[at + 3] = peaks[3];
        out[at + 4] = peaks[3] / (peaks[5] == 0 ? 1.0 : peaks[5]);

        double mu = (double) sum / n;
        autocorrelation(sum, sumSq, mu, out, at + 5);
        cumulativeSum(mu, out, at + 17);

        double hammingMean = (double) pc1 / n;
        out[at + 20] = hammingMean;
        out[at + 21] = Moments.populationStd(n, pc1, pc2);
        out[at + 22] = hammingMean - 16.0;
    }

    /**
     * Lags 1..10 of the centred sequence over V = Σc², from exact integer sums:
     * Σ c[t]c[t+L] = S_L − μ(A_L + B_L) + (n−L)μ² with S_L = Σ x[t]x[t+L], A_L, B_L the partial sums.
     */
    private void autocorrelation(long sum, long sumSq, double mu, double[] out, int at) {
        final int n = t.n;
        double v = Moments.centredSumOfSquares(n, sum, sumSq);
        if (!(v > 1e-12) || n <= LAGS) {
            Arrays.fill(out, at, at + LAGS + 2, 0.0);
            return;
        }
        final int[] p = pred;
        long head = 0;
        long tail = 0;
        double absSum = 0;
        for (int l = 1; l <= LAGS; l++) {
            head += p[l - 1];
            tail += p[n - l];
            long sl = lagSum(l);
            double a = sum - tail;
            double b = sum - head;
            double num = (sl - mu * (a + b)) + (n - l) * mu * mu;
            double value = num / v;
            lag[l - 1] = value;
            out[at + l - 1] = value;
            absSum += Math.abs(value);
        }
        double decay = 0;
        if (absSum > 1e-12) {
            double mean = absSum / LAGS;
            double sxy = 0;
            for (int l = 0; l < LAGS; l++) {
                sxy += (l - 4.5) * (Math.abs(lag[l]) - mean);
            }
            decay = sxy / 82.5;
        }
        double threshold = 2.0 / Math.sqrt(n);
        int significant = 0;
        for (int l = 0; l < LAGS; l++) {
            if (Math.abs(lag[l]) > threshold) {
                significant++;
            }
        }
        out[at + LAGS] = decay;
        out[at + LAGS + 1] = significant;
    }

    /** Σ_{t=0}^{n−1−L} x[t]·x[t+L], exact: int accumulators over blocks that cannot overflow. */
    private long lagSum(int l) {
        final int[] p = pred;
        final int limit = t.n - l;
        final int blk = t.block;
        long total = 0;
        for (int b = 0; b < limit; b += blk) {
            int end = Math.min(limit, b + blk);
            int acc = 0;
            for (int i = b; i < end; i++) {
                acc += p[i] * p[i + l];
            }
            total += acc;
        }
        return total;
    }

    /**
     * Max and mean |cs| and sign changes of cs = cumsum(x − μ), accumulated sequentially in double
     * exactly as numpy does (the sign of the last, mathematically zero, element is round-off).
     * Sign changes are counted as cs[i−1]·cs[i] < 0; exact zeros inside the sequence (rare) are
     * dropped by a recount; a zero at the end changes no count.
     */
    private void cumulativeSum(double mu, double[] out, int at) {
        final int n = t.n;
        final int[] p = pred;
        double cs = 0;
        double prev = 0;
        double maxAbs = 0;
        double sumAbs = 0;
        int crossings = 0;
        int zeros = 0;
        for (int i = 0; i < n; i++) {
            cs += p[i] - mu;
            double a = Math.abs(cs);
            maxAbs = a > maxAbs ? a : maxAbs;
            sumAbs += a;
            crossings += prev * cs < 0 ? 1 : 0;
            zeros += cs == 0 ? 1 : 0;
            prev = cs;
        }
        if (zeros > (cs == 0 ? 1 : 0)) {
            crossings = exactCrossings(mu);
        }
        out[at] = maxAbs;
        out[at + 1] = sumAbs / n;
        out[at + 2] = crossings;
    }

    private int exactCrossings(double mu) {
        double cs = 0;
        int last = 0;
        int crossings = 0;
        for (int i = 0; i < t.n; i++) {
            cs += pred[i] - mu;
            int sign = cs > 0 ? 1 : (cs < 0 ? -1 : 0);
            if (sign != 0) {
                if (last != 0 && sign != last) {
                    crossings++;
                }
                last = sign;
            }
        }
        return crossings;
    }
}
