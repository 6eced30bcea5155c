package dev.survivor.kernels.step3;

import dev.survivor.kernels.features.FeatureCatalogue;

/**
 * The Step 5 target (docs/step3-features.md §7.3 with docs/decisions.md S10): residue terms taken by position
 * of the configured mods (m3 in the reference's mod-1000 slot, m1 in mod 8's, m2 in mod 125's).
 */
public final class HoldoutQuality {
    private HoldoutQuality() {
    }

    /** From the computed holdout vector (catalogue order). */
    public static double compute(double[] holdout, int offset) {
        double match3 = holdout[offset + residue(2, 0)];
        double coh1 = holdout[offset + residue(0, 2)];
        double coh2 = holdout[offset + residue(1, 2)];
        double coh3 = holdout[offset + residue(2, 2)];
        double crt = 0.40 * match3 + 0.20 * holdout[offset + FeatureCatalogue.LANE_8]
                + 0.20 * holdout[offset + FeatureCatalogue.LANE_125]
                + 0.20 * holdout[offset + FeatureCatalogue.LANE_CONSISTENCY];
        double dist = 0.34 * coh3 + 0.33 * coh1 + 0.33 * coh2;
        double temp = holdout[offset + FeatureCatalogue.TEMPORAL_MEAN];
        double q = 0.50 * crt + 0.30 * dist + 0.20 * temp;
        return Math.max(0.0, Math.min(1.0, q));
    }

    /** Index of residue entry {@code kind} (0 match_rate, 1 kl, 2 coherence) of mod position {@code m}. */
    private static int residue(int m, int kind) {
        return FeatureCatalogue.RESIDUE_BASE + 3 * m + kind;
    }
}
