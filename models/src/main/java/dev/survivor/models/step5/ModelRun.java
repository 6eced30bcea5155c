package dev.survivor.models.step5;

import dev.survivor.models.api.Checkpoint;
import dev.survivor.models.api.ModelType;
import dev.survivor.models.data.Metrics;
import dev.survivor.models.search.SearchResult;
import java.util.Map;

/**
 * One model type's outcome in a Step 5 run: its search, the final fit with the chosen parameters
 * (docs/decisions.md M1), its metrics on the final split and its predictions for every survivor, or why it has none.
 *
 * @param status      {@code ok}, {@code failed} or {@code skipped} (not trained: time budget, or input it cannot
 *                    take)
 * @param predictions the final model's prediction for every survivor, in file order (null unless ok)
 */
public record ModelRun(ModelType type, String status, SearchResult search, Map<String, Object> finalParams,
        Metrics train, Metrics validation, Checkpoint checkpoint, String trainer, String deviceUsed,
        double durationSeconds, float[] predictions, String error) {
    public static final String OK = "ok";
    public static final String FAILED = "failed";
    public static final String SKIPPED = "skipped";

    public boolean ok() {
        return OK.equals(status);
    }

    /** The same outcome with its checkpoint in another place (the winner's, once published). */
    ModelRun withCheckpoint(Checkpoint moved) {
        return new ModelRun(type, status, search, finalParams, train, validation, moved, trainer, deviceUsed,
                durationSeconds, predictions, error);
    }

    static ModelRun failed(ModelType type, String status, SearchResult search, double seconds, String error) {
        return new ModelRun(type, status, search, null, null, null, null, null, null, seconds, null, error);
    }
}
