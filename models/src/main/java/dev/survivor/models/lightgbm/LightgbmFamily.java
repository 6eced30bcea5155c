package dev.survivor.models.lightgbm;

import com.microsoft.ml.lightgbm.PredictionType;
import dev.survivor.common.AtomicFiles;
import dev.survivor.models.LibraryVersions;
import dev.survivor.models.api.Checkpoint;
import dev.survivor.models.api.Device;
import dev.survivor.models.api.EarlyStopping;
import dev.survivor.models.api.ModelFamily;
import dev.survivor.models.api.ModelFileException;
import dev.survivor.models.api.ModelType;
import dev.survivor.models.api.Params;
import dev.survivor.models.api.Regressor;
import dev.survivor.models.api.TrainContext;
import dev.survivor.models.data.Dataset;
import dev.survivor.models.xgboost.XgboostFamily;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import io.github.metarank.lightgbm4j.LGBMException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import dev.survivor.models.search.Suggester;

/**
 * LightGBM through lightgbm4j (docs/models.md §3.1). As in the reference, {@code subsample} maps to
 * bagging_fraction without bagging_freq, so it has no effect; colsample_bytree → feature_fraction.
 */
public final class LightgbmFamily implements ModelFamily {
    private volatile String lastDevice = "cpu";

    @Override
    public ModelType type() {
        return ModelType.LIGHTGBM;
    }

    @Override
    public Map<String, Object> defaults() {
        return new XgboostFamily().defaults();
    }

    @Override
    public Map<String, Object> sample(Suggester s) {
        return XgboostFamily.treeSpace(s);
    }

    @Override
    public Regressor train(Dataset train, Dataset validation, Map<String, Object> params, TrainContext ctx) {
        int rounds = Params.getInt(params, "n_estimators");
        if (rounds < 1) {
            throw new IllegalArgumentException("n_estimators must be >= 1, got " + rounds);
        }
        String base = String.format(Locale.ROOT,
                "objective=regression metric=l2 max_depth=%d learning_rate=%s bagging_fraction=%s feature_fraction=%s "
                        + "seed=%d num_threads=%d verbosity=-1 deterministic=true force_row_wise=true",
                Params.getInt(params, "max_depth"), Params.getDouble(params, "learning_rate"),
                Params.getDouble(params, "subsample"), Params.getDouble(params, "colsample_bytree"),
                ctx.seed(), ctx.threads());
        if (ctx.hasMonotone()) {
            StringBuilder mc = new StringBuilder(" monotone_constraints=");
            for (int i = 0; i < ctx.monotone().length; i++) {
                mc.append(i == 0 ? "" : ",").append(ctx.monotone()[i]);
            }
            base += mc;
        }
        int patience = XgboostFamily.patience(params);
        if (ctx.device().gpu()) {
            try {
                Regressor r = fit(train, validation, base + " device_type=gpu", rounds, patience, ctx);
                lastDevice = "gpu";
                return r;
            } catch (LGBMException e) {
                ctx.log().accept("lightgbm: GPU training unavailable (" + e.getMessage()
                        + "); lightgbm4j ships a CPU-only build, training on CPU");
            }
        }
        lastDevice = "cpu";
        try {
            return fit(train, validation, base, rounds, patience, ctx);
        } catch (LGBMException e) {
            throw new IllegalStateException("lightgbm training failed: " + e.getMessage(), e);
        }
    }

