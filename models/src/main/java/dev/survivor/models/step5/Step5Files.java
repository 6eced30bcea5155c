package dev.survivor.models.step5;

import dev.survivor.models.LibraryVersions;
import dev.survivor.models.data.FeatureSchema;
import dev.survivor.models.data.Metrics;
import dev.survivor.models.data.SignalQuality;
import dev.survivor.models.search.TrialResult;
import dev.survivor.models.sidecar.Json;
import dev.survivor.models.sidecar.Sidecar;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the sidecar (docs/models.md §6 plus our leaderboard/versions) and training_history.json (docs/decisions.md M4). */
final class Step5Files {
    private Step5Files() {
    }

    /** Facts about the run shared by the files. */
    record RunInfo(String runId, Instant startedAt, Instant completedAt, Step5Options options, Path survivorsFile,
            int survivors, FeatureSchema schema, SignalQuality signal, Map<String, Object> dataContext, int nTrain,
            int nValidation, int nTest, Map<String, Object> anchors, int duplicateRows, List<String> monotone,
            Path runDir) {
        double durationSeconds() {
            return (completedAt.toEpochMilli() - startedAt.toEpochMilli()) / 1000.0;
        }
    }

    static Map<String, Object> featureSchema(RunInfo r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source_file", r.survivorsFile().toAbsolutePath().toString());
        m.put("feature_count", r.schema().count());
        m.put("feature_names", r.schema().names());
        m.put("ordering", FeatureSchema.ORDERING);
        m.put("feature_schema_hash", r.schema().hash());
        m.put("excluded_features", FeatureSchema.EXCLUDED);
        return m;
    }

    static Map<String, Object> metrics(Metrics m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mse", Json.num(m.mse()));
        out.put("mae", Json.num(m.mae()));
        out.put("r2", Json.num(m.r2()));
        return out;
    }

    /**
     * @param checkpointPath and {@code companions}: relative to the sidecar's folder (docs/training.md §7)
     */
    static Map<String, Object> success(RunInfo r, ModelRun winner, List<ModelRun> ranked, String checkpointPath,
            String checkpointSha256, List<String> companions) {
        Step5Options o = r.options();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema_version", Sidecar.SCHEMA_VERSION);
        m.put("model_type", winner.type().id());
        m.put("checkpoint_path", checkpointPath);
        m.put("checkpoint_format", winner.type().checkpointFormat());
        m.put("checkpoint_sha256", checkpointSha256);
        m.put("checkpoint_companions", companions);
        m.put("feature_schema", featureSchema(r));
        m.put("signal_quality", r.signal().toMap());
        m.put("data_context", r.dataContext());
        Map<String, Object> tm = new LinkedHashMap<>();
        tm.put("status", "success");
        tm.put("r2", Json.num(winner.validation().r2()));
        tm.put("val_mse", Json.num(winner.validation().mse()));
        tm.put("val_mae", Json.num(winner.validation().mae()));
        tm.put("train_mse", Json.num(winner.train().mse()));
        tm.put("train_mae", Json.num(winner.train().mae()));
        tm.put("train_r2", Json.num(winner.train().r2()));
        tm.put("metric", o.metric().id());
        tm.put("metric_value", Json.num(winner.validation().get(o.metric())));
        tm.put("cv_mean_" + o.metric().id(), Json.num(winner.search().best().meanScore()));
        m.put("training_metrics", tm);
        m.put("validation_metrics", metrics(winner.validation()));
        m.put("hyperparameters", winner.finalParams());
        m.put("monotone_increasing_features", usesMonotone(winner) ? r.monotone() : List.of());
        m.put("anchors", r.anchors());
        m.put("seed", o.seed());
        Map<String, Object> search = new LinkedHashMap<>();
        int trialsRun = winner.search().trials().size(); // differs from o.trials() after a live change
        search.put("enabled", trialsRun > 1);
        search.put("method", winner.search().method());
        search.put("n_trials", trialsRun);
        search.put("k_folds", o.kFolds());
        search.put("best_trial_number", winner.search().best().number());
        search.put("best_value", Json.num(winner.search().best().meanScore()));
        search.put("objective", "mean cross-validation " + o.metric().id());
        search.put("trials_complete", winner.search().count(TrialResult.COMPLETE));
        search.put("trials_pruned", winner.search().count(TrialResult.PRUNED));
        search.put("trials_failed", winner.search().count(TrialResult.FAILED));
        search.put("stop_reason", winner.search().stopReason());
        search.put("time_budget_seconds", o.timeBudgetSeconds() > 0 ? o.timeBudgetSeconds() : null);
        m.put("search", search);
        Map<String, Object> hw = new LinkedHashMap<>();
        hw.put("device_requested", o.device().requested());
        hw.put("device_used", winner.deviceUsed());
        hw.put("cuda_available", winner.deviceUsed().startsWith("cuda") || winner.deviceUsed().equals("gpu"));
        hw.put("threads", o.threads());
        m.put("hardware", hw);
        Map<String, Object> ti = trainingInfo(r, "SUCCESS");
        ti.put("trainer", winner.trainer());
        ti.put("model_duration_seconds", winner.durationSeconds());
        m.put("training_info", ti);
        m.put("agent_metadata", agentMetadata(r, "SUCCESS", 0));
        m.put("provenance", provenance(r, o.compareModels() ? "compare_models" : winner.type().id(), "SUCCESS"));
        m.put("library_versions", LibraryVersions.all());
        m.put("leaderboard", leaderboard(ranked, o.metric()));
        return m;
    }

