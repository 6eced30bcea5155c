package dev.survivor.pipeline.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.survivor.common.ExitCodes;
import dev.survivor.coordinator.run.ConsoleProgress;
import dev.survivor.coordinator.run.RunReport;
import dev.survivor.kernels.api.Backends;
import dev.survivor.kernels.step3.Step3Demo;
import dev.survivor.models.demo.ModelsDemo;
import dev.survivor.pipeline.ExitException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pipeline demo}: plant a known seed in a noisy history, find it with Step 3, then run Steps 5 and 6. */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        header = "Run the whole pipeline on generated data: plant a seed, find it (Step 3), train and predict (5, 6).",
        description = {
                "Makes a draw history from a known seed's java_lcg outputs mod 1000 with every third draw corrupted "
                        + "(train + holdout) and mixes that seed with random seeds. Step 3 runs as on the cluster: "
                        + "generate-jobs, then the coordinator dispatching `pipeline score` workers on this machine "
                        + "as a one-node cluster, judged on their output files. The top 10 are printed; the planted "
                        + "seed must rank first. Then Step 5 compares all four model types with a small budget and "
                        + "Step 6 predicts with the winner through its sidecar."},
        showDefaultValues = true,
        sortOptions = false)
public final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--output-dir", defaultValue = "demo-output", paramLabel = "DIR",
            description = "Where the generated inputs, jobs, scores, models and predictions go.")
    Path outputDir;

    @Option(names = "--seeds", defaultValue = "10000", paramLabel = "N", description = "Random seeds mixed with the planted one.")
    int seeds;

    @Option(names = "--train-draws", defaultValue = "2000", paramLabel = "N", description = "Training draws.")
    int trainDraws;

    @Option(names = "--holdout-draws", defaultValue = "500", paramLabel = "N", description = "Holdout draws.")
    int holdoutDraws;

    @Option(names = "--backend", defaultValue = Backends.AUTO, paramLabel = "NAME",
            description = "Scoring backend of the Step 3 workers.")
    String backend;

    @Option(names = "--step3-only", description = "Stop after Step 3 (skip model training and prediction).")
    boolean step3Only;

    @Option(names = "--trials", defaultValue = "1", paramLabel = "N", description = "Step 5 trials per model type.")
    int trials;

    @Option(names = "--k-folds", defaultValue = "2", paramLabel = "K", description = "Step 5 cross-validation folds.")
    int kFolds;

    @Override
    public Integer call() {
        if (seeds < 1 || trainDraws < 1 || holdoutDraws < 0 || trials < 1 || kFolds < 2) {
            throw new ExitException(ExitCodes.USAGE,
                    "--seeds, --train-draws and --trials must be >= 1, --holdout-draws >= 0, --k-folds >= 2");
        }
        Step3Demo.Spec defaults = Step3Demo.Spec.defaults(outputDir);
        Step3Demo.Spec demo = new Step3Demo.Spec(outputDir, defaults.plantedSeed(), seeds, trainDraws, holdoutDraws,
                defaults.mod(), defaults.rngSeed());
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "Planted seed %d: java_lcg mod %d, %,d train + %,d holdout draws, every third corrupted; "
                + "mixed with %,d random seeds.%n%n", demo.plantedSeed(), demo.mod(), trainDraws, holdoutDraws, seeds);
        out.println("Step 3: generate-jobs, then the coordinator on this machine as a one-node cluster");
        out.flush();
        Step3Demo.DemoFiles files = Step3Demo.writeInputs(demo);
        LocalClusterStep3.Outcome s3 = LocalClusterStep3.run(files, outputDir, backend, demo.mod(),
                new ConsoleProgress(out, true));
        RunReport report = s3.report();
        if (!report.allSucceeded() || report.scoresFile() == null) {
            throw new ExitException(ExitCodes.FAILURE, "Step 3 did not complete (" + report.status() + "); see "
                    + report.manifest());
        }
        RankedScores ranked = RankedScores.read(report.scoresFile(), 10, demo.plantedSeed());
        printTop(out, ranked, demo.plantedSeed());
        double wall = report.runtimeSeconds();
        out.printf(Locale.ROOT, "Scored %,d seeds in %d job(s), %.2f s wall including worker start-up: %,.0f seeds/s "
                        + "end to end.%n", ranked.total(), s3.jobs().jobs().size(), wall,
                wall > 0 ? ranked.total() / wall : 0.0);
        out.printf(Locale.ROOT, "Planted seed rank: %d of %,d.%n", ranked.seedRank(), ranked.total());
        out.println("Inputs:   " + files.survivors() + ", " + files.train() + ", " + files.holdout());
        out.println("Cluster:  " + s3.clusterFile() + "   jobs: " + s3.jobs().jobsFile());
        out.println("Manifest: " + report.manifest());
        out.println("Output:   " + report.scoresFile().toAbsolutePath());
        out.flush();
        if (ranked.seedRank() != 1) {
            throw new ExitException(ExitCodes.FAILURE, "the planted seed ranked " + ranked.seedRank() + ", not first");
        }
        if (!step3Only) {
            runModels(out, report.scoresFile(), files.train(), demo.plantedSeed());
        }
        return ExitCodes.OK;
    }

    private static void printTop(PrintWriter out, RankedScores ranked, long planted) {
        out.println();
        out.printf("%4s  %-20s %9s %10s %8s %12s %15s%n", "rank", "seed", "score", "confidence", "matches",
                "holdout_hits", "holdout_quality");
        int rank = 1;
        for (JsonNode r : ranked.top()) {
            String seed = r.path("seed").asText();
            out.printf(Locale.ROOT, "%4d  %-20s %9.3f %10.3f %8.0f %12.3f %15.4f%s%n", rank++, seed,
                    r.path("score").asDouble(Double.NaN), RankedScores.feature(r, "confidence"),
                    RankedScores.feature(r, "exact_matches"), r.path("holdout_hits").asDouble(Double.NaN),
                    r.path("holdout_quality").asDouble(Double.NaN),
                    seed.equals(Long.toUnsignedString(planted)) ? "  <- planted" : "");
        }
        out.println();
    }

    private void runModels(PrintWriter out, Path scores, Path history, long planted) {
        PrintWriter err = spec.commandLine().getErr();
        out.printf(Locale.ROOT, "%nStep 5: compare neural_net, lightgbm, xgboost, catboost (%d trial(s), %d folds); "
                + "progress on stderr%n", trials, kFolds);
        out.flush();
        ModelsDemo.Result m = ModelsDemo.run(scores, history, outputDir, planted, trials, kFolds, line -> {
            err.println(line);
            err.flush();
        });
        out.println("Leaderboard (validation):");
        m.leaderboard().forEach(line -> out.println("  " + line));
        out.println("Best model: " + m.winner() + " -> " + m.sidecar());
        out.println("Chart:      " + m.chart());
        out.println("Step 6:     " + m.prediction() + " (planted seed's predicted rank " + m.plantedRank()
                + "; the models predict holdout_quality, which the planted seed does not stand out on)");
        out.flush();
    }
}
