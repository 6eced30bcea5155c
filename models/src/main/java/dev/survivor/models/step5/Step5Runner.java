package dev.survivor.models.step5;

import dev.survivor.common.AtomicFiles;
import dev.survivor.common.ExitCodes;
import dev.survivor.common.Sha256;
import dev.survivor.models.api.Checkpoint;
import dev.survivor.models.api.ModelFamilies;
import dev.survivor.models.api.ModelFamily;
import dev.survivor.models.api.ModelType;
import dev.survivor.models.api.Regressor;
import dev.survivor.models.api.TrainContext;
import dev.survivor.models.chart.ComparisonChart;
import dev.survivor.models.data.DataContext;
import dev.survivor.models.data.Dataset;
import dev.survivor.models.data.LotteryHistory;
import dev.survivor.models.data.Metrics;
import dev.survivor.models.data.SignalQuality;
import dev.survivor.models.data.Splits;
import dev.survivor.models.data.SurvivorTable;
import dev.survivor.models.data.SurvivorsReader;
import dev.survivor.models.search.HyperparameterSearch;
import dev.survivor.models.search.SearchResult;
import dev.survivor.models.sidecar.Json;
import dev.survivor.models.sidecar.Sidecar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Step 5: read survivors, gate on the target, search each model type with k-fold CV, fit the chosen
 * parameters on the final split (docs/decisions.md M1), rank by the metric (M3), keep the best: checkpoint, sidecar,
 * training_history.json (M4) and a PNG chart. The sidecar is written last: it is the commit point.
 */
