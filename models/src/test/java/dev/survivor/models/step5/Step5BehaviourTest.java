package dev.survivor.models.step5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.survivor.kernels.io.InputFileException;
import dev.survivor.models.api.ModelType;
import dev.survivor.models.search.TimeBudgetException;
import dev.survivor.models.sidecar.Json;
import dev.survivor.models.step6.Step6Options;
import dev.survivor.models.step6.Step6Runner;
import dev.survivor.models.synthetic.SyntheticSurvivors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Step 5's refusals and guarantees (issues #12 bad input and #13), each on a small generated file. */
class Step5BehaviourTest {
    @TempDir
    Path dir;

    private Step5Options.Builder xgboost(Path survivors, Path out) {
        return Step5Options.builder(survivors, out).models(List.of(ModelType.XGBOOST), false).trials(1).kFolds(2);
    }

    @Test
    void aFailedRunLeavesThePublishedModelWholeAndTheNextRunCleansUp() throws Exception {
        Path survivors = SyntheticSurvivors.write(dir.resolve("s.json"), 120, 1, 0);
        Path out = dir.resolve("models");
        Step5Runner.Outcome first = Step5Runner.run(xgboost(survivors, out).build());
        Path sidecar = out.resolve("best_model.meta.json");
        String published = Files.readString(sidecar);
        Step6Runner.Outcome before = Step6Runner.run(step6(out, survivors, "p1"));

        // the second run dies after its checkpoint is written and before it is published (as a kill -9 there would)
        Path other = SyntheticSurvivors.write(dir.resolve("s2.json"), 120, 2, 0);
        Step5Options dying = xgboost(other, out).seed(7).log(line -> {
            if (line.contains("final fit")) {
                throw new IllegalStateException("killed");
            }
        }).build();
        assertThatThrownBy(() -> Step5Runner.run(dying)).hasMessageContaining("killed");
        assertThat(Files.readString(sidecar)).isEqualTo(published);
        Step6Runner.Outcome after = Step6Runner.run(step6(out, survivors, "p2"));
        assertThat(after.rankedSeeds()).isEqualTo(before.rankedSeeds());
        assertThat(runFolders(out)).containsExactly(first.runDir().getFileName().toString());

        // leftovers of a run killed for real (an unpublished folder, a temp file) go on the next run
        Path orphan = out.resolve("runs").resolve("step5_20000101_000000_dead");
        Files.createDirectories(orphan.resolve("candidates/xgboost"));
        Files.writeString(orphan.resolve("candidates/xgboost/best_model.json"), "{}");
        Files.writeString(out.resolve(".best_model.meta.json123.tmp"), "{");
        List<String> log = new ArrayList<>();
        Step5Runner.Outcome third = Step5Runner.run(xgboost(survivors, out).log(log::add).build());
        assertThat(orphan).doesNotExist();
        assertThat(out.resolve(".best_model.meta.json123.tmp")).doesNotExist();
        assertThat(log).anyMatch(l -> l.contains("removing incomplete run folder"));
        // the previous model stays (a reader may still be loading it); anything older goes
        assertThat(runFolders(out)).containsExactlyInAnyOrder(first.runDir().getFileName().toString(),
                third.runDir().getFileName().toString());
        Step5Runner.Outcome fourth = Step5Runner.run(xgboost(survivors, out).build());
        assertThat(runFolders(out)).containsExactlyInAnyOrder(third.runDir().getFileName().toString(),
                fourth.runDir().getFileName().toString());
    }

    @Test
    void aSecondRunOnTheSameFolderIsRefusedWhileTheFirstHoldsIt() throws Exception {
        Path survivors = SyntheticSurvivors.write(dir.resolve("s.json"), 120, 1, 0);
        Path out = dir.resolve("models");
        List<Throwable> second = new ArrayList<>();
        Step5Runner.run(xgboost(survivors, out).log(line -> {
            if (line.startsWith("target:") && second.isEmpty()) {
                try {
                    Step5Runner.run(xgboost(survivors, out).build());
                    second.add(new AssertionError("the second run was not refused"));
                } catch (RuntimeException e) {
                    second.add(e);
                }
            }
        }).build());
        assertThat(second).singleElement().satisfies(e -> assertThat(e).hasMessageContaining("is in use by another "
                + "Step 5 run").hasMessageContaining("pid " + ProcessHandle.current().pid()));
    }