    static Map<String, Object> degenerate(RunInfo r, String error) {
        Step5Options o = r.options();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema_version", Sidecar.SCHEMA_VERSION);
        m.put("model_type", null);
        m.put("checkpoint_path", null);
        m.put("checkpoint_format", null);
        m.put("feature_schema", featureSchema(r));
        m.put("signal_quality", r.signal().toMap());
        m.put("data_context", r.dataContext());
        Map<String, Object> tm = new LinkedHashMap<>();
        tm.put("status", "degenerate_signal");
        tm.put("r2", 0.0);
        tm.put("train_mse", null);
        tm.put("val_mse", null);
        tm.put("error", error);
        m.put("training_metrics", tm);
        m.put("seed", o.seed());
        Map<String, Object> hw = new LinkedHashMap<>();
        hw.put("device_requested", o.device().requested());
        hw.put("cuda_available", false);
        m.put("hardware", hw);
        m.put("training_info", trainingInfo(r, "DEGENERATE_SIGNAL"));
        m.put("agent_metadata", agentMetadata(r, "DEGENERATE_SIGNAL", 2));
        m.put("anchors", r.anchors());
        m.put("provenance", provenance(r, o.compareModels() ? "compare_models" : o.modelTypes().get(0).id(),
                "DEGENERATE_SIGNAL"));
        m.put("library_versions", LibraryVersions.all());
        return m;
    }

    private static Map<String, Object> trainingInfo(RunInfo r, String outcome) {
        Map<String, Object> ti = new LinkedHashMap<>();
        ti.put("started_at", r.startedAt().toString());
        ti.put("completed_at", r.completedAt().toString());
        ti.put("duration_seconds", r.durationSeconds());
        ti.put("outcome", outcome);
        ti.put("n_train", r.nTrain());
        ti.put("n_validation", r.nValidation());
        ti.put("n_test_holdout", r.nTest());
        ti.put("n_anchors", r.anchors() == null ? 0 : r.anchors().get("count"));
        ti.put("test_holdout_fraction", r.options().testHoldout());
        return ti;
    }

