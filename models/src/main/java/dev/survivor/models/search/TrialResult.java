package dev.survivor.models.search;

import dev.survivor.models.data.Metrics;
import java.util.List;
import java.util.Map;

/** One hyperparameter trial: its parameters, per-fold validation metrics and mean score. */
public record TrialResult(int number, Map<String, Object> params, List<Fold> folds, double meanScore,
        double durationSeconds, String error) {

    /** Validation metrics of one CV fold. */
    public record Fold(int fold, int trainRows, int validationRows, Metrics metrics, double durationSeconds) {
    }

    public boolean failed() {
        return error != null;
    }
}
