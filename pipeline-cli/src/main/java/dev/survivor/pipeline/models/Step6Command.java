package dev.survivor.pipeline.models;

import dev.survivor.common.ExitCodes;
import dev.survivor.hub.client.HubLink;
import dev.survivor.models.api.ModelFileException;
import dev.survivor.models.data.SchemaMismatchException;
import dev.survivor.models.step6.Step6Options;
import dev.survivor.models.step6.Step6Runner;
import dev.survivor.pipeline.ErrorReporting;
import dev.survivor.pipeline.ExitException;
import dev.survivor.pipeline.hub.HubModelRuns;
import dev.survivor.pipeline.hub.HubOptions;
import dev.survivor.pipeline.runrecord.RunRecorder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pipeline step6}: rank survivors with the Step 5 model and predict the next draw. */
@Command(name = "step6",
        mixinStandardHelpOptions = true,
        header = "Predict the next draw (Step 6) with the model named by best_model.meta.json.",
        description = {
                "Loads the model only through its sidecar, refuses input whose feature schema hash differs from the "
                        + "model's (naming the missing and extra features), ranks survivors by predicted quality and "
                        + "writes next_draw_prediction.json plus history/predictions_<UTC stamp>.json.",
                "Exit codes: 0 ok, 3 prediction skipped (Step 5 signal gate), 64 bad options, 65 bad input, "
                        + "schema mismatch or broken model folder, 1 other failure."},
        showDefaultValues = true,
        sortOptions = false)
public final class Step6Command implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--models-dir", defaultValue = "models/reinforcement", paramLabel = "DIR",
            description = "Folder with best_model.meta.json and its checkpoint.")
    Path modelsDir;

    @Option(names = "--survivors-forward", required = true, paramLabel = "FILE",
            description = "Survivors with Step 3 features (survivors_with_scores.json).")
    Path forward;

    @Option(names = "--survivors-reverse", paramLabel = "FILE",
            description = "Reverse-sieve survivors; the working set becomes forward ∩ reverse (by seed).")
    Path reverse;

    @Option(names = "--lottery-history", paramLabel = "FILE",
            description = "Draw history; needed to compute predicted draws (output number skip + history length).")
    Path history;

    @Option(names = "--k", defaultValue = "10", paramLabel = "K", description = "Predictions to keep.")
    int k;

    @Option(names = "--pool-size", defaultValue = "20", paramLabel = "N", description = "Top-ranked survivors considered.")
    int poolSize;

    @Option(names = "--output-dir", defaultValue = "predictions", paramLabel = "DIR",
            description = "Where next_draw_prediction.json and history/ go.")
    Path outputDir;

    @Option(names = "--prng-type", paramLabel = "NAME",
            description = "PRNG for predicted draws (default: the sidecar's data_context, else java_lcg).")
    String prngType;

    @Option(names = "--mod", paramLabel = "M", description = "Draw modulus (default: the sidecar's, else 1000).")
    Integer mod;

    @Option(names = "--skip", defaultValue = "0", paramLabel = "S", description = "Generator outputs skipped per draw.")
    long skip;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "T",
            description = "Prediction threads (0 = all cores; more than the cores is capped with a warning).")
    int threads;

    @Option(names = "--json", description = "Print one JSON summary line on stdout (the human summary goes to stderr).")
    boolean json;

    @Mixin
    HubOptions hub;

    @Override
    public Integer call() throws Exception {
        resolvedThreads = ModelThreads.resolve(spec, threads, "--threads");
        RunRecorder record = RunRecorder.start(spec)
                .inputOptions("--survivors-forward", "--survivors-reverse", "--lottery-history")
                .recordAt(outputDir.resolve(RunRecorder.IN_DIRECTORY)).backend("cpu"); // Step 6 has no device option
        ModelInputs.record(record, modelsDir);
        try (HubLink link = hub.link("step6", null, List.of("step6"))) {
            return record.run(link, () -> run(link, record));
        } catch (RuntimeException e) {
            record.finish(ErrorReporting.exitCode(e), e, null); // hub unreachable
            throw e;
        }
    }

    private int resolvedThreads;

    private Integer run(HubLink link, RunRecorder record) {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = json ? err : spec.commandLine().getOut();
        Step6Options o = new Step6Options(modelsDir, forward, reverse, history, k, poolSize, outputDir, prngType, mod,
                skip, HubModelRuns.forwardStatus(link, line -> {
                    err.println("[step6] " + line);
                    err.flush();
                }), resolvedThreads);
        Step6Runner.Outcome r;
        try {
            r = Step6Runner.run(o);
        } catch (SchemaMismatchException | ModelFileException e) {
            throw new ExitException(ExitCodes.INVALID_INPUT, e.getMessage(), e);
        }
        record.output(r.output()).output(r.historyCopy());
        if (r.exitCode() == Step6Runner.EXIT_SKIPPED) {
            err.println("step6: " + r.message());
            err.println("step6: skip result written to " + r.output());
            if (json) {
                spec.commandLine().getOut().println(Step6Summary.of(r));
                spec.commandLine().getOut().flush();
            }
            return ExitCodes.PREDICTION_SKIPPED;
        }
        out.println(r.message());
        HubModelRuns.sharePool(link, r);
        if (!r.predictions().isEmpty()) {
            out.println("Predicted draws: " + r.predictions());
        }
        for (Step6Runner.DrawSupport d : r.support()) {
            out.printf(java.util.Locale.ROOT, "  draw %d: %d survivor(s) of the pool, best rank %d, predicted quality "
                    + "sum %.4f%n", d.draw(), d.survivors().size(), d.survivors().isEmpty() ? 0
                    : d.survivors().get(0).rank(), d.qualitySum());
        }
        out.println("Prediction: " + r.output());
        out.println("Copy: " + r.historyCopy());
        out.flush();
        if (json) {
            spec.commandLine().getOut().println(Step6Summary.of(r));
            spec.commandLine().getOut().flush();
        }
        return ExitCodes.OK;
    }
}
