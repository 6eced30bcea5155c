package dev.survivor.kernels.api;

import dev.survivor.kernels.features.ScorerConfig;
import dev.survivor.kernels.prng.PrngFamily;

/**
 * What one kernel launch scores against: a family, the modulus M, one draw history and the scorer
 * config. A backend prepares it once (histograms, tables, FFT plans) and then scores many seeds.
 *
 * @param family  generator family (already resolved from a registry name)
 * @param mod     modulus M applied to every raw output (unsigned), 1..2^31-1
 * @param history draws, each in 0..mod-1 (not copied: callers must not mutate it)
 * @param config  scorer config (residue mods, temporal windows, confidence floor)
 */
public record ScoringTask(PrngFamily family, int mod, int[] history, ScorerConfig config) {
    public ScoringTask {
        if (family == null || history == null || config == null) {
            throw new IllegalArgumentException("family, history and config are required");
        }
        if (mod < 1) {
            throw new IllegalArgumentException("mod must be >= 1, got " + mod);
        }
    }
}