    /** Round by round: validation l2 after each, early stopping, and the model cut at the best round. */
    private static Regressor fit(Dataset train, Dataset validation, String params, int rounds, int patience,
            TrainContext ctx) throws LGBMException {
        LightgbmNatives.ensureLoaded();
        boolean haveVal = validation != null && validation.rows() > 0;
        try (LGBMDataset ds = LGBMDataset.createFromMat(train.x(), train.rows(), train.cols(), true, params, null)) {
            ds.setField("label", train.y());
            LGBMDataset vs = null;
            LGBMBooster booster = LGBMBooster.create(ds, params);
            try {
                if (haveVal) {
                    vs = LGBMDataset.createFromMat(validation.x(), validation.rows(), validation.cols(), true, params, ds);
                    vs.setField("label", validation.y());
                    booster.addValidData(vs);
                }
                EarlyStopping stop = new EarlyStopping(haveVal ? patience : 0);
                for (int i = 0; i < rounds; i++) {
                    boolean finished = booster.updateOneIter();
                    double mse = haveVal ? booster.getEval(1)[0] : Double.NaN;
                    ctx.monitor().round(i + 1, rounds, mse);
                    if (finished || stop.update(i + 1, mse)) {
                        break; // no further splits possible, or no improvement for `patience` rounds
                    }
                }
                // keep the model as text, cut at the best round: it is the checkpoint, and a booster built from it
                // is self-contained
                String text = booster.saveModelToString(0, stop.bestRounds(), LGBMBooster.FeatureImportanceType.GAIN);
                return new LightgbmRegressor(LGBMBooster.loadModelFromString(text), text, train.cols(), ctx.threads());
            } finally {
                booster.close();
                if (vs != null) {
                    vs.close();
                }
            }
        }
    }

    @Override
    public Regressor load(Path checkpoint, int featureCount, int threads) {
        String text;
        try {
            text = Files.readString(checkpoint);
        } catch (IOException e) {
            throw new ModelFileException(checkpoint, "cannot read the LightGBM checkpoint: " + e.getMessage(), e);
        }
        if (!text.startsWith("tree\n") || !text.contains("end of trees")) {
            throw new ModelFileException(checkpoint, "not a complete LightGBM text model (expected a 'tree' header "
                    + "and an 'end of trees' line; the file may be truncated)");
        }
        LightgbmNatives.ensureLoaded();
        try {
            LGBMBooster b = LGBMBooster.loadModelFromString(text);
            int n = b.getNumFeature();
            if (n != featureCount) {
                b.close();
                throw new ModelFileException(checkpoint, "LightGBM model has " + n + " features, the sidecar says "
                        + featureCount);
            }
            return new LightgbmRegressor(b, text, featureCount, threads);
        } catch (LGBMException e) {
            throw new ModelFileException(checkpoint, "not a loadable LightGBM model: " + e.getMessage(), e);
        }
    }

    @Override
    public String trainerDescription() {
        return "lightgbm4j " + LibraryVersions.get("lightgbm4j");
    }

    @Override
    public String deviceUsed(Device requested) {
        return lastDevice;
    }

    /** A LightGBM booster with its text form. */
    static final class LightgbmRegressor implements Regressor {
        private final LGBMBooster booster;
        private final String text;
        private final int cols;
        private final String predictParams;

        LightgbmRegressor(LGBMBooster booster, String text, int cols, int threads) {
            this.booster = booster;
            this.text = text;
            this.cols = cols;
            this.predictParams = "num_threads=" + threads;
        }

        @Override
        public ModelType type() {
            return ModelType.LIGHTGBM;
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
            try {
                double[] p = booster.predictForMat(x, rows, cols, true, PredictionType.C_API_PREDICT_NORMAL,
                        predictParams);
                float[] out = new float[rows];
                for (int i = 0; i < rows; i++) {
                    out[i] = (float) p[i];
                }
                return out;
            } catch (LGBMException e) {
                throw new IllegalStateException("lightgbm prediction failed: " + e.getMessage(), e);
            }
        }

        @Override
        public Checkpoint save(Path dir) {
            Path target = dir.resolve(ModelType.LIGHTGBM.checkpointFileName());
            AtomicFiles.writeString(target, text);
            return new Checkpoint(target, "txt", List.of());
        }

        @Override
        public void close() {
            try {
                booster.close();
            } catch (LGBMException e) {
                // closing a booster only frees native memory; nothing to report to the user
            }
        }
    }
}
