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

    @BeforeAll
    static void trainOnce() throws Exception {
        survivors = SyntheticSurvivors.write(dir.resolve("survivors_with_scores.json"), 240, 11, 7);
        Path draws = dir.resolve("draws.json");
        Files.writeString(draws, "[1, 2, 3, 4, 5]");
        models = dir.resolve("models");
        Step5Options o = Step5Options.defaults(survivors, models)
                .withModels(List.of(ModelType.LIGHTGBM, ModelType.XGBOOST), true)
                .withBudget(2, 3).withLog(log::add);
        o = new Step5Options(o.survivors(), o.modelTypes(), o.compareModels(), o.trials(), o.kFolds(), o.testHoldout(),
                o.outputDir(), o.metric(), o.seed(), o.device(), o.threads(), draws, 1000, "java_lcg", 1000, "parent-1",
                o.log(), null);
        outcome = Step5Runner.run(o);
    }

    @Test
    void writesCheckpointSidecarHistoryAndChart() throws Exception {
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.ranked()).hasSize(2).allMatch(ModelRun::ok);
        ModelRun w = outcome.winner();
        assertThat(w.validation().mse()).isLessThanOrEqualTo(outcome.ranked().get(1).validation().mse());
        assertThat(models.resolve(w.type().checkpointFileName())).isRegularFile();
        assertThat(models.resolve("compare_models")).isDirectory();
        JsonNode sc = Json.MAPPER.readTree(models.resolve("best_model.meta.json").toFile());
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
        JsonNode hist = Json.MAPPER.readTree(models.resolve("training_history.json").toFile());
        assertThat(hist.path("models").path("xgboost").path("trials")).hasSize(2);
        assertThat(hist.path("models").path("lightgbm").path("trials").get(0).path("folds")).hasSize(3);
        byte[] png = Files.readAllBytes(models.resolve("model_comparison.png"));
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        assertThat(log).anyMatch(l -> l.contains("xgboost trial 2/2"));
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
        Path cp = t4.resolve(outcome.winner().type().checkpointFileName());
        byte[] bytes = Files.readAllBytes(cp);
        Files.write(cp, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertLoadFails(t4, "modified or truncated");

        Path t5 = copyModels("no-checkpoint");
        Files.delete(t5.resolve(outcome.winner().type().checkpointFileName()));
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

    private Path copyModels(String name) throws Exception {
        Path to = dir.resolve(name);
        Files.createDirectories(to);
        for (String f : List.of("best_model.meta.json", outcome.winner().type().checkpointFileName())) {
            Files.copy(models.resolve(f), to.resolve(f));
        }
        // the sidecar's checkpoint_path points into the original folder: make the copy self-contained
        ObjectNode root = (ObjectNode) Json.MAPPER.readTree(to.resolve("best_model.meta.json").toFile());
        root.put("checkpoint_path", to.resolve(outcome.winner().type().checkpointFileName()).toString());
        Json.write(to.resolve("best_model.meta.json"), root);
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
