package dev.survivor.pipeline.models;

import dev.survivor.common.ExitCodes;
import dev.survivor.hub.client.HubLink;
import dev.survivor.hub.params.ParameterSpec;
import dev.survivor.models.api.Device;
import dev.survivor.models.api.ModelFileException;
import dev.survivor.models.api.ModelType;
import dev.survivor.models.data.Metrics;
import dev.survivor.models.step5.ModelRun;
import dev.survivor.models.step5.Step5Options;
import dev.survivor.models.step5.Step5Runner;
import dev.survivor.models.step5.TrialBudget;
import dev.survivor.pipeline.ErrorReporting;
import dev.survivor.pipeline.ExitException;
import dev.survivor.pipeline.hub.HubModelRuns;
import dev.survivor.pipeline.hub.HubOptions;
import dev.survivor.pipeline.runrecord.RunRecorder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pipeline step5}: train, compare and keep the best model (wiring over {@link Step5Runner}). */
@Command(name = "step5",
        mixinStandardHelpOptions = true,
        header = "Train and select the survivor-quality model (Step 5): search, compare, write sidecar.",
        description = {
                "Reads survivors_with_scores.json (streamed), predicts holdout_quality from the 89 training features, "
                        + "searches hyperparameters with k-fold CV and keeps the best model by --metric. Writes "
                        + "best_model.<ext>, best_model.meta.json, training_history.json and model_comparison.png "
                        + "into --output-dir. Progress per model and trial goes to stderr.",
                "Exit codes: 0 ok, 2 degenerate target (sidecar written, no model), 64 bad options, 65 bad input, "
                        + "1 other failure."},
        showDefaultValues = true,
        sortOptions = false)
