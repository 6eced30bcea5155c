package dev.survivor.pipeline.models;

import dev.survivor.common.ExitCodes;
import dev.survivor.hub.client.HubLink;
import dev.survivor.hub.params.ParameterSpec;
import dev.survivor.models.api.Device;
import dev.survivor.models.api.ModelFileException;
import dev.survivor.models.api.ModelType;
import dev.survivor.models.data.Metrics;
import dev.survivor.models.search.SearchMethod;
import dev.survivor.models.search.TimeBudgetException;
import dev.survivor.models.step5.ModelRun;
import dev.survivor.models.step5.Step5Listener;
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
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code pipeline step5}: train, compare and keep the best model (wiring over {@link Step5Runner}). */
@Command(name = "step5",
        mixinStandardHelpOptions = true,
        header = "Train and select the survivor-quality model (Step 5): search, compare, write sidecar.",
        description = {
                "Reads survivors_with_scores.json (streamed), predicts holdout_quality from the 89 training features, "
                        + "searches hyperparameters with k-fold CV and keeps the best model by --metric. Each run "
                        + "writes everything (checkpoints, training_history.json, model_metrics.json, "
                        + "model_comparison.png, predicted_vs_true.png) into --output-dir/runs/<run id>/ and then "
                        + "publishes --output-dir/best_model.meta.json in one atomic step. Progress per model, trial "
                        + "and fold (with ETA) goes to stderr.",
                "Exit codes: 0 ok, 2 degenerate target (sidecar written, no model), 64 bad options (also a "
                        + "--time-budget too small for any model), 65 bad input, 69 output folder in use by another "
                        + "run, 74 cannot write, 1 other failure."},
        showDefaultValues = true,
        sortOptions = false)
