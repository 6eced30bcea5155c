package dev.survivor.kernels.io;

import dev.survivor.kernels.features.FeatureCatalogue;

/**
 * One survivor as Step 3 needs it.
 *
 * @param seed        unsigned 64-bit seed
 * @param metadata    the 18 metadata feature values in {@link FeatureCatalogue#METADATA} order
 *                    (0.0 where the record lacks the field or it is null)
 * @param holdoutSkip skip for the holdout features: skip_best if present and ≥ 0, else skip_min
 *                    if ≥ 0, else 0 (docs/step3-features.md §7.2)
 */
public record Survivor(long seed, double[] metadata, long holdoutSkip) {
    private static final double[] NO_METADATA = new double[FeatureCatalogue.METADATA.size()];

    public Survivor {
        if (metadata == null) {
            metadata = NO_METADATA;
        }
        if (metadata.length != FeatureCatalogue.METADATA.size()) {
            throw new IllegalArgumentException("metadata must have " + FeatureCatalogue.METADATA.size()
                    + " values, got " + metadata.length);
        }
        if (holdoutSkip < 0) {
            throw new IllegalArgumentException("holdout skip must be >= 0, got " + holdoutSkip);
        }
    }

    /** A survivor without metadata (a bare seed). */
    public static Survivor of(long seed) {
        return new Survivor(seed, NO_METADATA, 0);
    }
}
