package dev.survivor.models.search;

import dev.survivor.models.api.ModelFamily;
import dev.survivor.models.api.Regressor;
import dev.survivor.models.api.TrainContext;
import dev.survivor.models.data.Dataset;
import dev.survivor.models.data.Metrics;
import dev.survivor.models.data.Splits;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;

/**
 * K-fold hyperparameter search over a family's space (docs/models.md §4). Optuna's TPE sampler has no
 * Java counterpart here, so trials are drawn by seeded random search; trial 0 is the family's
 * defaults (the reference's single-shot configuration), so a search never does worse than
 * single-shot on the CV score. The objective is the mean of the chosen metric over the folds.
 */
public final class HyperparameterSearch {
    public static final String METHOD = "random_search(seeded; trial 0 = defaults)";

    private HyperparameterSearch() {
    }

    public static SearchResult run(ModelFamily family, Dataset data, int[] trainVal, int kFolds, int trials,
            Metrics.Metric metric, TrainContext ctx) {
        if (trials < 1) {
            throw new IllegalArgumentException("trials must be >= 1, got " + trials);
        }
        return run(family, data, trainVal, kFolds, run -> trials, metric, ctx);
    }

    /** As above, asking {@code budget} before each trial how many trials there are in all (at least one runs). */
    public static SearchResult run(ModelFamily family, Dataset data, int[] trainVal, int kFolds, IntUnaryOperator budget,
            Metrics.Metric metric, TrainContext ctx) {
        List<Splits.Split> folds = Splits.kFold(trainVal, kFolds, ctx.seed());
        SplittableRandom rng = new SplittableRandom(ctx.seed() ^ family.type().ordinal() * 0x9E3779B97F4A7C15L);
        List<TrialResult> results = new ArrayList<>();
        TrialResult best = null;
        for (int t = 0; ; t++) {
            int trials = Math.max(1, budget.applyAsInt(t)); // the safe point: a live change applies from here on
            if (t >= trials) {
                break;
            }
            Map<String, Object> params = t == 0 ? family.defaults() : family.sample(rng);
            TrialResult r = trial(family, data, folds, t, params, metric, ctx, trials);
            results.add(r);
            if (!r.failed() && (best == null || metric.compare(r.meanScore(), best.meanScore()) < 0)) {
                best = r;
            }
        }
        if (best == null) {
            throw new IllegalStateException(family.type().id() + ": all " + results.size() + " trials failed; first error: "
                    + results.get(0).error());
        }
        return new SearchResult(results, best, METHOD);
    }

    private static TrialResult trial(ModelFamily family, Dataset data, List<Splits.Split> folds, int number,
            Map<String, Object> params, Metrics.Metric metric, TrainContext ctx, int trials) {
        long t0 = System.nanoTime();
        List<TrialResult.Fold> out = new ArrayList<>();
        double sum = 0;
        try {
            for (int f = 0; f < folds.size(); f++) {
                long f0 = System.nanoTime();
                Splits.Split s = folds.get(f);
                Dataset train = data.select(s.train());
                Dataset val = data.select(s.validation());
                Metrics m;
                try (Regressor r = family.train(train, val, params, ctx)) {
                    m = Metrics.of(val.y(), r.predict(val.x(), val.rows()));
                }
                out.add(new TrialResult.Fold(f, train.rows(), val.rows(), m, seconds(f0)));
                sum += m.get(metric);
            }
        } catch (RuntimeException e) {
            String msg = e.getClass().getSimpleName() + ": " + e.getMessage();
            ctx.log().accept(String.format(Locale.ROOT, "%s trial %d/%d failed: %s", family.type().id(), number + 1,
                    trials, msg));
            return new TrialResult(number, params, out, Double.NaN, seconds(t0), msg);
        }
        double mean = sum / folds.size();
        ctx.log().accept(String.format(Locale.ROOT, "%s trial %d/%d: cv %s = %.6g over %d folds (%.1f s) %s",
                family.type().id(), number + 1, trials, metric.id(), mean, folds.size(), seconds(t0), params));
        return new TrialResult(number, params, out, mean, seconds(t0), null);
    }

    static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
