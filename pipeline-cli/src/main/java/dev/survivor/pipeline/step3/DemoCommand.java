package dev.survivor.pipeline.step3;

import dev.survivor.kernels.api.BackendOptions;
import dev.survivor.kernels.api.Backends;
import dev.survivor.kernels.api.ScoringBackend;
import dev.survivor.kernels.features.FeatureCatalogue;
import dev.survivor.kernels.step3.ScoredSeed;
import dev.survivor.kernels.step3.Step3Demo;
import dev.survivor.models.demo.ModelsDemo;
import dev.survivor.pipeline.ExitCodes;
import dev.survivor.pipeline.ExitException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pipeline demo}: plant a known seed in a noisy history and find it again with Step 3. */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        header = "Run the pipeline on generated data: plant a seed, hide it among random seeds, find it.",
        description = {
                "Makes a draw history from a known seed's java_lcg outputs mod 1000 with every third draw corrupted "
                        + "(train + holdout), mixes that seed with random seeds, scores them all exactly as "
                        + "`pipeline score` does, and prints the top 10. The planted seed should rank first."},
        showDefaultValues = true,
        sortOptions = false)
public final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--output-dir", defaultValue = "demo-output", paramLabel = "DIR",
            description = "Where the generated inputs and the scores file go.")
    Path outputDir;

    @Option(names = "--seeds", defaultValue = "10000", paramLabel = "N", description = "Random seeds mixed with the planted one.")
    int seeds;

    @Option(names = "--train-draws", defaultValue = "2000", paramLabel = "N", description = "Training draws.")
    int trainDraws;

    @Option(names = "--holdout-draws", defaultValue = "500", paramLabel = "N", description = "Holdout draws.")
    int holdoutDraws;

    @Option(names = "--backend", defaultValue = Backends.AUTO, paramLabel = "NAME", description = "Scoring backend.")
    String backend;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "T", description = "CPU threads (0 = all cores).")
    int threads;

    @Option(names = "--with-models", paramLabel = "", description = "Continue with Step 5 (compare all four model "
            + "types, 1 trial, 2 folds) and Step 6 (predict with the winner) on the scores; takes minutes on 2 cores.")
    boolean withModels;

    @Override
    public Integer call() {
        if (seeds < 1 || trainDraws < 1 || holdoutDraws < 0) {
            throw new ExitException(ExitCodes.USAGE, "--seeds and --train-draws must be >= 1, --holdout-draws >= 0");
        }
        Step3Demo.Spec defaults = Step3Demo.Spec.defaults(outputDir);
        Step3Demo.Spec demo = new Step3Demo.Spec(outputDir, defaults.plantedSeed(), seeds, trainDraws, holdoutDraws,
                defaults.mod(), defaults.rngSeed());
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "Planted seed %d: java_lcg mod %d, %,d train + %,d holdout draws, every third corrupted; "
                + "mixed with %,d random seeds.%n", demo.plantedSeed(), demo.mod(), trainDraws, holdoutDraws, seeds);
        out.flush();
        Step3Demo.Result r;
        try (ScoringBackend b = Backends.create(backend, new BackendOptions(threads, 0))) {
            r = Step3Demo.run(demo, b, new ConsoleProgress(spec.commandLine().getErr(), "demo"), 10);
        }
        out.println();
        out.printf("%4s  %-17s %9s %10s %8s %12s %15s%n", "rank", "seed", "score", "confidence", "matches",
                "holdout_hits", "holdout_quality");
        int rank = 1;
        for (ScoredSeed s : r.top()) {
            double[] f = s.features();
            out.printf(Locale.ROOT, "%4d  %-17s %9.3f %10.3f %8.0f %12.3f %15.4f%s%n", rank++,
                    Long.toUnsignedString(s.seed()), s.score(), f[FeatureCatalogue.CONFIDENCE],
                    f[FeatureCatalogue.EXACT_MATCHES], s.holdoutHits(), s.holdoutQuality(),
                    s.seed() == demo.plantedSeed() ? "  <- planted" : "");
        }
        out.println();
        out.printf(Locale.ROOT, "Scored %,d seeds in %.2f s: %,.0f seeds/s (backend %s).%n", r.summary().count(),
                r.summary().elapsedSeconds(), r.summary().seedsPerSecond(), r.summary().backend());
        out.printf(Locale.ROOT, "Planted seed rank: %d of %,d.%n", r.plantedRank(), r.summary().count());
        out.println("Inputs:  " + r.files().survivors() + ", " + r.files().train() + ", " + r.files().holdout());
        out.println("Output:  " + r.summary().outputFile());
        out.flush();
        if (r.plantedRank() != 1) {
            throw new ExitException(ExitCodes.FAILURE, "the planted seed ranked " + r.plantedRank() + ", not first");
        }
        if (withModels) {
            PrintWriter err = spec.commandLine().getErr();
            ModelsDemo.Result m = ModelsDemo.run(r.summary().outputFile(), r.files().train(), outputDir,
                    demo.plantedSeed(), 1, 2, line -> {
                        err.println(line);
                        err.flush();
                    });
            out.println();
            out.println("Step 5 leaderboard (validation):");
            m.leaderboard().forEach(line -> out.println("  " + line));
            out.println("Best model: " + m.winner() + " -> " + m.sidecar());
            out.println("Chart:      " + m.chart());
            out.println("Step 6:     " + m.prediction() + " (planted seed predicted rank " + m.plantedRank() + ")");
            out.flush();
        }
        return ExitCodes.OK;
    }
}
