package dev.survivor.models.api;

import dev.survivor.models.data.Dataset;
import java.nio.file.Path;
import java.util.Map;
import dev.survivor.models.search.Suggester;

/**
 * One library's trainer and loader (Tribuo's Trainer/Model split). Hyperparameters are plain maps of
 * the names in docs/models.md §3/§4 so they go into the sidecar as they are (docs/decisions.md M1).
 */
public interface ModelFamily {
    ModelType type();

    /** Single-shot parameters (docs/models.md §3), also the first trial of a search. */
    Map<String, Object> defaults();

    /** One draw from the search space of docs/models.md §4, asked of {@code s} parameter by parameter. */
    Map<String, Object> sample(Suggester s);

    /**
     * Trains on {@code train}; {@code validation} (real rows only, never anchors) steers early stopping
     * and is reported to {@link TrainContext#monitor()} after every round, never anything else.
     */
    Regressor train(Dataset train, Dataset validation, Map<String, Object> params, TrainContext ctx);

    /**
     * Loads a checkpoint this family saved; {@code featureCount} is checked against the file, and predictions
     * use {@code threads} native threads.
     */
    Regressor load(Path checkpoint, int featureCount, int threads);

    /** Which trainer produced the model, for the sidecar (e.g. the library name and version). */
    String trainerDescription();

    /** The device the last {@link #train} really used ("cpu" or "cuda:N"). */
    default String deviceUsed(Device requested) {
        return "cpu";
    }
}
