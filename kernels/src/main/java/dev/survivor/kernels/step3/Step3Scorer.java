package dev.survivor.kernels.step3;

import dev.survivor.kernels.api.ScoringBackend;
import dev.survivor.kernels.api.ScoringKernel;
import dev.survivor.kernels.api.ScoringTask;
import dev.survivor.kernels.features.FeatureCatalogue;
import dev.survivor.kernels.features.GlobalFeatures;
import dev.survivor.kernels.io.ScoredSeed;
import dev.survivor.kernels.io.Survivor;
import java.util.List;
import java.util.function.Consumer;

/**
 * Backend-agnostic assembly of Step 3 records (docs/step3-features.md §1 with docs/decisions.md S3): one kernel
 * for training features (skip 0), one for holdout features (skip per survivor) and holdout hits
 * (skip = len(train), S9); metadata copies and the 14 globals are added here.
 */
public final class Step3Scorer implements AutoCloseable {
    private static final int C = FeatureCatalogue.COMPUTED_COUNT;
    private static final int P = FeatureCatalogue.PER_SEED_COUNT;
    private static final int T = FeatureCatalogue.TOTAL_COUNT;

    private final Step3Job job;
    private final FeatureCatalogue catalogue;
    private final ScoringKernel trainKernel;
    private final ScoringKernel holdoutKernel;
    private final double[] globals;

    public Step3Scorer(ScoringBackend backend, Step3Job job) {
        this.job = job;
        this.catalogue = FeatureCatalogue.of(job.config());
        this.globals = GlobalFeatures.compute(job.train(), job.mod());
        this.trainKernel = backend.prepare(new ScoringTask(job.family(), job.mod(), job.train(), job.config()));
        ScoringKernel hk = null;
        if (job.hasHoldout()) {
            try {
                hk = backend.prepare(new ScoringTask(job.family(), job.mod(), job.holdout(), job.config()));
            } catch (RuntimeException e) {
                trainKernel.close();
                throw e;
            }
        }
        this.holdoutKernel = hk;
    }

    public FeatureCatalogue catalogue() {
        return catalogue;
    }

    public Step3Job job() {
        return job;
    }

    /** The 14 global values (identical for every survivor of the job). */
    public double[] globals() {
        return globals.clone();
    }

    /** Scores a batch; results are delivered in input order. */
    public void score(List<Survivor> batch, Consumer<ScoredSeed> sink) {
        int n = batch.size();
        if (n == 0) {
            return;
        }
        long[] seeds = new long[n];
        long[] skips = new long[n];
        for (int i = 0; i < n; i++) {
            seeds[i] = batch.get(i).seed();
            skips[i] = batch.get(i).holdoutSkip();
        }
        double[] train = new double[n * C];
        trainKernel.features(seeds, null, n, train);
        double[] hold = null;
        int[] hits = null;
        if (holdoutKernel != null) {
            hold = new double[n * C];
            holdoutKernel.features(seeds, skips, n, hold);
            hits = new int[n];
            holdoutKernel.matches(seeds, job.train().length, n, hits);
        }
        for (int i = 0; i < n; i++) {
            Survivor s = batch.get(i);
            double[] f = new double[T];
            System.arraycopy(train, i * C, f, 0, C);
            System.arraycopy(s.metadata(), 0, f, C, P - C);
            System.arraycopy(globals, 0, f, P, T - P);
            if (hold == null) {
                sink.accept(new ScoredSeed(s.seed(), f, 0.0, -1, null, 0.0));
            } else {
                double[] h = new double[P]; // metadata stays 0.0 in holdout features
                System.arraycopy(hold, i * C, h, 0, C);
                double hitRate = (double) hits[i] / job.holdout().length;
                sink.accept(new ScoredSeed(s.seed(), f, hitRate, s.holdoutSkip(), h, HoldoutQuality.compute(h, 0)));
            }
        }
    }

    @Override
    public void close() {
        try {
            trainKernel.close();
        } finally {
            if (holdoutKernel != null) {
                holdoutKernel.close();
            }
        }
    }
}
