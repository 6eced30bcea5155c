package dev.survivor.models.xgboost;

import dev.survivor.common.AtomicFiles;
import dev.survivor.models.api.Checkpoint;
import dev.survivor.models.api.ModelType;
import dev.survivor.models.api.Regressor;
import java.nio.file.Path;
import java.util.List;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;

/** An xgboost4j {@link Booster}; saved as XGBoost's JSON model format. */
final class XgboostRegressor implements Regressor {
    private final Booster booster;
    private final int cols;

    XgboostRegressor(Booster booster, int cols) {
        this.booster = booster;
        this.cols = cols;
    }

    @Override
    public ModelType type() {
        return ModelType.XGBOOST;
    }

    @Override
    public int featureCount() {
        return cols;
    }

    @Override
    public float[] predict(float[] x, int rows) {
        if (rows == 0) {
            return new float[0];
        }
        DMatrix m = null;
        try {
            m = XgboostFamily.matrix(x, rows, cols);
            float[][] p = booster.predict(m);
            float[] out = new float[rows];
            for (int i = 0; i < rows; i++) {
                out[i] = p[i][0];
            }
            return out;
        } catch (XGBoostError e) {
            throw new IllegalStateException("xgboost prediction failed: " + e.getMessage(), e);
        } finally {
            if (m != null) {
                m.dispose();
            }
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
                java.nio.file.Files.move(json, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } finally {
                java.nio.file.Files.deleteIfExists(json);
            }
        });
        return new Checkpoint(target, "json", List.of());
    }

    @Override
    public void close() {
        booster.dispose();
    }
}
