package dev.survivor.kernels.io;

/**
 * One scored survivor (docs/step3-features.md §9.1). Arrays follow {@link
 * dev.survivor.kernels.features.FeatureCatalogue} order and belong to the caller after delivery.
 *
 * @param seed            unsigned 64-bit seed
 * @param features        all 91 values (computed, metadata, global)
 * @param holdoutHits     fraction of holdout draws hit (docs/decisions.md S9 alignment); 0 without holdout
 * @param holdoutSkip     skip used for the holdout features, or -1 without holdout
 * @param holdoutFeatures the 77 per-seed holdout values, or {@code null} without holdout
 * @param holdoutQuality  the Step 5 target (§7.3, docs/decisions.md S10); 0 without holdout
 */
public record ScoredSeed(long seed, double[] features, double holdoutHits, long holdoutSkip,
                         double[] holdoutFeatures, double holdoutQuality) {

    /** {@code features.score}, also the top-level score. */
    public double score() {
        return features[0];
    }

    public boolean hasHoldout() {
        return holdoutFeatures != null;
    }
}
