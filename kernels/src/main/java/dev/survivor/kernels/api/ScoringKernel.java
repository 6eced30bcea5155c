package dev.survivor.kernels.api;

/**
 * A backend's prepared form of one {@link ScoringTask}. Thread-safe: the scorer may call it from
 * several threads, but backends are free to parallelise a single call internally instead.
 */
public interface ScoringKernel extends AutoCloseable {

    /**
     * Computes the {@link dev.survivor.kernels.features.FeatureCatalogue#COMPUTED_COUNT} per-seed
     * features for {@code seeds[0..count)}, the sequence of seed i starting after {@code skips[i]}
     * discarded outputs ({@code skips == null} means 0 for all). Row i goes to
     * {@code out[i * COMPUTED_COUNT ...]} in catalogue order. Never writes NaN or Infinity.
     */
    void features(long[] seeds, long[] skips, int count, double[] out);

    /**
     * For each seed, the number of positions j where output {@code skip + j} mod M equals
     * {@code history[j]} (the holdout_hits numerator, docs/decisions.md S9 alignment: skip = len(train)).
     */
    void matches(long[] seeds, long skip, int count, int[] out);

    @Override
    void close();
}
