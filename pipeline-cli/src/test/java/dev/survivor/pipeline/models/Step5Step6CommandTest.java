package dev.survivor.pipeline.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.survivor.models.synthetic.SyntheticSurvivors;
import dev.survivor.pipeline.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `pipeline step5` and `pipeline step6` through the real Main. */
class Step5Step6CommandTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine(new PrintWriter(out), new PrintWriter(err)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void step5ThenStep6AndASchemaMismatch() throws Exception {
        Path survivors = SyntheticSurvivors.write(dir.resolve("survivors_with_scores.json"), 120, 3, 0);
        Path models = dir.resolve("models");
        Run r5 = run("step5", "--survivors", survivors.toString(), "--compare-models", "--model-types",
                "xgboost,lightgbm", "--trials", "1", "--k-folds", "2", "--output-dir", models.toString(),
                "--threads", "1");
        assertThat(r5.code()).as(r5.err()).isZero();
        assertThat(r5.out()).contains("Leaderboard (validation mse)", "1. ", "Best model:", "model_comparison.png",
                "predicted_vs_true.png", "model_metrics.json");
        assertThat(r5.err()).contains("[step5] xgboost trial 1/1", "[step5] lightgbm trial 1/1", "ETA");
        assertThat(models.resolve("best_model.meta.json")).isRegularFile();

        Path draws = dir.resolve("draws.json");
        Files.writeString(draws, "[{\"draw\": 5}, {\"draw\": 7}]");
        Path preds = dir.resolve("predictions");
        Run r6 = run("step6", "--models-dir", models.toString(), "--survivors-forward", survivors.toString(),
                "--lottery-history", draws.toString(), "--output-dir", preds.toString());
        assertThat(r6.code()).as(r6.err()).isZero();
        assertThat(r6.out()).contains("Predicted draws: [", "survivor(s) of the pool");
        assertThat(preds.resolve("next_draw_prediction.json")).isRegularFile();

        Path renamed = SyntheticSurvivors.write(dir.resolve("renamed.json"), 10, 4, 0,
                n -> n.equals("actual_mean") ? "actual_average" : n, false);
        Run bad = run("step6", "--models-dir", models.toString(), "--survivors-forward", renamed.toString(),
                "--output-dir", dir.resolve("p2").toString());
        assertThat(bad.code()).isEqualTo(65);
        assertThat(bad.err()).contains("expects feature_schema_hash 7733d30a913545ca", "missing features [actual_mean]",
                "extra features [actual_average]");
        assertThat(dir.resolve("p2")).doesNotExist();
    }

    @Test
    void degenerateTargetExitsTwo() {
        Path flat = SyntheticSurvivors.write(dir.resolve("flat.json"), 20, 3, 0, n -> n, true);
        Run r = run("step5", "--survivors", flat.toString(), "--model-type", "xgboost", "--trials", "1",
                "--output-dir", dir.resolve("m").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("degenerate target");
        Run s = run("step6", "--models-dir", dir.resolve("m").toString(), "--survivors-forward", flat.toString(),
                "--output-dir", dir.resolve("p").toString());
        assertThat(s.code()).isEqualTo(3);
    }

    @Test
    void helpAndBadOptions() {
        assertThat(run("step5", "--help").out()).contains("--compare-models", "--metric", "Default: mse");
        assertThat(run("step6", "--help").out()).contains("--models-dir", "--pool-size");
        assertThat(run("step5", "--survivors", "x.json", "--model-type", "svm").err()).contains("unknown model type 'svm'");
        Run missing = run("step6", "--models-dir", dir.toString(), "--survivors-forward", "x.json");
        assertThat(missing.code()).isEqualTo(65);
        assertThat(missing.err()).contains("model sidecar not found");
    }

    @Test
    void optionValuesThatCannotWorkAreUsageErrors() throws Exception {
        Path survivors = SyntheticSurvivors.write(dir.resolve("s.json"), 60, 3, 0);
        String m = dir.resolve("m").toString();
        Run zero = run("step5", "--survivors", survivors.toString(), "--trials", "0", "--output-dir", m);
        assertThat(zero.code()).isEqualTo(64);
        assertThat(zero.err()).contains("--trials must be ≥ 1, got 0").doesNotContain("default value");
        Run oneFold = run("step5", "--survivors", survivors.toString(), "--k-folds", "1", "--output-dir", m);
        assertThat(oneFold.code()).isEqualTo(64);
        assertThat(oneFold.err()).contains("--k-folds must be ≥ 2, got 1");
        Run negative = run("step5", "--survivors", survivors.toString(), "--threads", "-1", "--output-dir", m);
        assertThat(negative.code()).isEqualTo(64);
        assertThat(negative.err()).contains("--threads must be ≥ 0");
        Run budget = run("step5", "--survivors", survivors.toString(), "--time-budget", "-5", "--output-dir", m);
        assertThat(budget.code()).isEqualTo(64);
        Run search = run("step5", "--survivors", survivors.toString(), "--search", "grid", "--output-dir", m);
        assertThat(search.code()).isEqualTo(65);
        assertThat(search.err()).contains("unknown search method 'grid'");
        assertThat(dir.resolve("m")).doesNotExist();
    }

    @Test
    void tooManyFoldsNameBothNumbers() {
        Path survivors = SyntheticSurvivors.write(dir.resolve("s.json"), 2000, 3, 0);
        Run r = run("step5", "--survivors", survivors.toString(), "--model-type", "xgboost", "--k-folds", "1000",
                "--output-dir", dir.resolve("m").toString());
        assertThat(r.code()).isEqualTo(65);
        assertThat(r.err()).contains("--k-folds 1000 is more than the data allows: 1600 training rows",
                "at most 800 fold(s)");
    }

    @Test
    void aHugeThreadCountIsCappedWithAWarning() {
        Path survivors = SyntheticSurvivors.write(dir.resolve("s.json"), 80, 3, 0);
        int cores = Runtime.getRuntime().availableProcessors();
        Run r = run("step5", "--survivors", survivors.toString(), "--model-type", "lightgbm", "--trials", "1",
                "--k-folds", "2", "--threads", "1000000", "--output-dir", dir.resolve("m").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("warning: --threads 1000000 is more than the " + cores + " cores of this machine; "
                + "using " + cores);
        Run s6 = run("step6", "--models-dir", dir.resolve("m").toString(), "--survivors-forward", survivors.toString(),
                "--threads", "5000", "--output-dir", dir.resolve("p").toString());
        assertThat(s6.code()).as(s6.err()).isZero();
        assertThat(s6.err()).contains("warning: --threads 5000 is more than the");
    }

    @Test
    void jsonSummaryLinesAndATimeBudgetTooSmallForAnyModel() throws Exception {
        Path survivors = SyntheticSurvivors.write(dir.resolve("s.json"), 120, 3, 0);
        String models = dir.resolve("m").toString();
        Run r5 = run("step5", "--survivors", survivors.toString(), "--model-type", "xgboost", "--trials", "1",
                "--k-folds", "2", "--output-dir", models, "--json");
        assertThat(r5.code()).as(r5.err()).isZero();
        assertThat(r5.out().strip().lines()).hasSize(1);
        var j5 = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r5.out());
        assertThat(j5.path("status").asText()).isEqualTo("ok");
        assertThat(j5.path("winner").asText()).isEqualTo("xgboost");
        assertThat(j5.path("leaderboard")).hasSize(1);
        assertThat(r5.err()).contains("Leaderboard (validation mse)");
        Run r6 = run("step6", "--models-dir", models, "--survivors-forward", survivors.toString(), "--json",
                "--output-dir", dir.resolve("p").toString());
        assertThat(r6.code()).as(r6.err()).isZero();
        var j6 = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r6.out());
        assertThat(j6.path("status").asText()).isEqualTo("ok");
        assertThat(j6.path("survivors").asInt()).isEqualTo(120);
        assertThat(j6.path("top_seed").isNumber()).isTrue();

        Run tight = run("step5", "--survivors", survivors.toString(), "--model-type", "catboost", "--trials", "2",
                "--k-folds", "2", "--time-budget", "0.001", "--output-dir", dir.resolve("m2").toString());
        assertThat(tight.code()).isEqualTo(64);
        assertThat(tight.err()).contains("--time-budget is too small for any model", "catboost",
                "one trial needs about");
    }

    @Test
    void survivorsMixingHoldoutAlignmentsAreRefused() throws Exception {
        Path survivors = SyntheticSurvivors.write(dir.resolve("s.json"), 40, 3, 0);
        String text = java.nio.file.Files.readString(survivors);
        int last = text.lastIndexOf("\"continuation\"");
        Path mixed = dir.resolve("mixed.json");
        java.nio.file.Files.writeString(mixed, text.substring(0, last) + "\"reference\"" + text.substring(last + 14));
        Run r = run("step5", "--survivors", mixed.toString(), "--model-type", "xgboost", "--output-dir",
                dir.resolve("m").toString());
        assertThat(r.code()).isEqualTo(65);
        assertThat(r.err()).contains(mixed.toString(), "mixes holdout alignments", "\"continuation\"",
                "element 39", "\"reference\"");
    }

    @Test
    void survivorsWithoutHoldoutFieldsNameTheMissingField() throws Exception {
        Path f = dir.resolve("no-holdout.json");
        java.nio.file.Files.writeString(f, "[{\"seed\": 1, \"features\": {\"a\": 1}}]");
        Run r = run("step5", "--survivors", f.toString(), "--output-dir", dir.resolve("m").toString());
        assertThat(r.code()).isEqualTo(65);
        assertThat(r.err()).contains("has no \"holdout_quality\" field");
    }
}
