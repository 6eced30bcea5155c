package dev.survivor.kernels.step3;

import dev.survivor.kernels.features.ScorerConfig;
import dev.survivor.kernels.prng.PrngFamily;

/**
 * The inputs shared by every survivor of one Step 3 job.
 *
 * @param prngType registry name as given (kept for output metadata)
 * @param family   the resolved scoring family
 * @param mod      modulus M
 * @param train    training draws (non-empty, each in 0..mod-1)
 * @param holdout  holdout draws, or {@code null}/empty for none
 * @param config   scorer config
 */
public record Step3Job(String prngType, PrngFamily family, int mod, int[] train, int[] holdout, ScorerConfig config) {
    public Step3Job {
        if (train == null || train.length == 0) {
            throw new IllegalArgumentException("training history is empty");
        }
        if (holdout != null && holdout.length == 0) {
            holdout = null;
        }
    }

    public boolean hasHoldout() {
        return holdout != null;
    }
}