public final class Step5Command implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--survivors", required = true, paramLabel = "FILE",
            description = "survivors_with_scores.json from Step 3 (array, or object with \"survivors\"; NaN accepted).")
    Path survivors;

    @Option(names = "--model-type", defaultValue = "catboost", paramLabel = "TYPE",
            description = "Model for a single-model run: neural_net, xgboost, lightgbm, catboost.")
    String modelType;

    @Option(names = "--compare-models", description = "Train every model type (or --model-types) and keep the best.")
    boolean compareModels;

    @Option(names = "--model-types", split = ",", paramLabel = "A,B",
            description = "Candidates for --compare-models (default: neural_net,lightgbm,xgboost,catboost).")
    List<String> modelTypes;

    @Option(names = "--trials", defaultValue = "50", paramLabel = "N",
            description = "Hyperparameter trials per model (1 = defaults only).")
    int trials;

    @Option(names = "--k-folds", defaultValue = "5", paramLabel = "K", description = "Cross-validation folds.")
    int kFolds;

    @Option(names = "--test-holdout", defaultValue = "0.2", paramLabel = "F",
            description = "Fraction of survivors set aside before training (never evaluated).")
    double testHoldout;

    @Option(names = "--output-dir", defaultValue = "models/reinforcement", paramLabel = "DIR",
            description = "Where checkpoint, sidecar, history and chart go.")
    Path outputDir;

    @Option(names = "--metric", defaultValue = "mse", paramLabel = "M",
            description = "Ranking and search metric: mse, mae (lower is better) or r2 (higher is better).")
    String metric;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "S", description = "Seed of splits, search and trainers.")
    long seed;

    @Option(names = "--device", defaultValue = "cpu", paramLabel = "DEV",
            description = "cpu, cuda or cuda:N; libraries without a GPU build here say so and train on CPU.")
    String device;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "T",
            description = "Native threads per library (0 = all cores).")
    int threads;

    @Option(names = "--lottery-data", paramLabel = "FILE",
            description = "Training draws; only their count is used (data-context fingerprint).")
    Path lotteryData;

    @Option(names = "--holdout-draws", defaultValue = "1000", paramLabel = "N",
            description = "Holdout length recorded in the data context.")
    int holdoutDraws;

    @Option(names = "--prng-type", defaultValue = "java_lcg", paramLabel = "NAME",
            description = "PRNG hypothesis recorded for Step 6.")
    String prngType;

    @Option(names = "--mod", defaultValue = "1000", paramLabel = "M", description = "Draw modulus recorded for Step 6.")
    int mod;

    @Option(names = "--parent-run-id", paramLabel = "ID", description = "Copied to the sidecar's agent_metadata.")
    String parentRunId;

    @Mixin
    HubOptions hub;

    @Override
    public Integer call() throws Exception {
        RunRecorder record = RunRecorder.start(spec).inputOptions("--survivors", "--lottery-data")
                .recordAt(outputDir.resolve(RunRecorder.IN_DIRECTORY)).backend(device);
        String specialization = !compareModels ? modelType
                : modelTypes == null || modelTypes.isEmpty() ? "compare" : String.join(",", modelTypes);
        try (HubLink link = hub.link("step5-trainer", specialization, List.of("step5"))) {
            return record.run(link, () -> run(link, record));
        } catch (RuntimeException e) {
            record.finish(ErrorReporting.exitCode(e), e, null); // hub unreachable
            throw e;
        }
    }

    private Integer run(HubLink link, RunRecorder record) {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        List<ModelType> types = new ArrayList<>();
        if (compareModels) {
            List<String> names = modelTypes == null || modelTypes.isEmpty()
                    ? Arrays.stream(ModelType.compareOrder()).map(ModelType::id).toList() : modelTypes;
            for (String n : names) {
                types.add(ModelType.parse(n));
            }
        } else {
            types.add(ModelType.parse(modelType));
        }
        int t = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        // live: asked before every trial (the trainer's safe point); trials already run are kept
        AtomicInteger liveTrials = new AtomicInteger(trials);
        record.liveParameter(link, ParameterSpec.ofInt("trials", trials, 1, 100_000,
                "hyperparameter trials per model type (from the next trial on)"), "--trials",
                v -> liveTrials.set(v.asInt()));
        TrialBudget budget = run -> {
            link.safePoint();
            return liveTrials.get();
        };
        Step5Options o = new Step5Options(survivors, types, compareModels, trials, kFolds, testHoldout, outputDir,
                Metrics.Metric.parse(metric), seed, Device.parse(device), t, lotteryData, holdoutDraws, prngType, mod,
                parentRunId, HubModelRuns.forwardStatus(link, line -> {
                    err.println("[step5] " + line);
                    err.flush();
                }), budget);
        Step5Runner.Outcome r;
        try {
            r = Step5Runner.run(o);
        } catch (ModelFileException e) {
            throw new ExitException(ExitCodes.INVALID_INPUT, e.getMessage(), e);
        }
        record.output(r.sidecar()).output(r.history()).output(r.chart());
        if (r.winner() != null) {
            record.output(outputDir.resolve(r.winner().type().checkpointFileName()));
            record.detail("best_model", r.winner().type().id());
        }
        if (r.exitCode() == Step5Runner.EXIT_DEGENERATE) {
            err.println("step5: " + r.message());
            err.println("step5: degenerate sidecar written to " + r.sidecar());
            return ExitCodes.DEGENERATE_TARGET;
        }
        HubModelRuns.shareLeaderboard(link, r, o.metric(), liveTrials.get());
        out.println("Leaderboard (validation " + o.metric().id() + "):");
        int rank = 1;
        for (ModelRun m : r.ranked()) {
            if (m.ok()) {
                out.printf(Locale.ROOT, "  %d. %-10s %s=%.6g  r2=%.4f  (%.1f s)%n", rank++, m.type().id(), o.metric().id(),
                        m.validation().get(o.metric()), m.validation().r2(), m.durationSeconds());
            } else {
                out.printf(Locale.ROOT, "  -  %-10s failed: %s%n", m.type().id(), m.error());
            }
        }
        out.println("Best model: " + r.winner().type().id() + " -> " + outputDir.resolve(
                r.winner().type().checkpointFileName()));
        out.println("Sidecar: " + r.sidecar());
        out.println("History: " + r.history());
        out.println("Chart: " + r.chart());
        out.flush();
        return ExitCodes.OK;
    }
}
