package dev.survivor.pipeline.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.survivor.common.ExitCodes;
import dev.survivor.kernels.bench.Step3Benchmark;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pipeline bench step3}: Step 3 seeds/s on generated data, in memory. */
@Command(name = "step3",
        mixinStandardHelpOptions = true,
        header = "Step 3 scoring throughput (seeds/s) on a generated history and random seeds.",
        description = "Warms up, then times the scorer over all seeds in batches, as the worker does (no file I/O). "
                + "With --json the last line is one JSON object.",
        showDefaultValues = true,
        sortOptions = false)
public final class BenchStep3Command implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--backend", defaultValue = "java", paramLabel = "NAME", description = "Backend (auto picks the best available).")
    String backend;

    @Option(names = "--prng", defaultValue = "java_lcg", paramLabel = "NAME", description = "PRNG registry name.")
    String prng;

    @Option(names = "--seeds", defaultValue = "20000", paramLabel = "N", description = "Seeds timed.")
    int seeds;

    @Option(names = "--draws", defaultValue = "5000", paramLabel = "D", description = "Training history length.")
    int draws;

    @Option(names = "--holdout-draws", defaultValue = "0", paramLabel = "H", description = "Holdout length (0 = none).")
    int holdoutDraws;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "T", description = "Threads (0 = all cores).")
    int threads;

    @Option(names = "--mod", defaultValue = "1000", paramLabel = "M", description = "Modulus of the draws.")
    int mod;

    @Option(names = "--warmup-seeds", defaultValue = "-1", paramLabel = "N",
            description = "Seeds scored before timing (-1 = seeds/5 clamped to 200..2000).")
    int warmupSeeds;

    @Option(names = "--json", description = "Also print the result as one JSON object (last line).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Step3Benchmark.Spec d = Step3Benchmark.Spec.defaults();
        Step3Benchmark.Spec s = new Step3Benchmark.Spec(backend, prng, seeds, draws, holdoutDraws, threads, mod,
                d.rngSeed(), warmupSeeds);
        PrintWriter out = spec.commandLine().getOut();
        Step3Benchmark.Result r = Step3Benchmark.run(s);
        out.printf("%-8s %-14s %8s %7s %8s %8s %12s %10s %14s%n", "backend", "prng", "seeds", "draws", "holdout",
                "threads", "seeds/s", "ns/seed", "draws/s");
        out.printf(Locale.ROOT, "%-8s %-14s %8d %7d %8d %8d %12.1f %10.0f %14.4g%n", r.backend(), r.prng(), r.seeds(),
                r.draws(), r.holdoutDraws(), r.threads(), r.seedsPerSecond(), r.nsPerSeed(), r.drawsPerSecond());
        out.printf("(%s; %s, %d cores, Java %s)%n", r.backendDescription(), r.cpuModel(), r.cores(), r.javaVersion());
        if (json) {
            out.println(new ObjectMapper().writeValueAsString(r.asMap()));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
