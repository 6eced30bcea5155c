package dev.survivor.models.step5;

import java.util.List;
import java.util.Map;

/**
 * How Step 5 reports while it runs; the CLI wires it to stderr and the hub (TEAM interface "Step 5 → hub
 * events"). Every method has a no-op default; calls come from the training thread.
 */
public interface Step5Listener {
    Step5Listener NONE = new Step5Listener() { };

    /** A progress or warning line for people (with ETA where one is known). */
    default void log(String line) {
    }

    /** One hyperparameter trial of one model type ended (complete, pruned or failed). */
    default void trialFinished(TrialEvent e) {
    }

    /**
     * A finished trial, with the field names the hub share {@code step5_trial} uses.
     *
     * @param trial       0-based trial number within the model type
     * @param foldMetrics the configured metric of each finished fold, in fold order
     * @param metric      mean of {@code foldMetrics} (NaN when no fold finished)
     * @param status      {@code complete}, {@code pruned} or {@code failed}
     * @param bestSoFar   best mean metric of this model type's complete trials so far (NaN if none)
     */
    record TrialEvent(String modelType, int trial, Map<String, Object> params, List<Double> foldMetrics, double metric,
            String status, double seconds, double bestSoFar) {
    }

    /** A listener that only logs lines. */
    static Step5Listener logging(java.util.function.Consumer<String> log) {
        return new Step5Listener() {
            @Override
            public void log(String line) {
                log.accept(line);
            }
        };
    }
}
