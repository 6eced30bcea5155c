package dev.survivor.pipeline;

import dev.survivor.common.ExitCodes;
import dev.survivor.pipeline.bench.BenchCommand;
import dev.survivor.pipeline.doctor.DoctorCommand;
import dev.survivor.pipeline.step3.ScoreCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code pipeline} command of the worker bundle (what a cluster node runs): Step 3 scoring, the doctor and
 * the benchmark. It never loads the model libraries, which the worker bundle leaves out (docs/deploy.md).
 */
@Command(name = "pipeline",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Survivor pipeline (worker bundle): score PRNG survivor seeds (Step 3) on this node.",
        description = "The full bundle or a source checkout has the other commands (step3, step5, step6, hub, demo, ...).",
        showDefaultValues = true,
        exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.FAILURE,
        subcommands = {CommandLine.HelpCommand.class, ScoreCommand.class, DoctorCommand.class, BenchCommand.class})
public final class WorkerMain extends RootCommand {

    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return Main.wire(new CommandLine(new WorkerMain()), out, err);
    }

    public static void main(String[] args) {
        Main.launch(WorkerMain::commandLine, args);
    }
}
