package dev.survivor.pipeline.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code pipeline bench}: groups the benchmarks; bare, it prints its usage. */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        header = "Measure throughput on generated data (not a test; results go to BENCHMARKS.md).",
        showDefaultValues = true,
        subcommands = {
                BenchStep3Command.class,
        })
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }
}
