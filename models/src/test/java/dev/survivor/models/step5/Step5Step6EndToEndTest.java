package dev.survivor.models.step5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.survivor.models.synthetic.SyntheticSurvivors;
import dev.survivor.models.api.ModelFileException;
import dev.survivor.models.api.ModelType;
import dev.survivor.models.data.SchemaMismatchException;
import dev.survivor.models.sidecar.Json;
import dev.survivor.models.step6.Step6Options;
import dev.survivor.models.step6.Step6Runner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Step 5 --compare-models (xgboost, lightgbm) on a small generated file, then Step 6 against it. */
class Step5Step6EndToEndTest {
    @TempDir
    static Path dir;
    static Path survivors;
    static Path models;
    static Step5Runner.Outcome outcome;
    static final List<String> log = new ArrayList<>();
    static final List<Step5Listener.TrialEvent> trials = new ArrayList<>();

    @BeforeAll
    static void trainOnce() throws Exception {
        survivors = SyntheticSurvivors.write(dir.resolve("survivors_with_scores.json"), 240, 11, 7);
        Path draws = dir.resolve("draws.json");
        Files.writeString(draws, "[1, 2, 3, 4, 5]");
        models = dir.resolve("models");
        Step5Listener listener = new Step5Listener() {
            @Override
            public void log(String line) {
                log.add(line);
            }

            @Override
            public void trialFinished(TrialEvent e) {
                trials.add(e);
            }
        };
        Step5Options o = Step5Options.builder(survivors, models)
                .models(List.of(ModelType.LIGHTGBM, ModelType.XGBOOST), true).trials(2).kFolds(3).listener(listener)
                .lotteryData(draws).parentRunId("parent-1").markSeeds(List.of(SyntheticSurvivors.PLANTED)).build();
        outcome = Step5Runner.run(o);
    }

