package dev.survivor.kernels.backend.nativecpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.survivor.kernels.api.BackendOptions;
import dev.survivor.kernels.api.BackendProbe;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The native backend against the pure-Java oracle on random inputs, within the conformance tolerances. */
class NativeMatchesJavaOracleTest {
    static final int[] LENGTHS = {1, 7, 8, 49, 50, 54, 99, 100, 1000, 4999, 5000};
    private static final OracleTolerances TOL = new OracleTolerances();
    private static ScoringBackend oracle;
    private static ScoringBackend nativeBackend;

    @BeforeAll
    static void open() {
        System.setProperty(NativeCpuBackend.PLANNER_PROPERTY, "estimate");   // planning speed, not FFT speed
        BackendProbe probe = new NativeCpuBackendProvider().probe();
        assertThat(probe.available()).as("native backend must load here: %s", probe.reason()).isTrue();
        oracle = Backends.create("java", new BackendOptions(1, 0));
        nativeBackend = Backends.create("native", new BackendOptions(2, 0));
    }

    @AfterAll
    static void close() {
        oracle.close();
        nativeBackend.close();
    }

    static Stream<Arguments> familiesAndLengths() {
        List<Arguments> list = new ArrayList<>();
        for (PrngFamily f : PrngFamily.values()) {
            for (int n : LENGTHS) {
                list.add(Arguments.of(f, n));
            }
        }
        return list.stream();
    }

    @ParameterizedTest(name = "{0} n={1}")
    @MethodSource("familiesAndLengths")
    void featuresAgreeWithTheOracle(PrngFamily family, int n) {
        SplittableRandom rnd = new SplittableRandom(31L * n + family.ordinal());
        int[] history = rnd.ints(n, 0, 1000).toArray();
        int count = n >= 4999 ? 5 : 9;   // odd: the last seed of a pair runs alone
        long[] seeds = rnd.longs(count).toArray();
        long[] skips = rnd.longs(count, 0, 60).toArray();
        compare(new ScoringTask(family, 1000, history, ScorerConfig.DEFAULT), seeds, skips);
        compare(new ScoringTask(family, 1000, history, ScorerConfig.DEFAULT), seeds, null);
    }

    @ParameterizedTest
    @EnumSource(PrngFamily.class)
    void aSeedThatReproducesTheHistoryScoresOneHundred(PrngFamily family) {
        long seed = 0x1234_5678_9ABCL;
        long[] raw = family.generate(seed, 300, 17);
        int[] history = new int[raw.length];
        for (int i = 0; i < raw.length; i++) {
            history[i] = (int) Long.remainderUnsigned(raw[i], 1000);
        }
        ScoringTask task = new ScoringTask(family, 1000, history, ScorerConfig.DEFAULT);
        double[] out = compare(task, new long[] {seed, seed + 1}, new long[] {17, 17});
        assertThat(out[FeatureCatalogue.SCORE]).isEqualTo(100.0);
        assertThat(out[FeatureCatalogue.EXACT_MATCHES]).isEqualTo(300.0);
    }

    @Test
    void otherModulusAndScorerConfig() {
        SplittableRandom rnd = new SplittableRandom(7);
        ScorerConfig cfg = new ScorerConfig(new int[] {7, 64, 999}, 30, 7, 0.2);
        for (int mod : new int[] {1, 2, 37, 1000, 4096, 32768}) {
            for (int n : new int[] {9, 64, 211, 1024}) {
                int[] history = rnd.ints(n, 0, mod).toArray();
                long[] seeds = rnd.longs(6).toArray();
                compare(new ScoringTask(PrngFamily.JAVA_LCG, mod, history, cfg), seeds, null);
                compare(new ScoringTask(PrngFamily.PCG32, mod, history, ScorerConfig.DEFAULT), seeds, null);
            }
        }
    }

    @Test
    void constantHistoryAndConstantPredictions() {
        int[] history = new int[400];
        java.util.Arrays.fill(history, 0);
        // mod 1: every prediction is 0, so every variance is 0 and the autocorrelation branch is skipped
        compare(new ScoringTask(PrngFamily.JAVA_LCG, 1, history, ScorerConfig.DEFAULT), new long[] {1, 2, 3}, null);
        compare(new ScoringTask(PrngFamily.MT19937, 1000, history, ScorerConfig.DEFAULT), new long[] {1, 2, 3}, null);
    }

    @ParameterizedTest
    @EnumSource(PrngFamily.class)
    void holdoutMatchesAgree(PrngFamily family) {
        SplittableRandom rnd = new SplittableRandom(family.ordinal());
        long seed = rnd.nextLong();
        long[] raw = family.generate(seed, 500, 1000);
        int[] history = new int[500];
        for (int i = 0; i < 500; i++) {
            history[i] = i % 3 == 0 ? (int) Long.remainderUnsigned(raw[i], 1000) : rnd.nextInt(1000);
        }
        ScoringTask task = new ScoringTask(family, 1000, history, ScorerConfig.DEFAULT);
        long[] seeds = new long[37];
        seeds[0] = seed;
        for (int i = 1; i < seeds.length; i++) {
            seeds[i] = rnd.nextLong();
        }
        int[] expected = new int[seeds.length];
        int[] actual = new int[seeds.length];
        try (ScoringKernel j = oracle.prepare(task); ScoringKernel k = nativeBackend.prepare(task)) {
            j.matches(seeds, 1000, seeds.length, expected);
            k.matches(seeds, 1000, seeds.length, actual);
        }
        assertThat(actual).containsExactly(expected);
        assertThat(actual[0]).isGreaterThanOrEqualTo(167);
    }

    @Test
    void historyOutsideTheModulusIsRejectedWithItsPosition() {
        ScoringTask task = new ScoringTask(PrngFamily.JAVA_LCG, 10, new int[] {1, 2, 10}, ScorerConfig.DEFAULT);
        assertThatThrownBy(() -> nativeBackend.prepare(task))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("history[2] = 10");
    }

    @Test
    void probeNamesLibraryIsaAndFftw() {
        BackendProbe p = new NativeCpuBackendProvider().probe();
        assertThat(p.details()).containsKeys("library", "isa", "fft");
        assertThat(p.details().get("fft")).startsWith("FFTW 3.");
        assertThat(nativeBackend.description()).contains("2 threads");
    }

    /** Scores the seeds on both backends, asserts every feature within tolerance; returns native's rows. */
    private static double[] compare(ScoringTask task, long[] seeds, long[] skips) {
        int c = FeatureCatalogue.COMPUTED_COUNT;
        double[] expected = new double[seeds.length * c];
        double[] actual = new double[seeds.length * c];
        try (ScoringKernel j = oracle.prepare(task); ScoringKernel k = nativeBackend.prepare(task)) {
            j.features(seeds, skips, seeds.length, expected);
            k.features(seeds, skips, seeds.length, actual);
        }
        List<String> names = FeatureCatalogue.of(task.config()).computedNames();
        List<String> bad = new ArrayList<>();
        for (int s = 0; s < seeds.length; s++) {
            for (int f = 0; f < c; f++) {
                double e = expected[s * c + f];
                double a = actual[s * c + f];
                if (!TOL.within(names.get(f), e, a)) {
                    bad.add(task.family() + " n=" + task.history().length + " mod=" + task.mod() + " seed "
                            + Long.toUnsignedString(seeds[s]) + ": " + names.get(f) + " native " + a + " java " + e);
                }
            }
        }
        assertThat(bad).isEmpty();
        return actual;
    }
}
