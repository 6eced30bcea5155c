package dev.survivor.kernels.backend.nativecpu;

import dev.survivor.kernels.api.BackendOptions;
import dev.survivor.kernels.api.Backends;
import dev.survivor.kernels.api.ScoringBackend;
import dev.survivor.kernels.api.ScoringKernel;
import dev.survivor.kernels.api.ScoringTask;
import dev.survivor.kernels.conformance.OracleTolerances;
import dev.survivor.kernels.features.FeatureCatalogue;
import dev.survivor.kernels.features.ScorerConfig;
import dev.survivor.kernels.prng.PrngFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Scores random tasks on two backends and lists every feature outside the conformance tolerances. */
public final class BackendAgreement {
    private static final OracleTolerances TOL = new OracleTolerances();

    private BackendAgreement() {
    }

    /** Every family at several history lengths, {@code seeds} seeds each, backend vs reference. */
    public static List<String> mismatches(String backend, String reference, int seeds) {
        System.setProperty(NativeCpuBackend.PLANNER_PROPERTY, "estimate");
        List<String> bad = new ArrayList<>();
        int c = FeatureCatalogue.COMPUTED_COUNT;
        try (ScoringBackend a = Backends.create(backend, new BackendOptions(1, 0));
             ScoringBackend r = Backends.create(reference, new BackendOptions(1, 0))) {
            for (PrngFamily f : PrngFamily.values()) {
                for (int n : new int[] {1, 7, 8, 50, 54, 100, 1000, 4999, 5000}) {
                    SplittableRandom rnd = new SplittableRandom(f.ordinal() * 131L + n);
                    ScoringTask task = new ScoringTask(f, 1000, rnd.ints(n, 0, 1000).toArray(), ScorerConfig.DEFAULT);
                    long[] s = rnd.longs(seeds).toArray();
                    long[] k = rnd.longs(seeds, 0, 50).toArray();
                    double[] ea = new double[seeds * c];
                    double[] er = new double[seeds * c];
                    int[] ha = new int[seeds];
                    int[] hr = new int[seeds];
                    try (ScoringKernel ka = a.prepare(task); ScoringKernel kr = r.prepare(task)) {
                        ka.features(s, k, seeds, ea);
                        kr.features(s, k, seeds, er);
                        ka.matches(s, 77, seeds, ha);
                        kr.matches(s, 77, seeds, hr);
                    }
                    List<String> names = FeatureCatalogue.defaults().computedNames();
                    for (int i = 0; i < seeds * c; i++) {
                        if (!TOL.within(names.get(i % c), er[i], ea[i])) {
                            bad.add(f + " n=" + n + " seed #" + i / c + " " + names.get(i % c) + ": " + backend + " "
                                    + ea[i] + ", " + reference + " " + er[i]);
                        }
                    }
                    if (!java.util.Arrays.equals(ha, hr)) {
                        bad.add(f + " n=" + n + ": matches differ");
                    }
                }
            }
        }
        return bad;
    }
}
