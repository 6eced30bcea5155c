package dev.survivor.models.step5;

import dev.survivor.common.AtomicFiles;
import dev.survivor.common.ExitCodes;
import dev.survivor.common.Sha256;
import dev.survivor.kernels.io.InputFileException;
import dev.survivor.models.api.Checkpoint;
import dev.survivor.models.api.ModelType;
import dev.survivor.models.chart.ComparisonChart;
import dev.survivor.models.data.DataContext;
import dev.survivor.models.data.Dataset;
import dev.survivor.models.data.LotteryHistory;
import dev.survivor.models.data.Metrics;
import dev.survivor.models.data.MonotoneFeatures;
import dev.survivor.models.data.SignalQuality;
import dev.survivor.models.data.Splits;
import dev.survivor.models.data.SurvivorTable;
import dev.survivor.models.search.CvData;
import dev.survivor.models.search.TimeBudgetException;
import dev.survivor.models.sidecar.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Step 5: read survivors (and anchors), gate on the target, search each model type with k-fold CV, fit the chosen
 * parameters on the final split (docs/decisions.md M1), rank by the metric (M3), and publish the best model with its reports as one
 * atomic step (docs/training.md §7).
 */
public final class Step5Runner {
    public static final int EXIT_OK = ExitCodes.OK;
    public static final int EXIT_DEGENERATE = ExitCodes.DEGENERATE_TARGET;
    public static final String HISTORY_FILE = "training_history.json";
    public static final String CHART_FILE = "model_comparison.png";
    public static final String PREDICTION_CHART_FILE = "predicted_vs_true.png";
    public static final String METRICS_FILE = "model_metrics.json";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);

    /**
     * What a run produced; {@code ranked} holds successful models best-first, then failed and skipped ones.
     * {@code runDir} holds every file of the run; {@code sidecar} is the published pointer.
     */
    public record Outcome(int exitCode, String message, Path sidecar, Path runDir, List<ModelRun> ranked, Path chart,
            Path predictionChart, Path metrics, Path history, Step5Reports.Predictions predictions) {
        public ModelRun winner() {
            return ranked.isEmpty() || !ranked.get(0).ok() ? null : ranked.get(0);
        }
    }

    private Step5Runner() {
    }

    public static Outcome run(Step5Options o) {
        Instant started = Instant.now();
        TimeBudget budget = TimeBudget.of(o.timeBudgetSeconds());
        String runId = "step5_" + STAMP.format(started) + "_" + HexFormat.of().toHexDigits(
                (short) ThreadLocalRandom.current().nextInt());
        TrainingInputs in = TrainingInputs.read(o);
        SurvivorTable table = in.survivors();
        Dataset data = table.data();
        o.log().accept(String.format(Locale.ROOT, "%d survivors x %d features, feature_schema_hash %s, holdout "
                + "alignment %s%s", data.rows(), data.cols(), table.schema().hash(), table.holdoutAlignment(),
                in.anchors() == null ? "" : ", " + in.anchors().rows() + " anchors (training only)"));
        SignalQuality signal = SignalQuality.of(data.y());
        int trainDraws = o.lotteryData() == null ? 0 : LotteryHistory.read(o.lotteryData()).length;
        Map<String, Object> dataContext = DataContext.toMap(trainDraws, o.holdoutDraws(), data.rows(), o.survivors(),
                o.prngType(), o.mod(), table.holdoutAlignment());
        Map<String, Object> anchorsInfo = in.anchorsInfo();
        List<String> monotone = MonotoneFeatures.names(table.schema());

        Splits.Holdout holdout = null;
        Splits.Split fin = null;
        List<Splits.Split> folds = null;
        if (signal.predictionAllowed()) {
            // every data-dependent refusal (k too large …) happens before the output folder is touched
            holdout = Splits.holdout(in.groups(), o.testHoldout(), o.seed());
            fin = Splits.finalSplit(holdout.trainVal(), in.groups());
            folds = Splits.kFold(holdout.trainVal(), o.kFolds(), o.seed(), in.groups());
        }
        String nnRefusal = o.modelTypes().contains(ModelType.NEURAL_NET) ? in.neuralNetRefusal() : null;
        if (nnRefusal != null && o.modelTypes().size() == 1) {
            throw new InputFileException(o.survivors(), nnRefusal.substring(nnRefusal.indexOf(": ") + 2));
        }

        try (ModelPublisher pub = ModelPublisher.open(o.outputDir(), runId, o.log())) {
            try {
                if (!signal.predictionAllowed()) {
                    return degenerate(o, pub, runId, started, in, signal, dataContext, anchorsInfo, monotone);
                }
                o.log().accept("target: " + signal.status() + " (confidence " + signal.confidence() + ")");
                Dataset anchors = in.anchors() == null ? null : in.anchors().data();
                Dataset finalTrain = data.select(fin.train(), anchors);
                Dataset finalVal = data.select(fin.validation());
                CvData cv = new CvData(data, folds, anchors);
                ModelTrainer trainer = new ModelTrainer(o, cv, finalTrain, finalVal, data,
                        MonotoneFeatures.constraints(table.schema()));
                List<ModelRun> runs = new ArrayList<>();
                for (int i = 0; i < o.modelTypes().size(); i++) {
                    ModelType type = o.modelTypes().get(i);
                    if (type == ModelType.NEURAL_NET && nnRefusal != null) {
                        o.log().accept("neural_net skipped: " + nnRefusal);
                        runs.add(ModelRun.failed(type, ModelRun.SKIPPED, null, 0, nnRefusal));
                        continue;
                    }
                    o.log().accept(String.format(Locale.ROOT, "model %d/%d: %s (%d trials x %d folds%s)", i + 1,
                            o.modelTypes().size(), type.id(), o.trials(), o.kFolds(), budget.limited()
                                    ? String.format(Locale.ROOT, ", %.0f s of budget left", budget.remainingSeconds())
                                    : ""));
                    runs.add(trainer.train(type, pub.candidateDir(type.id()),
                            budget.shareEnd(o.modelTypes().size() - i), budget.end()));
                }
                List<ModelRun> ranked = rank(runs, o.metric());
                ModelRun winner = ranked.get(0);
                if (!winner.ok()) {
                    throw noModel(runs);
                }
                var info = new Step5Files.RunInfo(runId, started, Instant.now(), o, o.survivors(), data.rows(),
                        table.schema(), signal, dataContext, fin.train().length, fin.validation().length,
                        holdout.test().length, anchorsInfo, in.groups().duplicateRows(), monotone, pub.runDir());
                return publish(o, pub, info, ranked, winner, table, holdout, fin);
            } catch (RuntimeException | Error e) {
                pub.abandon();
                throw e;
            }
        }
    }

    private static Outcome publish(Step5Options o, ModelPublisher pub, Step5Files.RunInfo info, List<ModelRun> ranked,
            ModelRun winner, SurvivorTable table, Splits.Holdout holdout, Splits.Split fin) {
        Path dir = pub.runDir();
        Checkpoint cp = adopt(winner.checkpoint(), dir);
        winner = winner.withCheckpoint(cp);
        ranked = new ArrayList<>(ranked);
        ranked.set(0, winner);
        Path chart = dir.resolve(CHART_FILE);
        ComparisonChart.write(chart, ranked, o.metric());
        Step5Reports.Predictions preds = Step5Reports.predictions(winner, table, holdout, fin, o.markSeeds());
        Path predictionChart = dir.resolve(PREDICTION_CHART_FILE);
        Step5Reports.writeChart(predictionChart, winner, o.metric(), preds);
        Path metrics = dir.resolve(METRICS_FILE);
        Json.write(metrics, Step5Files.modelMetrics(info, ranked));
        Path history = dir.resolve(HISTORY_FILE);
        Json.write(history, Step5Files.history(info, ranked));
        List<String> companions = cp.companions().stream().map(p -> dir.relativize(p).toString()).toList();
        Path sidecar = pub.publish(Step5Files.success(info, winner, ranked, dir.relativize(cp.path()).toString(),
                Sha256.of(cp.path()), companions));
        String msg = String.format(Locale.ROOT, "best model: %s (validation %s %.6g)", winner.type().id(),
                o.metric().id(), winner.validation().get(o.metric()));
        o.log().accept(msg);
        return new Outcome(EXIT_OK, msg, sidecar, dir, ranked, chart, predictionChart, metrics, history, preds);
    }

    private static Outcome degenerate(Step5Options o, ModelPublisher pub, String runId, Instant started,
            TrainingInputs in, SignalQuality signal, Map<String, Object> dataContext, Map<String, Object> anchorsInfo,
            List<String> monotone) {
        String msg = String.format(Locale.ROOT, "degenerate target: holdout_quality has %d distinct value(s), "
                + "variance %.3g over %d survivors; no model trained (was Step 3 run with a holdout history?)",
                signal.uniqueValues(), signal.variance(), signal.sampleSize());
        var info = new Step5Files.RunInfo(runId, started, Instant.now(), o, o.survivors(), in.survivors().rows(),
                in.survivors().schema(), signal, dataContext, 0, 0, 0, anchorsInfo, in.groups().duplicateRows(),
                monotone, pub.runDir());
        Path sidecar = pub.publish(Step5Files.degenerate(info, msg));
        return new Outcome(EXIT_DEGENERATE, msg, sidecar, pub.runDir(), List.of(), null, null, null, null, null);
    }

    /** No model to publish: the time budget skipped them all (a usage problem), or every one failed. */
    private static RuntimeException noModel(List<ModelRun> runs) {
        boolean allTime = runs.stream().allMatch(r -> ModelRun.SKIPPED.equals(r.status())
                && r.error() != null && r.error().contains("time budget"));
        StringBuilder sb = new StringBuilder(allTime ? "--time-budget is too small for any model:" : "every model failed:");
        for (ModelRun r : runs) {
            sb.append("\n  ").append(r.type().id()).append(" ").append(r.status()).append(": ").append(r.error());
        }
        return allTime ? new TimeBudgetException.AllSkipped(sb.toString()) : new IllegalStateException(sb.toString());
    }

    /** Best first by the validation metric; ties keep the candidate order (docs/models.md §5). Failed and skipped last. */
    static List<ModelRun> rank(List<ModelRun> runs, Metrics.Metric metric) {
        List<ModelRun> ranked = new ArrayList<>(runs);
        ranked.sort(Comparator.comparing((ModelRun r) -> !r.ok())
                .thenComparing((a, b) -> a.ok() && b.ok()
                        ? metric.compare(a.validation().get(metric), b.validation().get(metric)) : 0));
        return ranked;
    }

    /** The winner's checkpoint and companions, linked (or copied) from its candidate folder to the run folder. */
    private static Checkpoint adopt(Checkpoint cp, Path dir) {
        Path target = link(cp.path(), dir.resolve(cp.path().getFileName()));
        List<Path> comps = new ArrayList<>();
        for (Path c : cp.companions()) {
            comps.add(link(c, dir.resolve(c.getFileName())));
        }
        return new Checkpoint(target, cp.format(), comps);
    }

    private static Path link(Path from, Path to) {
        try {
            Files.deleteIfExists(to);
            try {
                Files.createLink(to, from);
            } catch (IOException | UnsupportedOperationException e) {
                AtomicFiles.copy(from, to);
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot place the checkpoint " + to + ": " + e.getMessage(), e);
        }
    }
}
