package dev.survivor.models.step5;

import dev.survivor.models.api.Checkpoint;
import dev.survivor.models.api.FitStoppedException;
import dev.survivor.models.api.ModelFamilies;
import dev.survivor.models.api.ModelFamily;
import dev.survivor.models.api.ModelType;
import dev.survivor.models.api.Regressor;
import dev.survivor.models.api.TrainContext;
import dev.survivor.models.data.Dataset;
import dev.survivor.models.data.Metrics;
import dev.survivor.models.search.CvData;
import dev.survivor.models.search.HyperparameterSearch;
import dev.survivor.models.search.SearchListener;
import dev.survivor.models.search.SearchResult;
import dev.survivor.models.search.TimeBudgetException;
import dev.survivor.models.search.TrialResult;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Trains one model type: the k-fold search, then the final fit with the chosen parameters (docs/decisions.md M1) on the
 * final split (anchors in training, never in validation), its checkpoint, and its predictions for every survivor.
 * A model that fails is reported, not fatal; a write that fails (disk full) is fatal (exit 74).
 */
final class ModelTrainer {
    private final Step5Options o;
    private final CvData cv;
    private final Dataset finalTrain;
    private final Dataset finalValidation;
    private final Dataset survivors;
    private final int[] monotone;

    ModelTrainer(Step5Options o, CvData cv, Dataset finalTrain, Dataset finalValidation, Dataset survivors,
            int[] monotone) {
        this.o = o;
        this.cv = cv;
        this.finalTrain = finalTrain;
        this.finalValidation = finalValidation;
        this.survivors = survivors;
        this.monotone = monotone;
    }

    ModelRun train(ModelType type, Path dir, long shareEnd, long hardEnd) {
        long t0 = System.nanoTime();
        TrainContext ctx = new TrainContext(o.seed(), o.threads(), o.device(), o.log()).withMonotone(monotone);
        SearchResult search = null;
        try {
            ModelFamily family = ModelFamilies.of(type);
            var cfg = new HyperparameterSearch.Config(o.trialBudget()::trials, o.metric(), o.search(), o.seed(),
                    shareEnd);
            search = HyperparameterSearch.run(family, cv, cfg, ctx, new Progress(type, t0));
            Map<String, Object> params = search.best().params();
            TrainContext finalCtx = ctx.withMonitor((done, planned, mse) -> {
                if (System.nanoTime() > hardEnd) {
                    throw new FitStoppedException(FitStoppedException.Reason.TIME_BUDGET, String.format(Locale.ROOT,
                            "the final fit ran out of --time-budget after %d of %d rounds", done, planned), done,
                            planned);
                }
            });
            try (Regressor model = family.train(finalTrain, finalValidation, params, finalCtx)) {
                Metrics trainM = Metrics.of(finalTrain.y(), model.predict(finalTrain.x(), finalTrain.rows()));
                Metrics valM = Metrics.of(finalValidation.y(),
                        model.predict(finalValidation.x(), finalValidation.rows()));
                float[] all = model.predict(survivors.x(), survivors.rows());
                Checkpoint cp = save(model, dir);
                double secs = seconds(t0);
                o.log().accept(String.format(Locale.ROOT, "%s final fit: validation %s (%.1f s)", type.id(), valM, secs));
                return new ModelRun(type, ModelRun.OK, search, params, trainM, valM, cp, family.trainerDescription(),
                        family.deviceUsed(o.device()), secs, all, null);
            }
        } catch (UncheckedIOException e) {
            throw e; // a write failed: not this model's fault, and the run cannot publish
        } catch (TimeBudgetException e) {
            o.log().accept(type.id() + " skipped: " + e.getMessage());
            return ModelRun.failed(type, ModelRun.SKIPPED, search, seconds(t0), e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            String msg = e.getClass().getSimpleName() + ": " + e.getMessage();
            o.log().accept(type.id() + " failed: " + msg);
            return ModelRun.failed(type, ModelRun.FAILED, search, seconds(t0), msg);
        }
    }

    private static Checkpoint save(Regressor model, Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        return model.save(dir);
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Fold and trial progress with an ETA for the model type, and the trial events of the TEAM interface. */
    private final class Progress implements SearchListener {
        private final ModelType type;
        private final long start;
        private int foldsDone;

        Progress(ModelType type, long start) {
            this.type = type;
            this.start = start;
        }

        @Override
        public void foldFinished(int trial, int trialsPlanned, int fold, int folds, double score, double seconds) {
            foldsDone++;
            int left = (trialsPlanned - trial - 1) * folds + (folds - fold - 1) + folds; // + the final fit
            double perFold = seconds(start) / foldsDone;
            o.log().accept(String.format(Locale.ROOT, "%s trial %d/%d fold %d/%d: %s %.6g (%.1f s), ETA %s",
                    type.id(), trial + 1, trialsPlanned, fold + 1, folds, o.metric().id(), score, seconds,
                    eta(left * perFold)));
        }

        @Override
        public void trialFinished(TrialResult t, int trialsPlanned, double bestSoFar) {
            o.log().accept(String.format(Locale.ROOT, "%s trial %d/%d %s: cv %s = %.6g over %d folds (%.1f s) %s",
                    type.id(), t.number() + 1, trialsPlanned, t.status(), o.metric().id(), t.meanScore(),
                    t.folds().size(), t.durationSeconds(), t.params()));
            o.listener().trialFinished(new Step5Listener.TrialEvent(type.id(), t.number(), t.params(),
                    t.folds().stream().map(f -> f.metrics().get(o.metric())).toList(), t.meanScore(), t.status(),
                    t.durationSeconds(), bestSoFar));
        }
    }

    static String eta(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "?";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
