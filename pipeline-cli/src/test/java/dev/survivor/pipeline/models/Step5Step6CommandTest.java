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
        assertThat(r5.out()).contains("Leaderboard (validation mse)", "1. ", "Best model:", "model_comparison.png");
        assertThat(r5.err()).contains("[step5] xgboost trial 1/1", "[step5] lightgbm trial 1/1");
        assertThat(models.resolve("best_model.meta.json")).isRegularFile();

        Path draws = dir.resolve("draws.json");
        Files.writeString(draws, "[{\"draw\": 5}, {\"draw\": 7}]");
        Path preds = dir.resolve("predictions");
        Run r6 = run("step6", "--models-dir", models.toString(), "--survivors-forward", survivors.toString(),
                "--lottery-history", draws.toString(), "--output-dir", preds.toString());
        assertThat(r6.code()).as(r6.err()).isZero();
        assertThat(r6.out()).contains("Predicted draws: [");
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
}
