package dev.survivor.models.catboost;

import ai.catboost.CatBoostError;
import ai.catboost.CatBoostModel;
import ai.catboost.CatBoostPredictions;
import dev.survivor.common.AtomicFiles;
import dev.survivor.models.LibraryVersions;
import dev.survivor.models.api.Checkpoint;
import dev.survivor.models.api.Device;
import dev.survivor.models.api.ModelFamily;
import dev.survivor.models.api.ModelFileException;
import dev.survivor.models.api.ModelType;
import dev.survivor.models.api.Params;
import dev.survivor.models.api.Regressor;
import dev.survivor.models.api.TrainContext;
import dev.survivor.models.data.Dataset;
import dev.survivor.models.xgboost.XgboostFamily;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.survivor.models.search.Suggester;

/**
 * The catboost candidate. CatBoost's trainer has no Java artefact and no CLI package here, so
 * models are trained by {@link ObliviousBoostingTrainer} (CatBoost's model family: symmetric
 * trees, RMSE, best-iteration cut) and written as a genuine .cbm that CatBoost's official applier
 * ({@code catboost-prediction}) loads and evaluates — at Step 6 and in every prediction of a saved
 * model. The sidecar's trainer field says so. Unlike the reference (docs/models.md §3.1 bug), the tuned
 * iterations and depth apply (docs/decisions.md M1).
 */
public final class CatboostFamily implements ModelFamily {
    public static final String TRAINER = "survivor oblivious-tree GBM (CatBoost-format .cbm, applied by catboost-prediction)";

    @Override
    public ModelType type() {
        return ModelType.CATBOOST;
    }

