package dev.survivor.models.xgboost;

import dev.survivor.models.api.Device;
import dev.survivor.models.api.ModelFamily;
import dev.survivor.models.api.ModelFileException;
import dev.survivor.models.api.ModelType;
import dev.survivor.models.api.Params;
import dev.survivor.models.api.Regressor;
import dev.survivor.models.api.TrainContext;
import dev.survivor.models.data.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/** XGBoost through xgboost4j (docs/models.md §3.1): hist trees, no early stopping, all trees kept. */
public final class XgboostFamily implements ModelFamily {
    static final String XGBOOST_ARTEFACT = "ml.dmlc:xgboost4j_2.12";
    private volatile String lastDevice = "cpu";

    @Override
    public ModelType type() {
        return ModelType.XGBOOST;
    }

    @Override
    public Map<String, Object> defaults() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("n_estimators", 200);
        p.put("max_depth", 8);
        p.put("learning_rate", 0.05);
        p.put("subsample", 0.8);
        p.put("colsample_bytree", 0.8);
        return p;
    }

    @Override
    public Map<String, Object> sample(SplittableRandom rng) {
        return treeSpace(rng);
    }

    /** The xgboost/lightgbm space of docs/models.md §4. */
    public static Map<String, Object> treeSpace(SplittableRandom rng) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("n_estimators", Params.uniformInt(rng, 100, 500));
        p.put("max_depth", Params.uniformInt(rng, 3, 12));
        p.put("learning_rate", Params.logUniform(rng, 0.01, 0.3));
        p.put("subsample", Params.uniform(rng, 0.6, 1.0));
        p.put("colsample_bytree", Params.uniform(rng, 0.6, 1.0));
        return p;
    }

    @Override
    public Regressor train(Dataset train, Dataset validation, Map<String, Object> params, TrainContext ctx) {
        int rounds = Params.getInt(params, "n_estimators");
        if (rounds < 1) {
            throw new IllegalArgumentException("n_estimators must be >= 1, got " + rounds);
        }
        Map<String, Object> lib = new HashMap<>();
        lib.put("objective", "reg:squarederror");
        lib.put("tree_method", "hist");
        lib.put("max_depth", Params.getInt(params, "max_depth"));
        lib.put("eta", Params.getDouble(params, "learning_rate"));
        lib.put("subsample", Params.getDouble(params, "subsample"));
        lib.put("colsample_bytree", Params.getDouble(params, "colsample_bytree"));
        lib.put("seed", ctx.seed());
        lib.put("nthread", ctx.threads());
        lib.put("verbosity", 0);
        DMatrix dtrain = null;
        try {
            dtrain = matrix(train.x(), train.rows(), train.cols());
            dtrain.setLabel(train.y());
            if (ctx.device().gpu()) {
                // the CPU artefact silently ignores device=cuda, so asking it would misreport the device;
                // no GPU build of xgboost4j resolves on this mirror
                ctx.log().accept("xgboost: this build links the CPU-only xgboost4j " + XGBOOST_ARTEFACT
                        + " (no GPU artefact is available); training on CPU");
            }
            lastDevice = "cpu";
            Booster b = XGBoost.train(dtrain, lib, rounds, Map.of(), null, null);
            return new XgboostRegressor(b, train.cols());
        } catch (XGBoostError e) {
            throw new IllegalStateException("xgboost training failed: " + e.getMessage(), e);
        } finally {
            if (dtrain != null) {
                dtrain.dispose();
            }
        }
    }

    static DMatrix matrix(float[] x, int rows, int cols) throws XGBoostError {
        return new DMatrix(x, rows, cols, Float.NaN);
    }

    @Override
    public Regressor load(Path checkpoint, int featureCount) {
        if (!Files.isRegularFile(checkpoint)) {
            throw new ModelFileException(checkpoint, "xgboost checkpoint not found");
        }
        try {
            Booster b = XGBoost.loadModel(checkpoint.toString());
            long n = b.getNumFeature();
            if (n != featureCount) {
                b.dispose();
                throw new ModelFileException(checkpoint, "xgboost model has " + n + " features, the sidecar says "
                        + featureCount);
            }
            return new XgboostRegressor(b, featureCount);
        } catch (XGBoostError e) {
            throw new ModelFileException(checkpoint, "not a loadable XGBoost JSON model: " + firstLine(e.getMessage()), e);
        }
    }

    @Override
    public String trainerDescription() {
        return "xgboost4j " + dev.survivor.models.LibraryVersions.get("xgboost4j");
    }

    @Override
    public String deviceUsed(Device requested) {
        return lastDevice;
    }

    static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