public final class Step5Runner {
    public static final int EXIT_OK = ExitCodes.OK;
    public static final int EXIT_DEGENERATE = ExitCodes.DEGENERATE_TARGET;
    public static final String HISTORY_FILE = "training_history.json";
    public static final String CHART_FILE = "model_comparison.png";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);

    /** What a run produced; {@code ranked} holds successful models best-first, then failed ones. */
    public record Outcome(int exitCode, String message, Path sidecar, List<ModelRun> ranked, Path chart, Path history) {
        public ModelRun winner() {
            return ranked.isEmpty() || !ranked.get(0).ok() ? null : ranked.get(0);
        }
    }

    private Step5Runner() {
    }

    public static Outcome run(Step5Options o) {
        Instant started = Instant.now();
        String runId = "step5_" + STAMP.format(started);
        o.log().accept("reading " + o.survivors());
        SurvivorTable table = SurvivorsReader.read(o.survivors(), SurvivorsReader.Options.training());
        Dataset data = table.data();
        o.log().accept(String.format(Locale.ROOT, "%d survivors x %d features, feature_schema_hash %s", data.rows(),
                data.cols(), table.schema().hash()));
        SignalQuality signal = SignalQuality.of(data.y());
        int trainDraws = o.lotteryData() == null ? 0 : LotteryHistory.read(o.lotteryData()).length;
        Map<String, Object> dataContext = DataContext.toMap(trainDraws, o.holdoutDraws(), data.rows(), o.survivors(),
                o.prngType(), o.mod());
        Path out = o.outputDir();
        createDirectories(out);
        Path sidecar = out.resolve(Sidecar.FILE_NAME);
        if (!signal.predictionAllowed()) {
            String msg = String.format(Locale.ROOT, "degenerate target: holdout_quality has %d distinct value(s), "
                    + "variance %.3g over %d survivors; no model trained (was Step 3 run with a holdout history?)",
                    signal.uniqueValues(), signal.variance(), signal.sampleSize());
            var info = new Step5Files.RunInfo(runId, started, Instant.now(), o, o.survivors(), data.rows(),
                    table.schema(), signal, dataContext, 0, 0, 0);
            Json.write(sidecar, Step5Files.degenerate(info, msg));
            return new Outcome(EXIT_DEGENERATE, msg, sidecar, List.of(), null, null);
        }
        o.log().accept("target: " + signal.status() + " (confidence " + signal.confidence() + ")");

        Splits.Holdout holdout = Splits.holdout(data.rows(), o.testHoldout(), o.seed());
        Splits.Split fin = Splits.finalSplit(holdout.trainVal());
        Dataset train = data.select(fin.train());
        Dataset val = data.select(fin.validation());
        Path archive = o.compareModels() ? out.resolve("compare_models").resolve(runId) : out;
        List<ModelRun> runs = new ArrayList<>();
        for (int i = 0; i < o.modelTypes().size(); i++) {
            ModelType type = o.modelTypes().get(i);
            o.log().accept(String.format(Locale.ROOT, "model %d/%d: %s (%d trials x %d folds)", i + 1,
                    o.modelTypes().size(), type.id(), o.trials(), o.kFolds()));
            Path dir = o.compareModels() ? archive.resolve(type.id()) : out;
            runs.add(trainOne(type, o, data, holdout.trainVal(), train, val, dir));
        }
        List<ModelRun> ranked = rank(runs, o.metric());
        ModelRun winner = ranked.get(0);
        if (!winner.ok()) {
            StringBuilder sb = new StringBuilder("every model failed:");
            for (ModelRun r : runs) {
                sb.append("\n  ").append(r.type().id()).append(": ").append(r.error());
            }
            throw new IllegalStateException(sb.toString());
        }
        Checkpoint cp = o.compareModels() ? promote(winner.checkpoint(), out) : winner.checkpoint();
        removeStaleCheckpoints(out, winner.type());
        Path chart = out.resolve(CHART_FILE);
        ComparisonChart.write(chart, ranked, o.metric());
        var info = new Step5Files.RunInfo(runId, started, Instant.now(), o, o.survivors(), data.rows(), table.schema(),
                signal, dataContext, train.rows(), val.rows(), holdout.test().length);
        Path history = out.resolve(HISTORY_FILE);
        Json.write(history, Step5Files.history(info, runs));
        List<String> companions = cp.companions().stream().map(p -> out.resolve(p.getFileName()).toString()).toList();
        Json.write(sidecar, Step5Files.success(info, winner, ranked, out.resolve(cp.path().getFileName()).toString(),
                Sha256.of(cp.path()), companions));
        String msg = String.format(Locale.ROOT, "best model: %s (validation %s %.6g)", winner.type().id(),
                o.metric().id(), winner.validation().get(o.metric()));
        o.log().accept(msg);
        return new Outcome(EXIT_OK, msg, sidecar, ranked, chart, history);
    }

    private static ModelRun trainOne(ModelType type, Step5Options o, Dataset data, int[] trainVal, Dataset train,
            Dataset val, Path dir) {
        long t0 = System.nanoTime();
        TrainContext ctx = new TrainContext(o.seed(), o.threads(), o.device(), o.log());
        SearchResult search = null;
        try {
            ModelFamily family = ModelFamilies.of(type);
            search = HyperparameterSearch.run(family, data, trainVal, o.kFolds(), o.trialBudget()::trials, o.metric(),
                    ctx);
            Map<String, Object> params = search.best().params();
            try (Regressor model = family.train(train, val, params, ctx)) {
                Metrics trainM = Metrics.of(train.y(), model.predict(train.x(), train.rows()));
                Metrics valM = Metrics.of(val.y(), model.predict(val.x(), val.rows()));
                createDirectories(dir);
                Checkpoint cp = model.save(dir);
                double secs = (System.nanoTime() - t0) / 1e9;
                o.log().accept(String.format(Locale.ROOT, "%s final fit: validation %s (%.1f s)", type.id(), valM, secs));
                return new ModelRun(type, search, params, trainM, valM, cp, family.trainerDescription(),
                        family.deviceUsed(o.device()), secs, null);
            }
        } catch (RuntimeException | LinkageError e) {
            String msg = e.getClass().getSimpleName() + ": " + e.getMessage();
            o.log().accept(type.id() + " failed: " + msg);
            return new ModelRun(type, search, null, null, null, null, null, null, (System.nanoTime() - t0) / 1e9, msg);
        }
    }

    /** Best first by the validation metric; ties keep the candidate order (docs/models.md §5). Failed last. */
    static List<ModelRun> rank(List<ModelRun> runs, Metrics.Metric metric) {
        List<ModelRun> ranked = new ArrayList<>(runs);
        ranked.sort(Comparator.comparing((ModelRun r) -> !r.ok())
                .thenComparing((a, b) -> a.ok() && b.ok()
                        ? metric.compare(a.validation().get(metric), b.validation().get(metric)) : 0));
        return ranked;
    }

    private static Checkpoint promote(Checkpoint cp, Path out) {
        Path target = out.resolve(cp.path().getFileName());
        AtomicFiles.copy(cp.path(), target);
        List<Path> comps = new ArrayList<>();
        for (Path c : cp.companions()) {
            Path t = out.resolve(c.getFileName());
            AtomicFiles.copy(c, t);
            comps.add(t);
        }
        return new Checkpoint(target, cp.format(), comps);
    }

    /** A previous run's checkpoint of another type would only confuse a reader of the folder. */
    private static void removeStaleCheckpoints(Path out, ModelType winner) {
        List<String> stale = new ArrayList<>();
        for (ModelType t : ModelType.values()) {
            if (t != winner) {
                stale.add(t.checkpointFileName());
            }
        }
        if (winner != ModelType.NEURAL_NET) {
            stale.add(dev.survivor.models.nn.NeuralNetFamily.DJL_NAME + "-0000.params");
            stale.add(dev.survivor.models.nn.NeuralNetFamily.META_FILE);
        }
        for (String name : stale) {
            try {
                Files.deleteIfExists(out.resolve(name));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove stale " + out.resolve(name), e);
            }
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create output directory " + dir, e);
        }
    }
}
