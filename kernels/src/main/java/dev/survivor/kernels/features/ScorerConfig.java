package dev.survivor.kernels.features;

import java.util.Arrays;

/**
 * The scorer configuration of docs/step3-features.md / docs/decisions.md S5: three residue mods, the temporal
 * window size and count, and the confidence floor. Defaults are the reference defaults.
 *
 * @param residueMods    the three residue moduli m1, m2, m3 (default 8, 125, 1000)
 * @param windowSize     temporal window size W (default 100)
 * @param numWindows     number of temporal windows K (default 5)
 * @param minConfidence  floor of {@code confidence} (default 0.1)
 */
public record ScorerConfig(int[] residueMods, int windowSize, int numWindows, double minConfidence) {

    public static final ScorerConfig DEFAULT = new ScorerConfig(new int[] {8, 125, 1000}, 100, 5, 0.1);

    public ScorerConfig {
        if (residueMods == null || residueMods.length != 3) {
            throw new IllegalArgumentException("scorer config: residue mods must be exactly three integers, got "
                    + Arrays.toString(residueMods));
        }
        for (int m : residueMods) {
            if (m < 1) {
                throw new IllegalArgumentException("scorer config: residue mod must be >= 1, got " + m);
            }
        }
        if (windowSize < 1) {
            throw new IllegalArgumentException("scorer config: temporal_window_size must be >= 1, got " + windowSize);
        }
        if (numWindows < 1) {
            throw new IllegalArgumentException("scorer config: temporal_num_windows must be >= 1, got " + numWindows);
        }
        if (!(minConfidence >= 0 && minConfidence <= 1)) {
            throw new IllegalArgumentException("scorer config: min_confidence_threshold must be in [0, 1], got "
                    + minConfidence);
        }
        residueMods = residueMods.clone();
    }

    @Override
    public int[] residueMods() {
        return residueMods.clone();
    }

    public int residueMod(int i) {
        return residueMods[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScorerConfig c && Arrays.equals(residueMods, c.residueMods)
                && windowSize == c.windowSize && numWindows == c.numWindows
                && Double.compare(minConfidence, c.minConfidence) == 0;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(residueMods) * 31 + Double.hashCode(minConfidence) + 7 * windowSize + numWindows;
    }

    @Override
    public String toString() {
        return "ScorerConfig[residueMods=" + Arrays.toString(residueMods) + ", windowSize=" + windowSize
                + ", numWindows=" + numWindows + ", minConfidence=" + minConfidence + "]";
    }
}
