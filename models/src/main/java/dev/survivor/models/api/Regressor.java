package dev.survivor.models.api;

import java.nio.file.Path;

/**
 * A trained model: predicts from a row-major float32 matrix and saves itself. No library type
 * leaks through this interface.
 */
public interface Regressor extends AutoCloseable {
    ModelType type();

    int featureCount();

    /** One prediction per row of {@code x} ({@code rows × featureCount()}, row-major). */
    float[] predict(float[] x, int rows);

    /**
     * Writes the checkpoint as {@code dir/best_model.<format>} (plus any companion files), each
     * through a temporary file and an atomic rename.
     */
    Checkpoint save(Path dir);

    @Override
    default void close() {
    }
}
