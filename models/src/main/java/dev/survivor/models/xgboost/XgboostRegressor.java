package dev.survivor.models.xgboost;

import dev.survivor.common.AtomicFiles;
import dev.survivor.models.api.Checkpoint;
import dev.survivor.models.api.ModelType;
import dev.survivor.models.api.Regressor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * An xgboost4j {@link Booster}; saved as XGBoost's JSON model format. Predicts with rounds
 * {@code [0, rounds)} only (the best iteration of early stopping) straight from the float matrix
 * ({@code inplace_predict}: no DMatrix copy).
 */
final class XgboostRegressor implements Regressor {
    private final Booster booster;
    private final int cols;
    private final int rounds;

    XgboostRegressor(Booster booster, int cols, int rounds, int threads) throws XGBoostError {
        this.booster = booster;
        this.cols = cols;
        this.rounds = rounds;
        booster.setParam("nthread", threads);
    }

    @Override
    public ModelType type() {
        return ModelType.XGBOOST;
    }

    @Override
    public int featureCount() {
        return cols;
    }

    int rounds() {
        return rounds;
    }

    @Override
    public float[] predict(float[] x, int rows) {
        if (rows == 0) {
            return new float[0];
        }
        try {
            float[] in = x.length == rows * cols ? x : java.util.Arrays.copyOf(x, rows * cols);
            float[][] p = booster.inplace_predict(in, rows, cols, Float.NaN, new int[] {0, rounds});
            float[] out = new float[rows];
            for (int i = 0; i < rows; i++) {
                out[i] = p[i][0];
            }
            return out;
        } catch (XGBoostError e) {
            throw new IllegalStateException("xgboost prediction failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Checkpoint save(Path dir) {
        Path target = dir.resolve(ModelType.XGBOOST.checkpointFileName());
        // xgboost4j picks the format from the extension, so the temp file must end in .json too
        AtomicFiles.writeVia(target, tmp -> {
            Path json = tmp.resolveSibling(tmp.getFileName() + ".json");
            try {
                booster.saveModel(json.toString());
                Files.move(json, tmp, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(json);
            }
        });
        return new Checkpoint(target, "json", List.of());
    }

    @Override
    public void close() {
        booster.dispose();
    }
}
