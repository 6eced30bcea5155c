package dev.survivor.models.search;

import dev.survivor.models.data.Metrics;
import java.util.List;
import java.util.Map;

/**
 * One hyperparameter trial: its parameters (trainer names, docs/decisions.md M1), the raw suggestions the sampler
 * made, per-fold validation metrics, mean score and how it ended.
 *
 * @param status    {@code complete}, {@code pruned} (stopped early by the search: hopeless, or out of time) or
 *                  {@code failed}
 * @param stoppedBy for a pruned trial: {@code pruner} or {@code time_budget}; otherwise null
 */
public record TrialResult(int number, Map<String, Object> params, Map<String, Object> suggestions, List<Fold> folds,
        double meanScore, double durationSeconds, String status, String stoppedBy, String error) {
    public static final String COMPLETE = "complete";
    public static final String PRUNED = "pruned";
    public static final String FAILED = "failed";

    /** Validation metrics of one CV fold. */
    public record Fold(int fold, int trainRows, int validationRows, Metrics metrics, double durationSeconds,
            int roundsRun) {
    }

    public boolean failed() {
        return FAILED.equals(status);
    }

    public boolean complete() {
        return COMPLETE.equals(status);
    }
}