    @Test
    void moreFoldsThanTheDataAllowsAreRefusedBeforeAnythingIsWritten() {
        Path survivors = SyntheticSurvivors.write(dir.resolve("s.json"), 50, 1, 0);
        Path out = dir.resolve("models");
        assertThatThrownBy(() -> Step5Runner.run(xgboost(survivors, out).kFolds(1000).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--k-folds 1000").hasMessageContaining("40 training rows");
        assertThat(out).doesNotExist();
    }

    @Test
    void nanFeaturesAreBadInputForTheNeuralNetAndSkipItInAComparison() {
        Path survivors = SyntheticSurvivors.write(dir.resolve("nan.json"), 60, 1, 7);
        assertThatThrownBy(() -> Step5Runner.run(Step5Options.builder(survivors, dir.resolve("nn"))
                .models(List.of(ModelType.NEURAL_NET), false).trials(1).kFolds(2).build()))
                .isInstanceOf(InputFileException.class)
                .hasMessageContaining("neural_net cannot train on NaN features: element 1")
                .hasMessageContaining("feature batt_ac_decay_rate is NaN");
        Step5Runner.Outcome both = Step5Runner.run(Step5Options.builder(survivors, dir.resolve("both"))
                .models(List.of(ModelType.NEURAL_NET, ModelType.XGBOOST), true).trials(1).kFolds(2).build());
        assertThat(both.winner().type()).isEqualTo(ModelType.XGBOOST);
        ModelRun nn = both.ranked().get(1);
        assertThat(nn.status()).isEqualTo(ModelRun.SKIPPED);
        assertThat(nn.error()).contains("cannot train on NaN");
    }

    @Test
    void duplicateRowsAreCountedInAWarningAndKept() throws Exception {
        Path once = SyntheticSurvivors.write(dir.resolve("once.json"), 60, 1, 0);
        String text = Files.readString(once).trim();
        // the file twice over: every seed appears two times
        Path twice = dir.resolve("twice.json");
        Files.writeString(twice, text.substring(0, text.length() - 1) + "," + text.substring(1));
        List<String> log = new ArrayList<>();
        Step5Runner.Outcome r = Step5Runner.run(xgboost(twice, dir.resolve("m")).log(log::add).build());
        assertThat(log).anyMatch(l -> l.contains("60 duplicate row(s) (60 survivor(s) appear more than once")
                && l.contains("same fold"));
        JsonNode sc = Json.MAPPER.readTree(r.sidecar().toFile());
        assertThat(sc.path("provenance").path("duplicate_rows").asInt()).isEqualTo(60);
        assertThat(sc.path("provenance").path("n_survivors").asInt()).isEqualTo(120);
    }

    @Test
    void aTimeBudgetTooSmallForOneTrialNamesTheModelAndTheTimeItNeeded() {
        Path survivors = SyntheticSurvivors.write(dir.resolve("s.json"), 400, 1, 0);
        Path out = dir.resolve("models");
        assertThatThrownBy(() -> Step5Runner.run(Step5Options.builder(survivors, out)
                .models(List.of(ModelType.XGBOOST, ModelType.CATBOOST), true).trials(3).kFolds(3)
                .timeBudgetSeconds(0.001).build()))
                .isInstanceOf(TimeBudgetException.AllSkipped.class)
                .hasMessageContaining("--time-budget is too small for any model")
                .hasMessageContaining("xgboost skipped: xgboost: the time budget left it")
                .hasMessageContaining("catboost skipped: catboost: the time budget left it")
                .hasMessageContaining("one trial needs about")
                .hasMessageContaining("rounds");
        assertThat(out.resolve("best_model.meta.json")).doesNotExist();
    }

    @Test
    void degenerateTargetIsPublishedThroughARunFolderToo() throws Exception {
        Path flat = SyntheticSurvivors.write(dir.resolve("flat.json"), 30, 3, 0, n -> n, true);
        Step5Runner.Outcome d = Step5Runner.run(xgboost(flat, dir.resolve("d")).build());
        assertThat(d.exitCode()).isEqualTo(Step5Runner.EXIT_DEGENERATE);
        assertThat(d.runDir().resolve("best_model.meta.json")).isRegularFile();
        assertThat(Json.MAPPER.readTree(d.sidecar().toFile()).path("checkpoint_path").isNull()).isTrue();
    }

    private static List<String> runFolders(Path out) throws Exception {
        try (Stream<Path> s = Files.list(out.resolve("runs"))) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }

    private Step6Options step6(Path models, Path survivors, String name) {
        return new Step6Options(models, survivors, null, null, 10, 20, dir.resolve(name), null, null, 0, s -> { });
    }
}
