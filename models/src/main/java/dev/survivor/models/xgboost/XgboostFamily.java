package dev.survivor.models.xgboost;

import dev.survivor.models.LibraryVersions;
import dev.survivor.models.api.Device;
import dev.survivor.models.api.EarlyStopping;
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
import java.util.Locale;
import java.util.Map;
import dev.survivor.models.search.Suggester;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * XGBoost through xgboost4j (docs/models.md §3.1): hist trees on all threads, trained round by round so that the
 * validation loss steers early stopping and the fit monitor (time budget, pruning) sees every round
 * (docs/training.md §5). The saved model keeps every round and records {@code best_iteration}; predictions
 * use rounds 0..best_iteration only, as XGBoost's own early stopping does.
 */
public final class XgboostFamily implements ModelFamily {
    static final String XGBOOST_ARTEFACT = "ml.dmlc:xgboost4j_2.12";
    /** Rounds without a better validation loss before a fit stops (not part of the search space). */
    public static final int EARLY_STOPPING_ROUNDS = 30;
    static final String BEST_ITERATION = "best_iteration";
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
        p.put("early_stopping_rounds", EARLY_STOPPING_ROUNDS);
        return p;
    }

    @Override
    public Map<String, Object> sample(Suggester s) {
        return treeSpace(s);
    }

    /** The xgboost/lightgbm space of docs/models.md §4 (plus the fixed early-stopping patience). */
    public static Map<String, Object> treeSpace(Suggester s) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("n_estimators", s.suggestInt("n_estimators", 100, 500));
        p.put("max_depth", s.suggestInt("max_depth", 3, 12));
        p.put("learning_rate", s.suggestFloat("learning_rate", 0.01, 0.3, true));
        p.put("subsample", s.suggestFloat("subsample", 0.6, 1.0, false));
        p.put("colsample_bytree", s.suggestFloat("colsample_bytree", 0.6, 1.0, false));
        p.put("early_stopping_rounds", EARLY_STOPPING_ROUNDS);
        return p;
    }

    /** Early-stopping patience from a parameter map; absent (older sidecars) means none. */
    public static int patience(Map<String, Object> params) {
        return params.containsKey("early_stopping_rounds") ? Params.getInt(params, "early_stopping_rounds") : 0;
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
        lib.put("eval_metric", "rmse");
        if (ctx.hasMonotone()) {
            lib.put("monotone_constraints", tuple(ctx.monotone()));
        }
        if (ctx.device().gpu()) {
            // the CPU artefact silently ignores device=cuda, so asking it would misreport the device;
            // no GPU build of xgboost4j resolves on this mirror
            ctx.log().accept("xgboost: this build links the CPU-only xgboost4j " + XGBOOST_ARTEFACT
                    + " (no GPU artefact is available); training on CPU");
        }
        lastDevice = "cpu";
        DMatrix dtrain = null;
        DMatrix dval = null;
        Booster b = null;
        boolean ok = false;
        try {
            dtrain = matrix(train.x(), train.rows(), train.cols());
            dtrain.setLabel(train.y());
            boolean haveVal = validation != null && validation.rows() > 0;
            if (haveVal) {
                dval = matrix(validation.x(), validation.rows(), validation.cols());
                dval.setLabel(validation.y());
            }
            b = XGBoost.train(dtrain, lib, 0, Map.of(), null, null);
            EarlyStopping stop = new EarlyStopping(haveVal ? patience(params) : 0);
            for (int it = 0; it < rounds; it++) {
                b.update(dtrain, it);
                double mse = haveVal ? square(rmse(b.evalSet(new DMatrix[] {dval}, new String[] {"val"}, it))) : Double.NaN;
                ctx.monitor().round(it + 1, rounds, mse);
                if (stop.update(it + 1, mse)) {
                    break;
                }
            }
            b.setAttr(BEST_ITERATION, Integer.toString(stop.bestRounds() - 1));
            XgboostRegressor r = new XgboostRegressor(b, train.cols(), stop.bestRounds(), ctx.threads());
            ok = true;
            return r;
        } catch (XGBoostError e) {
            throw new IllegalStateException("xgboost training failed: " + e.getMessage(), e);
        } finally {
            dispose(dtrain);
            dispose(dval);
            if (!ok && b != null) {
                b.dispose();
            }
        }
    }

    private static void dispose(DMatrix m) {
        if (m != null) {
            m.dispose();
        }
    }

    private static double square(double v) {
        return v * v;
    }

    /** The value of "val-rmse" in an evalSet line such as {@code [3]\tval-rmse:0.1234}. */
    static double rmse(String evalLine) {
        int i = evalLine.indexOf("val-rmse:");
        if (i < 0) {
            throw new IllegalStateException("xgboost evaluation without val-rmse: " + evalLine);
        }
        int start = i + "val-rmse:".length();
        int end = start;
        while (end < evalLine.length() && !Character.isWhitespace(evalLine.charAt(end))) {
            end++;
        }
        return Double.parseDouble(evalLine.substring(start, end));
    }

    /** XGBoost's tuple syntax for per-feature constraints, e.g. {@code (1,0,0)}. */
    static String tuple(int[] v) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < v.length; i++) {
            sb.append(i == 0 ? "" : ",").append(v[i]);
        }
        return sb.append(')').toString();
    }

    static DMatrix matrix(float[] x, int rows, int cols) throws XGBoostError {
        return new DMatrix(x, rows, cols, Float.NaN);
    }

    @Override
    public Regressor load(Path checkpoint, int featureCount, int threads) {
        if (!Files.isRegularFile(checkpoint)) {
            throw new ModelFileException(checkpoint, "xgboost checkpoint not found");
        }
        Booster b = null;
        try {
            b = XGBoost.loadModel(checkpoint.toString());
            long n = b.getNumFeature();
            if (n != featureCount) {
                throw new ModelFileException(checkpoint, "xgboost model has " + n + " features, the sidecar says "
                        + featureCount);
            }
            int total = b.getNumBoostedRound();
            String best = b.getAttr(BEST_ITERATION);
            int keep = total;
            if (best != null) {
                try {
                    keep = Integer.parseInt(best.trim()) + 1;
                } catch (NumberFormatException e) {
                    throw new ModelFileException(checkpoint, "attribute best_iteration '" + best + "' is not a number");
                }
                if (keep < 1 || keep > total) {
                    throw new ModelFileException(checkpoint, String.format(Locale.ROOT,
                            "attribute best_iteration %s is outside the model's %d rounds", best, total));
                }
            }
            b.setParam("nthread", threads);
            XgboostRegressor r = new XgboostRegressor(b, featureCount, keep, threads);
            b = null;
            return r;
        } catch (XGBoostError e) {
            throw new ModelFileException(checkpoint, "not a loadable XGBoost JSON model: " + firstLine(e.getMessage()), e);
        } finally {
            if (b != null) {
                b.dispose();
            }
        }
    }

    @Override
    public String trainerDescription() {
        return "xgboost4j " + LibraryVersions.get("xgboost4j");
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