public final class Step5Command implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--survivors", required = true, paramLabel = "FILE",
            description = "survivors_with_scores.json from Step 3 (array, or object with \"survivors\"; NaN accepted).")
    Path survivors;

    @Option(names = "--anchors", paramLabel = "FILE",
            description = "anchors.json (`pipeline anchors`): synthetic true-seed rows used in training folds only, "
                    + "never validated, tested or ranked (docs/training.md).")
    Path anchors;

    @Option(names = "--model-type", defaultValue = "catboost", paramLabel = "TYPE",
            description = "Model for a single-model run: neural_net, xgboost, lightgbm, catboost.")
    String modelType;

    @Option(names = "--compare-models", description = "Train every model type (or --model-types) and keep the best.")
    boolean compareModels;

    @Option(names = "--model-types", split = ",", paramLabel = "A,B",
            description = "Candidates for --compare-models (default: neural_net,lightgbm,xgboost,catboost).")
    List<String> modelTypes;

    @Option(names = "--trials", defaultValue = "50", paramLabel = "N",
            description = "Hyperparameter trials per model, at least 1 (1 = defaults only).")
    int trials;

    @Option(names = "--k-folds", defaultValue = "5", paramLabel = "K",
            description = "Cross-validation folds, at least 2 (and at most what the data allows).")
    int kFolds;

    @Option(names = "--search", defaultValue = "random", paramLabel = "METHOD",
            description = "How trials choose parameters: random.")
    String search;

    @Option(names = "--time-budget", paramLabel = "SECONDS",
            description = "Wall-clock budget of the whole run in seconds: model types share it, a type that cannot "
                    + "finish one trial in its share is skipped (named, with the time it needed).")
    Double timeBudget;

    @Option(names = "--test-holdout", defaultValue = "0.2", paramLabel = "F",
            description = "Fraction of survivors set aside before training (never evaluated).")
    double testHoldout;

    @Option(names = "--output-dir", defaultValue = "models/reinforcement", paramLabel = "DIR",
            description = "Models folder: best_model.meta.json and runs/<run id>/.")
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
            description = "Native threads per library (0 = all cores; more than the cores is capped with a warning).")
    int threads;

    @Option(names = "--mark-seed", paramLabel = "SEED",
            description = "Seed to mark in predicted_vs_true.png (e.g. a planted seed); repeatable.")
    List<String> markSeeds;

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

    @Option(names = "--json", description = "Print one JSON summary line on stdout (the human summary goes to stderr).")
    boolean json;

    @Mixin
    HubOptions hub;

    @Override
    public Integer call() throws Exception {
        validate();
        RunRecorder record = RunRecorder.start(spec).inputOptions("--survivors", "--anchors", "--lottery-data")
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

    /** Option values that cannot work are usage errors (exit 64), before anything is read. */
    private void validate() {
        if (trials < 1) {
            throw new ParameterException(spec.commandLine(), "--trials must be ≥ 1, got " + trials);
        }
        if (kFolds < 2) {
            throw new ParameterException(spec.commandLine(), "--k-folds must be ≥ 2, got " + kFolds);
        }
        if (!(testHoldout >= 0 && testHoldout < 1)) {
            throw new ParameterException(spec.commandLine(), "--test-holdout must be in [0, 1), got " + testHoldout);
        }
        if (timeBudget != null && !(timeBudget > 0 && timeBudget < 1e7)) {
            throw new ParameterException(spec.commandLine(), "--time-budget must be a positive number of seconds, got "
                    + timeBudget);
        }
        resolvedThreads = ModelThreads.resolve(spec, threads, "--threads");
    }

    private int resolvedThreads;

    private Integer run(HubLink link, RunRecorder record) {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter human = json ? err : spec.commandLine().getOut();
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
        int t = resolvedThreads;
        // live: asked before every trial (the trainer's safe point); trials already run are kept
        AtomicInteger liveTrials = new AtomicInteger(trials);
        record.liveParameter(link, ParameterSpec.ofInt("trials", trials, 1, 100_000,
                "hyperparameter trials per model type (from the next trial on)"), "--trials",
                v -> liveTrials.set(v.asInt()));
        TrialBudget budget = run -> {
            link.safePoint();
            return liveTrials.get();
        };
        var console = HubModelRuns.forwardStatus(link, line -> {
            err.println("[step5] " + line);
            err.flush();
        });
        Step5Listener listener = new Step5Listener() {
            @Override
            public void log(String line) {
                console.accept(line);
            }

            @Override
            public void trialFinished(TrialEvent e) {
                HubModelRuns.shareTrial(link, e);
            }
        };
        Step5Options o = Step5Options.builder(survivors, outputDir).anchors(anchors).models(types, compareModels)
                .trials(trials).kFolds(kFolds).testHoldout(testHoldout).metric(Metrics.Metric.parse(metric)).seed(seed)
                .device(Device.parse(device)).threads(t).lotteryData(lotteryData).holdoutDraws(holdoutDraws)
                .prng(prngType, mod).parentRunId(parentRunId).listener(listener).trialBudget(budget)
                .timeBudgetSeconds(timeBudget == null ? 0 : timeBudget).markSeeds(parseSeeds(markSeeds))
                .search(SearchMethod.parse(search)).build();
        Step5Runner.Outcome r;
        try {
            r = Step5Runner.run(o);
        } catch (ModelFileException e) {
            throw new ExitException(ExitCodes.INVALID_INPUT, e.getMessage(), e);
        } catch (TimeBudgetException.AllSkipped e) {
            throw new ExitException(ExitCodes.USAGE, e.getMessage(), e);
        } catch (IllegalStateException e) {
            if (e.getMessage() != null && e.getMessage().contains("is in use by another Step 5 run")) {
                throw new ExitException(ExitCodes.UNAVAILABLE, e.getMessage(), e);
            }
            throw e;
        }
        record.output(r.sidecar()).output(r.history()).output(r.chart()).output(r.metrics())
                .output(r.predictionChart());
        record.detail("run_folder", r.runDir().toString());
        if (r.winner() != null) {
            record.output(r.winner().checkpoint().path());
            record.detail("best_model", r.winner().type().id());
        }
        if (r.exitCode() == Step5Runner.EXIT_DEGENERATE) {
            err.println("step5: " + r.message());
            err.println("step5: degenerate sidecar written to " + r.sidecar());
            if (json) {
                spec.commandLine().getOut().println(Step5Summary.degenerate(r));
                spec.commandLine().getOut().flush();
            }
            return ExitCodes.DEGENERATE_TARGET;
        }
        HubModelRuns.shareLeaderboard(link, r, o.metric(), liveTrials.get());
        HubModelRuns.sharePredictions(link, r);
        human.println("Leaderboard (validation " + o.metric().id() + "):");
        int rank = 1;
        for (ModelRun m : r.ranked()) {
            if (m.ok()) {
                human.printf(Locale.ROOT, "  %d. %-10s %s=%.6g  r2=%.4f  (%.1f s)%n", rank++, m.type().id(),
                        o.metric().id(), m.validation().get(o.metric()), m.validation().r2(), m.durationSeconds());
            } else {
                human.printf(Locale.ROOT, "  -  %-10s %s: %s%n", m.type().id(), m.status(), m.error());
            }
        }
        human.println("Best model: " + r.winner().type().id() + " -> " + r.winner().checkpoint().path());
        human.println("Sidecar: " + r.sidecar() + " (run folder " + r.runDir() + ")");
        human.println("Metrics: " + r.metrics());
        human.println("History: " + r.history());
        human.println("Charts: " + r.chart() + ", " + r.predictionChart());
        human.flush();
        if (json) {
            spec.commandLine().getOut().println(Step5Summary.success(r, o.metric()));
            spec.commandLine().getOut().flush();
        }
        return ExitCodes.OK;
    }

    private List<Long> parseSeeds(List<String> seeds) {
        List<Long> out = new ArrayList<>();
        if (seeds != null) {
            for (String s : seeds) {
                try {
                    out.add(Long.parseUnsignedLong(s.trim()));
                } catch (NumberFormatException e) {
                    throw new ParameterException(spec.commandLine(), "--mark-seed " + s
                            + " is not an unsigned 64-bit integer");
                }
            }
        }
        return out;
    }
}
