package dev.survivor.models.search;

import dev.survivor.models.api.FitStoppedException;
import dev.survivor.models.api.ModelFamily;
import dev.survivor.models.api.Regressor;
import dev.survivor.models.api.TrainContext;
import dev.survivor.models.data.Dataset;
import dev.survivor.models.data.Metrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;

/**
 * K-fold hyperparameter search over a family's space (docs/models.md §4, docs/training.md §5). Trial 0 is the
 * family's defaults (the reference's single-shot configuration), later trials come from the sampler; the
 * objective is the mean of the chosen metric over the folds. Trials end {@code complete}, {@code pruned}
 * (the time budget stopped them) or {@code failed}; the best complete trial wins.
 */
public final class HyperparameterSearch {
    private HyperparameterSearch() {
    }

    /**
     * What one search needs besides the family and data.
     *
     * @param budget        asked before each trial how many trials there are in all (at least one runs); the
     *                      trainer's safe point for a live change
     * @param deadlineNanos {@link System#nanoTime()} by which the search must end ({@link Long#MAX_VALUE}: none)
     */
    public record Config(IntUnaryOperator budget, Metrics.Metric metric, SearchMethod method, long seed,
            long deadlineNanos) {
        public static Config of(int trials, Metrics.Metric metric, long seed) {
            if (trials < 1) {
                throw new IllegalArgumentException("trials must be >= 1, got " + trials);
            }
            return new Config(t -> trials, metric, SearchMethod.DEFAULT, seed, Long.MAX_VALUE);
        }
    }

    public static SearchResult run(ModelFamily family, CvData cv, Config cfg, TrainContext ctx, SearchListener listener) {
        return new Run(family, cv, cfg, ctx, listener).run();
    }

    /** One search's state. */
    private static final class Run {
        private final ModelFamily family;
        private final CvData cv;
        private final Config cfg;
        private final TrainContext ctx;
        private final SearchListener listener;
        private final long started = System.nanoTime();
        private final List<TrialResult> results = new ArrayList<>();
        private TrialResult best;

        Run(ModelFamily family, CvData cv, Config cfg, TrainContext ctx, SearchListener listener) {
            this.family = family;
            this.cv = cv;
            this.cfg = cfg;
            this.ctx = ctx;
            this.listener = listener;
        }

        SearchResult run() {
            SplittableRandom rng = new SplittableRandom(cfg.seed() ^ family.type().ordinal() * 0x9E3779B97F4A7C15L);
            String stopReason = null;
            for (int t = 0; ; t++) {
                int trials = Math.max(1, cfg.budget().applyAsInt(t)); // the safe point: a live change applies here
                if (t >= trials) {
                    break;
                }
                if (best != null && !timeForAnotherTrial()) {
                    stopReason = String.format(Locale.ROOT, "time budget: stopped after %d of %d trials", t, trials);
                    ctx.log().accept(family.type().id() + ": " + stopReason);
                    break;
                }
                RandomSuggester s = new RandomSuggester(rng);
                Map<String, Object> params = t == 0 ? family.defaults() : family.sample(s);
                TrialResult r = trial(t, trials, params, t == 0 ? Map.of() : s.suggested());
                results.add(r);
                if (r.complete() && (best == null || cfg.metric().compare(r.meanScore(), best.meanScore()) < 0)) {
                    best = r;
                }
                listener.trialFinished(r, trials, best == null ? Double.NaN : best.meanScore());
                if (TrialResult.PRUNED.equals(r.status()) && "time_budget".equals(r.stoppedBy())) {
                    if (best == null) {
                        throw tooSmall(r);
                    }
                    stopReason = String.format(Locale.ROOT, "time budget: stopped during trial %d of %d", t + 1,
                            trials);
                    break;
                }
            }
            if (best == null) {
                throw new IllegalStateException(family.type().id() + ": all " + results.size()
                        + " trials failed; first error: " + results.get(0).error());
            }
            return new SearchResult(results, best, cfg.method().id(), stopReason);
        }

        /** Another trial fits if the mean complete trial's duration still fits before the deadline. */
        private boolean timeForAnotherTrial() {
            if (cfg.deadlineNanos() == Long.MAX_VALUE) {
                return true;
            }
            double mean = results.stream().filter(TrialResult::complete).mapToDouble(TrialResult::durationSeconds)
                    .average().orElse(0);
            return System.nanoTime() + (long) (mean * 1e9) <= cfg.deadlineNanos();
        }

        private TimeBudgetException tooSmall(TrialResult r) {
            double had = (cfg.deadlineNanos() - started) / 1e9;
            int foldsDone = r.folds().size();
            double fraction = (foldsDone + lastFitFraction) / cv.k();
            double needed = fraction > 0 ? r.durationSeconds() / fraction : Double.POSITIVE_INFINITY;
            String progress = String.format(Locale.ROOT, "stopped in fold %d of %d after %d of %d rounds at %.1f s",
                    foldsDone + 1, cv.k(), lastRoundsDone, lastRoundsPlanned, r.durationSeconds());
            return new TimeBudgetException(family.type().id(), Math.max(0, had), needed, progress);
        }

        private double lastFitFraction;
        private int lastRoundsDone;
        private int lastRoundsPlanned;

        private TrialResult trial(int number, int trials, Map<String, Object> params, Map<String, Object> suggestions) {
            long t0 = System.nanoTime();
            List<TrialResult.Fold> out = new ArrayList<>();
            double sum = 0;
            TrainContext fit = ctx.withMonitor((done, planned, mse) -> {
                lastRoundsDone = done;
                lastRoundsPlanned = planned;
                lastFitFraction = planned > 0 ? (double) done / planned : 0;
                if (System.nanoTime() > cfg.deadlineNanos()) {
                    throw new FitStoppedException(FitStoppedException.Reason.TIME_BUDGET, "time budget spent", done,
                            planned);
                }
            });
            try {
                for (int f = 0; f < cv.k(); f++) {
                    long f0 = System.nanoTime();
                    lastFitFraction = 0;
                    Dataset train = cv.train(f);
                    Dataset val = cv.validation(f);
                    Metrics m;
                    try (Regressor r = family.train(train, val, params, fit)) {
                        m = Metrics.of(val.y(), r.predict(val.x(), val.rows()));
                    }
                    double score = m.get(cfg.metric());
                    out.add(new TrialResult.Fold(f, train.rows(), val.rows(), m, seconds(f0), lastRoundsDone));
                    sum += score;
                    listener.foldFinished(number, trials, f, cv.k(), score, seconds(f0));
                }
            } catch (FitStoppedException e) {
                String by = e.reason() == FitStoppedException.Reason.TIME_BUDGET ? "time_budget" : "pruner";
                return new TrialResult(number, params, suggestions, out, mean(out), seconds(t0), TrialResult.PRUNED, by,
                        e.getMessage());
            } catch (RuntimeException e) {
                String msg = e.getClass().getSimpleName() + ": " + e.getMessage();
                ctx.log().accept(String.format(Locale.ROOT, "%s trial %d/%d failed: %s", family.type().id(),
                        number + 1, trials, msg));
                return new TrialResult(number, params, suggestions, out, Double.NaN, seconds(t0), TrialResult.FAILED,
                        null, msg);
            }
            return new TrialResult(number, params, suggestions, out, sum / cv.k(), seconds(t0), TrialResult.COMPLETE,
                    null, null);
        }

        private double mean(List<TrialResult.Fold> folds) {
            return folds.stream().mapToDouble(f -> f.metrics().get(cfg.metric())).average().orElse(Double.NaN);
        }
    }

    static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
