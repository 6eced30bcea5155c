package dev.survivor.models.demo;

import dev.survivor.models.api.ModelType;
import dev.survivor.models.step5.ModelRun;
import dev.survivor.models.step5.Step5Options;
import dev.survivor.models.step5.Step5Runner;
import dev.survivor.models.step6.Step6Options;
import dev.survivor.models.step6.Step6Runner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The Step 5 → Step 6 half of {@code pipeline demo}: compare all four model types with a small budget
 * on a Step 3 output, predict with the winner, and report the planted seed's rank.
 */
public final class ModelsDemo {
    /** What the demo prints. {@code plantedRank} is 1-based, 0 if the seed is not in the file. */
    public record Result(List<String> leaderboard, Path chart, Path sidecar, Path prediction, int plantedRank,
            String winner) {
    }

    private ModelsDemo() {
    }

    public static Result run(Path survivorsWithScores, Path history, Path workDir, long plantedSeed, int trials,
            int kFolds, Consumer<String> log) {
        return run(survivorsWithScores, null, history, workDir, plantedSeed, trials, kFolds, log);
    }

    /** As above, with an anchors file (training-only rows, docs/training.md §2); {@code anchors} may be null. */
    public static Result run(Path survivorsWithScores, Path anchors, Path history, Path workDir, long plantedSeed,
            int trials, int kFolds, Consumer<String> log) {
        Path models = workDir.resolve("models");
        int threads = Runtime.getRuntime().availableProcessors();
        Step5Options o = Step5Options.builder(survivorsWithScores, models).anchors(anchors)
                .models(Arrays.asList(ModelType.compareOrder()), true).trials(trials).kFolds(kFolds)
                .threads(threads).lotteryData(history).markSeeds(List.of(plantedSeed)).log(log).build();
        Step5Runner.Outcome s5 = Step5Runner.run(o);
        if (s5.exitCode() != Step5Runner.EXIT_OK) {
            throw new IllegalStateException("demo: Step 5 did not train a model: " + s5.message());
        }
        List<String> board = new ArrayList<>();
        int rank = 1;
        for (ModelRun r : s5.ranked()) {
            board.add(r.ok() ? String.format(Locale.ROOT, "%d. %-10s val mse %.6g  r2 %.4f", rank++, r.type().id(),
                    r.validation().mse(), r.validation().r2()) : "-  " + r.type().id() + " " + r.status() + ": "
                    + r.error());
        }
        Step6Runner.Outcome s6 = Step6Runner.run(new Step6Options(models, survivorsWithScores, null, history, 10, 20,
                workDir.resolve("predictions"), null, null, 0, log, threads));
        int planted = s6.rankedSeeds().indexOf(plantedSeed) + 1;
        return new Result(board, s5.chart(), s5.sidecar(), s6.output(), planted, s5.winner().type().id());
    }
}