    private static Map<String, Object> agentMetadata(RunInfo r, String outcome, int exitCode) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("pipeline_step", 5);
        a.put("pipeline_step_name", "anti_overfit_training");
        a.put("run_id", r.runId());
        a.put("parent_run_id", r.options().parentRunId());
        a.put("outcome", outcome);
        a.put("exit_code", exitCode);
        return a;
    }

    private static boolean usesMonotone(ModelRun run) {
        return run.type() == dev.survivor.models.api.ModelType.XGBOOST
                || run.type() == dev.survivor.models.api.ModelType.LIGHTGBM;
    }

    private static Map<String, Object> provenance(RunInfo r, String modelType, String outcome) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("run_id", r.runId());
        p.put("started_at", r.startedAt().toString());
        p.put("duration_seconds", r.durationSeconds());
        p.put("survivors_file", r.survivorsFile().toAbsolutePath().toString());
        p.put("n_survivors", r.survivors());
        p.put("model_type", modelType);
        p.put("compare_models_used", r.options().compareModels());
        p.put("duplicate_rows", r.duplicateRows());
        p.put("outcome", outcome);
        return p;
    }

    static List<Map<String, Object>> leaderboard(List<ModelRun> ranked, Metrics.Metric metric) {
        List<Map<String, Object>> out = new ArrayList<>();
        int rank = 1;
        for (ModelRun r : ranked) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("rank", r.ok() ? rank++ : null);
            e.put("model_type", r.type().id());
            e.put("status", r.status());
            if (r.ok()) {
                e.put("val_" + metric.id(), Json.num(r.validation().get(metric)));
                e.put("val_mse", Json.num(r.validation().mse()));
                e.put("val_mae", Json.num(r.validation().mae()));
                e.put("val_r2", Json.num(r.validation().r2()));
                e.put("cv_mean_" + metric.id(), Json.num(r.search().best().meanScore()));
                e.put("best_trial", r.search().best().number());
                e.put("hyperparameters", r.finalParams());
                e.put("trainer", r.trainer());
                e.put("device_used", r.deviceUsed());
            } else {
                e.put("error", r.error());
            }
            e.put("duration_seconds", r.durationSeconds());
            out.add(e);
        }
        return out;
    }

    /** {@code model_metrics.json}: per model type, its validation metrics and how its search went (issue §4). */
    static Map<String, Object> modelMetrics(RunInfo r, List<ModelRun> ranked) {
        Step5Options o = r.options();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run_id", r.runId());
        m.put("metric", o.metric().id());
        m.put("validation_rows", r.nValidation());
        m.put("note", "validation = the final split's validation survivors (never anchors); cv = the chosen trial's "
                + "folds");
        List<Map<String, Object>> models = new ArrayList<>();
        for (ModelRun run : ranked) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("model_type", run.type().id());
            e.put("status", run.status());
            if (run.ok()) {
                e.put("validation", metrics(run.validation()));
                e.put("train", metrics(run.train()));
                List<Double> folds = run.search().best().folds().stream().map(f -> f.metrics().get(o.metric())).toList();
                e.put("cv_" + o.metric().id() + "_per_fold", folds);
                e.put("cv_" + o.metric().id() + "_mean", Json.num(run.search().best().meanScore()));
                e.put("cv_" + o.metric().id() + "_std", Json.num(std(folds)));
                e.put("hyperparameters", run.finalParams());
            } else {
                e.put("error", run.error());
            }
            if (run.search() != null) {
                e.put("trials_complete", run.search().count(TrialResult.COMPLETE));
                e.put("trials_pruned", run.search().count(TrialResult.PRUNED));
                e.put("trials_failed", run.search().count(TrialResult.FAILED));
            }
            e.put("duration_seconds", run.durationSeconds());
            models.add(e);
        }
        m.put("models", models);
        return m;
    }

    private static double std(List<Double> v) {
        double mean = v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        return Math.sqrt(v.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum() / Math.max(1, v.size()));
    }

    static Map<String, Object> history(RunInfo r, List<ModelRun> runs) {
        Step5Options o = r.options();
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("run_id", r.runId());
        h.put("started_at", r.startedAt().toString());
        h.put("completed_at", r.completedAt().toString());
        h.put("survivors_file", r.survivorsFile().toAbsolutePath().toString());
        h.put("feature_schema_hash", r.schema().hash());
        h.put("metric", o.metric().id());
        h.put("seed", o.seed());
        h.put("k_folds", o.kFolds());
        h.put("trials_per_model", o.trials());
        Map<String, Object> models = new LinkedHashMap<>();
        for (ModelRun run : runs) {
            Map<String, Object> mr = new LinkedHashMap<>();
            mr.put("status", run.status());
            mr.put("error", run.error());
            mr.put("duration_seconds", run.durationSeconds());
            if (run.search() != null) {
                mr.put("search_method", run.search().method());
                mr.put("best_trial", run.search().best().number());
                mr.put("stop_reason", run.search().stopReason());
                List<Map<String, Object>> trials = new ArrayList<>();
                for (TrialResult t : run.search().trials()) {
                    Map<String, Object> tm = new LinkedHashMap<>();
                    tm.put("number", t.number());
                    tm.put("params", t.params());
                    tm.put("suggestions", t.suggestions());
                    tm.put("status", t.status());
                    tm.put("stopped_by", t.stoppedBy());
                    tm.put("mean_" + o.metric().id(), Json.num(t.meanScore()));
                    tm.put("duration_seconds", t.durationSeconds());
                    tm.put("error", t.error());
                    List<Map<String, Object>> folds = new ArrayList<>();
                    for (TrialResult.Fold f : t.folds()) {
                        Map<String, Object> fm = new LinkedHashMap<>(metrics(f.metrics()));
                        fm.put("fold", f.fold());
                        fm.put("train_rows", f.trainRows());
                        fm.put("validation_rows", f.validationRows());
                        fm.put("duration_seconds", f.durationSeconds());
                        fm.put("rounds_run", f.roundsRun());
                        folds.add(fm);
                    }
                    tm.put("folds", folds);
                    trials.add(tm);
                }
                mr.put("trials", trials);
            }
            if (run.ok()) {
                Map<String, Object> fin = new LinkedHashMap<>();
                fin.put("params", run.finalParams());
                fin.put("train", metrics(run.train()));
                fin.put("validation", metrics(run.validation()));
                fin.put("trainer", run.trainer());
                fin.put("device_used", run.deviceUsed());
                fin.put("checkpoint", r.runDir().relativize(run.checkpoint().path()).toString());
                mr.put("final", fin);
            }
            models.put(run.type().id(), mr);
        }
        h.put("models", models);
        return h;
    }
}