    @Test
    void writesCheckpointSidecarHistoryAndChart() throws Exception {
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.ranked()).hasSize(2).allMatch(ModelRun::ok);
        ModelRun w = outcome.winner();
        assertThat(w.validation().mse()).isLessThanOrEqualTo(outcome.ranked().get(1).validation().mse());
        Path run = outcome.runDir();
        assertThat(run.getParent()).isEqualTo(models.resolve("runs"));
        assertThat(run.resolve(w.type().checkpointFileName())).isRegularFile();
        assertThat(run.resolve("candidates/xgboost/best_model.json")).isRegularFile();
        assertThat(run.resolve("candidates/lightgbm/best_model.txt")).isRegularFile();
        JsonNode sc = Json.MAPPER.readTree(models.resolve("best_model.meta.json").toFile());
        // the published sidecar points into the run folder; the run folder's own sidecar is self-contained
        String rel = "runs/" + run.getFileName() + "/" + w.type().checkpointFileName();
        assertThat(sc.path("checkpoint_path").asText()).isEqualTo(rel);
        JsonNode inner = Json.MAPPER.readTree(run.resolve("best_model.meta.json").toFile());
        assertThat(inner.path("checkpoint_path").asText()).isEqualTo(w.type().checkpointFileName());
        assertThat(inner.path("checkpoint_sha256").asText()).isEqualTo(sc.path("checkpoint_sha256").asText());
        assertThat(sc.path("data_context").path("holdout_alignment").asText()).isEqualTo("continuation");
        assertThat(sc.path("monotone_increasing_features")).isNotEmpty();
        for (String f : List.of("schema_version", "model_type", "checkpoint_path", "checkpoint_format", "feature_schema",
                "signal_quality", "data_context", "training_metrics", "validation_metrics", "hyperparameters",
                "hardware", "training_info", "agent_metadata", "provenance", "library_versions", "leaderboard", "seed")) {
            assertThat(sc.has(f)).as(f).isTrue();
        }
        assertThat(sc.path("model_type").asText()).isEqualTo(w.type().id());
        assertThat(sc.path("feature_schema").path("feature_schema_hash").asText()).isEqualTo("7733d30a913545ca");
        assertThat(sc.path("feature_schema").path("feature_count").asInt()).isEqualTo(89);
        assertThat(sc.path("feature_schema").path("ordering").asText()).isEqualTo("lexicographic_by_key");
        assertThat(sc.path("data_context").path("training_window").path("end_draw").asInt()).isEqualTo(5);
        assertThat(sc.path("library_versions").path("xgboost4j").asText()).isEqualTo("3.0.4");
        assertThat(sc.path("leaderboard")).hasSize(2);
        assertThat(sc.path("agent_metadata").path("parent_run_id").asText()).isEqualTo("parent-1");
        // docs/decisions.md M1: the sidecar's hyperparameters are the chosen trial's, exactly
        assertThat(Json.MAPPER.convertValue(sc.path("hyperparameters"), java.util.Map.class))
                .isEqualTo(w.search().best().params());
        JsonNode hist = Json.MAPPER.readTree(run.resolve("training_history.json").toFile());
        assertThat(hist.path("models").path("xgboost").path("trials")).hasSize(2);
        assertThat(hist.path("models").path("lightgbm").path("trials").get(0).path("folds")).hasSize(3);
        for (String png : List.of("model_comparison.png", "predicted_vs_true.png")) {
            assertThat(Files.readAllBytes(run.resolve(png))).as(png).startsWith(0x89, 'P', 'N', 'G');
        }
        JsonNode metrics = Json.MAPPER.readTree(run.resolve("model_metrics.json").toFile());
        assertThat(metrics.path("models")).hasSize(2);
        assertThat(metrics.path("models").get(0).path("model_type").asText()).isEqualTo(w.type().id());
        assertThat(metrics.path("models").get(0).path("validation").path("mse").asDouble())
                .isEqualTo(w.validation().mse());
        assertThat(metrics.path("models").get(1).path("cv_mse_per_fold")).hasSize(3);
        assertThat(log).anyMatch(l -> l.contains("xgboost trial 2/2") && l.contains("complete"));
        assertThat(log).anyMatch(l -> l.contains("lightgbm trial 1/2 fold 3/3") && l.contains("ETA"));
    }

    @Test
    void everyTrialIsReportedWithTheFieldsOfTheHubEvent() {
        assertThat(trials).hasSize(4);
        assertThat(trials.stream().map(Step5Listener.TrialEvent::modelType)).containsExactly("lightgbm", "lightgbm",
                "xgboost", "xgboost");
        for (Step5Listener.TrialEvent e : trials) {
            assertThat(e.status()).isEqualTo("complete");
            assertThat(e.foldMetrics()).hasSize(3);
            assertThat(e.metric()).isCloseTo(e.foldMetrics().stream().mapToDouble(Double::doubleValue).average()
                    .orElseThrow(), org.assertj.core.api.Assertions.within(1e-12));
            assertThat(e.bestSoFar()).isLessThanOrEqualTo(e.metric());
            assertThat(e.params()).containsKey("n_estimators");
        }
        assertThat(trials.get(0).trial()).isZero();
        assertThat(trials.get(1).trial()).isEqualTo(1);
        assertThat(trials.get(1).bestSoFar()).isEqualTo(Math.min(trials.get(0).metric(), trials.get(1).metric()));
    }

    @Test
    void theWinnersPredictionsAreReportedWithThePlantedSeedMarked() {
        var p = outcome.predictions();
        assertThat(p.winner()).isEqualTo(outcome.winner().type().id());
        assertThat(p.points()).hasSize(38); // 240 rows - 48 test = 192; the last floor(0.2 * 192) validate
        assertThat(p.marked().get(0).seed()).isEqualTo(Long.toUnsignedString(SyntheticSurvivors.PLANTED));
        assertThat(p.marked().get(0).why()).isEqualTo("marked");
        assertThat(p.marked()).anyMatch(m -> m.why().equals("predicted #1"));
    }

    @Test
    void step6RanksAndWritesPrediction() throws Exception {
        Path out = dir.resolve("pred-ok");
        Step6Runner.Outcome r = Step6Runner.run(options(survivors, out));
        assertThat(r.exitCode()).isZero();
        assertThat(r.rankedSeeds()).hasSize(240);
        // the model learned something: the 24 top-ranked survivors have a higher true target than the rest
        var table = dev.survivor.models.data.SurvivorsReader.read(survivors,
                dev.survivor.models.data.SurvivorsReader.Options.training());
        java.util.Map<Long, Float> truth = new java.util.HashMap<>();
        for (int i = 0; i < table.rows(); i++) {
            truth.put(table.seeds()[i], table.data().y()[i]);
        }
        double top = r.rankedSeeds().subList(0, 24).stream().mapToDouble(truth::get).average().orElseThrow();
        double rest = r.rankedSeeds().subList(24, 240).stream().mapToDouble(truth::get).average().orElseThrow();
        assertThat(top).isGreaterThan(rest + 0.1);
        assertThat(r.predictions()).hasSize(10).allMatch(d -> d >= 0 && d < 1000);
        JsonNode p = Json.MAPPER.readTree(out.resolve("next_draw_prediction.json").toFile());
        assertThat(p.path("status").asText()).isEqualTo("success");
        assertThat(p.path("raw_scores")).hasSize(10);
        assertThat(p.path("metadata").path("feature_schema_hash").asText()).isEqualTo("7733d30a913545ca");
        // each predicted draw with the pool survivors that support it (issue #12 §4)
        JsonNode support = p.path("draw_support");
        assertThat(support).isNotEmpty();
        int supporters = 0;
        for (JsonNode d : support) {
            assertThat(r.predictions()).contains(d.path("draw").asLong());
            assertThat(d.path("survivors").size()).isEqualTo(d.path("support_count").asInt()).isPositive();
            supporters += d.path("support_count").asInt();
            assertThat(d.path("survivors").get(0).path("predicted_quality").asDouble()).isFinite();
        }
        assertThat(supporters).isBetween(10, 20);
        assertThat(r.pool()).hasSize(20);
        try (Stream<Path> s = Files.list(out.resolve("history"))) {
            assertThat(s.toList()).hasSize(1);
        }
    }

    @Test
    void step6RefusesRenamedMissingAndExtraFeatures() {
        assertMismatch(n -> n.equals("pred_mean") ? "pred_average" : n, List.of("pred_mean"), List.of("pred_average"));
        assertMismatch(n -> n.equals("lane_consistency") ? null : n, List.of("lane_consistency"), List.of());
        Path extra = SyntheticSurvivors.write(dir.resolve("extra.json"), 20, 5, 0,
                n -> n.equals("score") ? "zz_new_feature" : n, false);
        // "score" renamed: the extra name is a feature the model never saw
        assertThatThrownBy(() -> Step6Runner.run(options(extra, dir.resolve("pred-x"))))
                .isInstanceOfSatisfying(SchemaMismatchException.class, e -> {
                    assertThat(e.extra()).containsExactly("zz_new_feature");
                    assertThat(e.missing()).isEmpty();
                    assertThat(e.getMessage()).contains("7733d30a913545ca");
                });
        assertThat(dir.resolve("pred-x")).doesNotExist();
    }

    private void assertMismatch(java.util.function.UnaryOperator<String> rename, List<String> missing,
            List<String> extra) {
        Path f = SyntheticSurvivors.write(dir.resolve("mm.json"), 20, 5, 0, rename, false);
        assertThatThrownBy(() -> Step6Runner.run(options(f, dir.resolve("pred-mm"))))
                .isInstanceOfSatisfying(SchemaMismatchException.class, e -> {
                    assertThat(e.expectedHash()).isEqualTo("7733d30a913545ca");
                    assertThat(e.foundHash()).isNotEqualTo(e.expectedHash());
                    assertThat(e.missing()).isEqualTo(missing);
                    assertThat(e.extra()).isEqualTo(extra);
                });
    }

    @Test
    void step6RefusesTamperedOrBrokenModelFolders() throws Exception {
        Path sidecar = models.resolve("best_model.meta.json");
        String good = Files.readString(sidecar);
        ObjectNode root = (ObjectNode) Json.MAPPER.readTree(good);

        Path t1 = copyModels("tamper-hash");
        ObjectNode r1 = root.deepCopy();
        ((ObjectNode) r1.get("feature_schema")).put("feature_schema_hash", "0000000000000000");
        Json.write(t1.resolve("best_model.meta.json"), r1);
        assertLoadFails(t1, "feature_names hash to 7733d30a913545ca");

        Path t2 = copyModels("unknown-type");
        ObjectNode r2 = root.deepCopy();
        r2.put("model_type", "random_forest");
        Json.write(t2.resolve("best_model.meta.json"), r2);
        assertLoadFails(t2, "unknown model type 'random_forest'");

        Path t3 = copyModels("truncated-sidecar");
        Files.writeString(t3.resolve("best_model.meta.json"), good.substring(0, good.length() / 2));
        assertLoadFails(t3, "corrupt sidecar");

        Path t4 = copyModels("truncated-checkpoint");
        Path cp = t4.resolve(root.path("checkpoint_path").asText());
        byte[] bytes = Files.readAllBytes(cp);
        Files.write(cp, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertLoadFails(t4, "modified or truncated");

        Path t5 = copyModels("no-checkpoint");
        Files.delete(t5.resolve(root.path("checkpoint_path").asText()));
        assertLoadFails(t5, "not found");

        Path t6 = dir.resolve("empty-models");
        Files.createDirectories(t6);
        assertLoadFails(t6, "model sidecar not found");

        Path t7 = copyModels("wrong-format");
        ObjectNode r7 = root.deepCopy();
        r7.put("checkpoint_format", "cbm");
        Json.write(t7.resolve("best_model.meta.json"), r7);
        assertLoadFails(t7, "does not belong to model_type");
    }

    private void assertLoadFails(Path modelsDir, String text) {
        assertThatThrownBy(() -> Step6Runner.run(new Step6Options(modelsDir, survivors, null, null, 10, 20,
                dir.resolve("pred-bad"), null, null, 0, s -> { })))
                .isInstanceOf(ModelFileException.class).hasMessageContaining(text);
    }

    /** A copy of the whole models folder: paths in the sidecar are relative, so the copy is self-contained. */
    static Path copyModels(String name) throws Exception {
        Path to = dir.resolve(name);
        try (Stream<Path> all = Files.walk(models)) {
            for (Path p : all.toList()) {
                Path t = to.resolve(models.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        return to;
    }

    private static Step6Options options(Path forward, Path out) {
        Path draws = dir.resolve("draws.json");
        return new Step6Options(models, forward, null, draws, 10, 20, out, null, null, 0, s -> { });
    }

    @Test
    void degenerateTargetExitsTwoAndStep6Skips() throws Exception {
        Path flat = SyntheticSurvivors.write(dir.resolve("flat.json"), 30, 3, 0, n -> n, true);
        Path out = dir.resolve("degenerate-models");
        Step5Runner.Outcome d = Step5Runner.run(Step5Options.defaults(flat, out)
                .withModels(List.of(ModelType.XGBOOST), false).withBudget(1, 2));
        assertThat(d.exitCode()).isEqualTo(2);
        assertThat(d.message()).contains("degenerate target");
        JsonNode sc = Json.MAPPER.readTree(out.resolve("best_model.meta.json").toFile());
        assertThat(sc.path("model_type").isNull()).isTrue();
        assertThat(sc.path("agent_metadata").path("exit_code").asInt()).isEqualTo(2);
        Step6Runner.Outcome s = Step6Runner.run(new Step6Options(out, flat, null, null, 10, 20,
                dir.resolve("pred-skip"), null, null, 0, x -> { }));
        assertThat(s.exitCode()).isEqualTo(3);
        JsonNode p = Json.MAPPER.readTree(dir.resolve("pred-skip/next_draw_prediction.json").toFile());
        assertThat(p.path("status").asText()).isEqualTo("PREDICTION_SKIPPED");
    }
}
