package dev.survivor.kernels.features;

/**
 * The 14 history-only {@code global_*} features of docs/step3-features.md §6 (the reference's
 * GlobalStateTracker). Values depend only on the training history and the modulus, so they are
 * computed once per job. Work is O(L + max draw), never O(mod): value sets that do not occur
 * contribute exactly nothing to the sums that loop over all values in the reference.
 */
public final class GlobalFeatures {
    /** Below this history length every value is its default (docs/step3-features.md §6). */
    public static final int MIN_HISTORY = 100;
    private static final int[] MARKERS = {390, 804, 575};
    private static final int[] ENTROPY_MODS = {8, 125, 1000};
    private static final int REGIME_WINDOW = 1000;
    private static final double REGIME_THRESHOLD = 0.15;
    private static final int GAP_LIMIT = 500;

    private GlobalFeatures() {
    }

    /**
     * The 14 values in {@link FeatureCatalogue#GLOBAL_BASE} order.
     *
     * @param history draws, each in 0..mod-1
     * @param mod     modulus M (≥ 1)
     */
    public static double[] compute(int[] history, int mod) {
        if (mod < 1) {
            throw new IllegalArgumentException("mod must be >= 1, got " + mod);
        }
        int maxValue = 0;
        for (int i = 0; i < history.length; i++) {
            int h = history[i];
            if (h < 0 || h >= mod) {
                throw new IllegalArgumentException("history[" + i + "] = " + h + " is outside 0.." + (mod - 1));
            }
            maxValue = Math.max(maxValue, h);
        }
        double[] out = new double[FeatureCatalogue.GLOBAL_BASE.size()];
        int len = history.length;
        if (len < MIN_HISTORY) {
            out[4] = 1.0; // frequency_bias_ratio
            out[13] = 1.0; // temporal_stability
            return out;
        }
        int[] counts = new int[maxValue + 1];
        int[] lastIndex = new int[maxValue + 1];
        for (int i = 0; i < len; i++) {
            counts[history[i]]++;
            lastIndex[history[i]] = i;
        }
        for (int k = 0; k < 3; k++) {
            out[k] = residueEntropy(history, ENTROPY_MODS[k]);
        }
        out[3] = powerOfTwoBias(counts, len, mod);
        out[4] = frequencyBiasRatio(counts);
        out[5] = suspiciousGapPercentage(counts, lastIndex, len, mod);
        if (len >= 2 * REGIME_WINDOW) {
            boolean change = regimeDivergence(history, maxValue, mod) > REGIME_THRESHOLD;
            out[6] = change ? 1.0 : 0.0;
            out[7] = change ? 0.0 : len;
        }
        int high = 0;
        for (int k = 0; k < 3; k++) {
            out[8 + k] = markerVariance(history, MARKERS[k]);
            if (out[8 + k] > 1.0) {
                high++;
            }
        }
        out[11] = high / 3.0;
        out[12] = high;
        out[13] = temporalStability(history, maxValue, mod);
        return out;
    }

    /** Normalised Shannon entropy of the residues mod r, with 1e-10 smoothing renormalised. */
    private static double residueEntropy(int[] history, int r) {
        long[] cnt = new long[r];
        for (int h : history) {
            cnt[h % r]++;
        }
        int len = history.length;
        double[] q = new double[r];
        double sum = 0;
        for (int i = 0; i < r; i++) {
            q[i] = (double) cnt[i] / len + 1e-10;
            sum += q[i];
        }
        double entropy = 0;
        for (int i = 0; i < r; i++) {
            double p = q[i] / sum;
            entropy -= p * Math.log(p);
        }
        return entropy / Math.log(r);
    }

    private static double powerOfTwoBias(int[] counts, int len, int mod) {
        int hits = 0;
        int size = 0;
        for (int i = 0; i <= 9; i++) {
            int v = 1 << i;
            if (v < mod) {
                size++;
                if (v < counts.length) {
                    hits += counts[v];
                }
            }
        }
        if (size == 0) {
            return 0.0; // mod 1: no power of two is a possible draw
        }
        return ((double) hits / len) / ((double) size / mod);
    }

    private static double frequencyBiasRatio(int[] counts) {
        int max = 0;
        int min = Integer.MAX_VALUE;
        for (int c : counts) {
            if (c > 0) {
                max = Math.max(max, c);
                min = Math.min(min, c);
            }
        }
        return (double) max / min;
    }

    /** Fraction of values 0..mod-1 that never occur or last occurred more than 500 draws ago. */
    private static double suspiciousGapPercentage(int[] counts, int[] lastIndex, int len, int mod) {
        long recent = 0;
        for (int v = 0; v < counts.length; v++) {
            if (counts[v] > 0 && (len - 1) - lastIndex[v] <= GAP_LIMIT) {
                recent++;
            }
        }
        return (double) (mod - recent) / mod;
    }

    /** KL divergence of the last 1000 draws against the 1000 before, add-one smoothed over 0..mod-1. */
    private static double regimeDivergence(int[] history, int maxValue, int mod) {
        int len = history.length;
        int[] recent = new int[maxValue + 1];
        int[] past = new int[maxValue + 1];
        for (int i = len - REGIME_WINDOW; i < len; i++) {
            recent[history[i]]++;
        }
        for (int i = len - 2 * REGIME_WINDOW; i < len - REGIME_WINDOW; i++) {
            past[history[i]]++;
        }
        double denom = REGIME_WINDOW + (double) mod;
        double d = 0;
        for (int v = 0; v <= maxValue; v++) {
            if (recent[v] != past[v]) { // equal counts give p == q: a term of exactly 0
                double p = (recent[v] + 1) / denom;
                double q = (past[v] + 1) / denom;
                d += p * Math.log(p / q);
            }
        }
        return d;
    }

    /** Coefficient of variation (population std / mean) of the gaps between occurrences of x. */
    private static double markerVariance(int[] history, int x) {
        int count = 0;
        long sum = 0;
        long sumSq = 0;
        int prev = -1;
        for (int i = 0; i < history.length; i++) {
            if (history[i] == x) {
                if (prev >= 0) {
                    long gap = i - prev;
                    count++;
                    sum += gap;
                    sumSq += gap * gap;
                }
                prev = i;
            }
        }
        if (count == 0) {
            return 0.0; // fewer than two occurrences
        }
        double mean = (double) sum / count;
        double var = Math.max(0.0, ((double) count * sumSq - (double) sum * sum) / ((double) count * count));
        return Math.sqrt(var) / mean;
    }

    /** Mean overlap of the distinct values of up to four trailing windows of min(100, L/4) draws. */
    private static double temporalStability(int[] history, int maxValue, int mod) {
        int len = history.length;
        int w = Math.min(100, len / 4);
        if (w == 0 || len < 2 * w) {
            return 1.0;
        }
        int windows = 0;
        boolean[][] present = new boolean[4][];
        for (int i = 0; i < 4; i++) {
            int start = len - (i + 1) * w;
            if (start < 0) {
                break;
            }
            present[i] = new boolean[maxValue + 1];
            for (int j = start; j < start + w; j++) {
                present[i][history[j]] = true;
            }
            windows++;
        }
        if (windows < 2) {
            return 1.0;
        }
        double sum = 0;
        for (int i = 0; i + 1 < windows; i++) {
            int both = 0;
            for (int v = 0; v <= maxValue; v++) {
                if (present[i][v] && present[i + 1][v]) {
                    both++;
                }
            }
            sum += (double) both / mod;
        }
        return sum / (windows - 1);
    }
}
