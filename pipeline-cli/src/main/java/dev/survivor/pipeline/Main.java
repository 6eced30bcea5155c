package dev.survivor.pipeline;

import dev.survivor.common.ExitCodes;
import dev.survivor.pipeline.bench.BenchCommand;
import dev.survivor.pipeline.demo.DemoCommand;
import dev.survivor.pipeline.doctor.DoctorCommand;
import dev.survivor.pipeline.step3.ScoreCommand;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** The {@code pipeline} command: a root that prints usage when run bare, and one subcommand per job. */
@Command(name = "pipeline",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Survivor pipeline: score PRNG survivor seeds (Step 3), coordinate, train and predict.",
        description = "Run a subcommand; `pipeline demo` shows the whole flow on generated data.",
        showDefaultValues = true,
        exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.FAILURE,
        subcommands = {
                CommandLine.HelpCommand.class,
                ScoreCommand.class,
                DemoCommand.class,
                BenchCommand.class,
                DoctorCommand.class,
                dev.survivor.pipeline.models.Step5Command.class,
                dev.survivor.pipeline.models.Step6Command.class,
                dev.survivor.pipeline.step3.Step3Command.class,
                dev.survivor.pipeline.hub.HubCommand.class,
                dev.survivor.pipeline.runrecord.ReplayCommand.class,
        })
public final class Main implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Print stack traces with errors.")
    boolean verbose;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.OK;
    }

    /** The wired command line (exit codes, one-line errors, streams); used by {@link #main} and tests. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExitCodeExceptionMapper(ErrorReporting::exitCode);
        cl.setExecutionExceptionHandler(ErrorReporting::handleExecution);
        cl.setParameterExceptionHandler(ErrorReporting::handleParameter);
        return cl;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int status = commandLine(out, err).execute(args);
        out.flush();
        err.flush();
        System.exit(status);
    }
}
