package dev.survivor.models.step5;

import dev.survivor.models.api.Checkpoint;
import dev.survivor.models.api.ModelType;
import dev.survivor.models.data.Metrics;
import dev.survivor.models.search.SearchResult;
import java.util.Map;

/**
 * One model type's outcome in a Step 5 run: its search, the final fit with the chosen parameters
 * (docs/decisions.md M1) and its metrics on the final split, or the error that stopped it.
 */
public record ModelRun(ModelType type, SearchResult search, Map<String, Object> finalParams, Metrics train,
        Metrics validation, Checkpoint checkpoint, String trainer, String deviceUsed, double durationSeconds,
        String error) {

    public boolean ok() {
        return error == null;
    }
}