    @Override
    public Map<String, Object> defaults() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("iterations", 200);
        p.put("depth", 8);
        p.put("learning_rate", 0.05);
        p.put("l2_leaf_reg", 3.0);
        p.put("border_count", 254);
        p.put("early_stopping_rounds", XgboostFamily.EARLY_STOPPING_ROUNDS);
        return p;
    }

    @Override
    public Map<String, Object> sample(Suggester s) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("iterations", s.suggestInt("iterations", 200, 800));
        p.put("depth", s.suggestInt("depth", 3, 10));
        p.put("learning_rate", s.suggestFloat("learning_rate", 0.01, 0.3, true));
        p.put("l2_leaf_reg", 3.0);
        p.put("border_count", 254);
        p.put("early_stopping_rounds", XgboostFamily.EARLY_STOPPING_ROUNDS);
        return p;
    }

    @Override
    public Regressor train(Dataset train, Dataset validation, Map<String, Object> params, TrainContext ctx) {
        if (ctx.device().gpu()) {
            ctx.log().accept("catboost: our oblivious-tree trainer runs on CPU only; training on CPU");
        }
        var cfg = new ObliviousBoostingTrainer.Config(Params.getInt(params, "iterations"), Params.getInt(params, "depth"),
                Params.getDouble(params, "learning_rate"), Params.getDouble(params, "l2_leaf_reg"),
                Params.getInt(params, "border_count"), ctx.threads(), XgboostFamily.patience(params));
        var result = ObliviousBoostingTrainer.train(train, validation, cfg, ctx.monitor());
        return new JavaCatboostRegressor(result.ensemble(), result.bestIteration());
    }

    @Override
    public Regressor load(Path checkpoint, int featureCount, int threads) {
        if (!Files.isRegularFile(checkpoint)) {
            throw new ModelFileException(checkpoint, "catboost checkpoint not found");
        }
        try {
            CatBoostModel m = CatBoostModel.loadModel(checkpoint.toString());
            int used = m.getFeatures().size();
            if (used > featureCount) {
                m.close();
                throw new ModelFileException(checkpoint, "CatBoost model expects " + used
                        + " features, the sidecar says " + featureCount);
            }
            return new AppliedCatboostRegressor(m, featureCount, checkpoint);
        } catch (CatBoostError e) {
            throw new ModelFileException(checkpoint, "not a loadable CatBoost model: " + e.getMessage(), e);
        }
    }

    @Override
    public String trainerDescription() {
        return TRAINER + "; catboost-prediction " + LibraryVersions.get("catboost-prediction");
    }

    @Override
    public String deviceUsed(Device requested) {
        return "cpu";
    }

    /** Freshly trained: predicts with the Java ensemble, saves as .cbm. */
    static final class JavaCatboostRegressor implements Regressor {
        private final ObliviousEnsemble model;
        private final int bestIteration;

        JavaCatboostRegressor(ObliviousEnsemble model, int bestIteration) {
            this.model = model;
            this.bestIteration = bestIteration;
        }

        @Override
        public ModelType type() {
            return ModelType.CATBOOST;
        }

        @Override
        public int featureCount() {
            return model.featureCount();
        }

        @Override
        public float[] predict(float[] x, int rows) {
            float[] out = new float[rows];
            for (int i = 0; i < rows; i++) {
                out[i] = (float) model.predictRow(x, i * model.featureCount());
            }
            return out;
        }

        /** Double-precision predictions, to compare with CatBoost's applier. */
        double[] predictExact(float[] x, int rows) {
            double[] out = new double[rows];
            for (int i = 0; i < rows; i++) {
                out[i] = model.predictRow(x, i * model.featureCount());
            }
            return out;
        }

        int treeCount() {
            return model.trees().size();
        }

        @Override
        public Checkpoint save(Path dir) {
            Path target = dir.resolve(ModelType.CATBOOST.checkpointFileName());
            Map<String, String> info = new LinkedHashMap<>();
            info.put("trainer", TRAINER);
            info.put("best_iteration", Integer.toString(bestIteration));
            info.put("loss_function", "RMSE");
            byte[] bytes = CbmWriter.write(model, info);
            AtomicFiles.writeVia(target, tmp -> Files.write(tmp, bytes));
            return new Checkpoint(target, "cbm", List.of());
        }
    }

    /** A .cbm applied by CatBoost's own library. */
    static final class AppliedCatboostRegressor implements Regressor {
        private final CatBoostModel model;
        private final int cols;
        private final Path source;

        AppliedCatboostRegressor(CatBoostModel model, int cols, Path source) {
            this.model = model;
            this.cols = cols;
            this.source = source;
        }

        @Override
        public ModelType type() {
            return ModelType.CATBOOST;
        }

        @Override
        public int featureCount() {
            return cols;
        }

        @Override
        public float[] predict(float[] x, int rows) {
            double[] p = predictExact(x, rows);
            float[] out = new float[rows];
            for (int i = 0; i < rows; i++) {
                out[i] = (float) p[i];
            }
            return out;
        }

        double[] predictExact(float[] x, int rows) {
            if (rows == 0) {
                return new double[0];
            }
            float[][] num = new float[rows][];
            String[][] cat = new String[rows][0];
            for (int i = 0; i < rows; i++) {
                num[i] = java.util.Arrays.copyOfRange(x, i * cols, (i + 1) * cols);
            }
            try {
                CatBoostPredictions p = model.predict(num, cat);
                double[] out = new double[rows];
                for (int i = 0; i < rows; i++) {
                    out[i] = p.get(i, 0);
                }
                return out;
            } catch (CatBoostError e) {
                throw new IllegalStateException("catboost prediction failed: " + e.getMessage(), e);
            }
        }

        @Override
        public Checkpoint save(Path dir) {
            // the applier cannot serialise; the loaded file is the model, byte for byte
            Path target = dir.resolve(ModelType.CATBOOST.checkpointFileName());
            if (!target.toAbsolutePath().equals(source.toAbsolutePath())) {
                AtomicFiles.copy(source, target);
            }
            return new Checkpoint(target, "cbm", List.of());
        }

        @Override
        public void close() {
            try {
                model.close();
            } catch (CatBoostError e) {
                // frees native memory only
            }
        }
    }
}
