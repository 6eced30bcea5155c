package dev.survivor.kernels.backend.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.survivor.kernels.api.ScoringKernel;
import dev.survivor.kernels.api.ScoringTask;
import dev.survivor.kernels.features.FeatureCatalogue;
import dev.survivor.kernels.features.ScorerConfig;
import dev.survivor.kernels.prng.PrngFamily;
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

class JavaScoringKernelTest {
    private static final int C = FeatureCatalogue.COMPUTED_COUNT;
    private static JavaBackend backend;

    @BeforeAll
    static void start() {
        backend = new JavaBackend(2);
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    private static double[] score(ScoringTask task, long[] seeds, long[] skips) {
        double[] out = new double[seeds.length * C];
        try (ScoringKernel k = backend.prepare(task)) {
            k.features(seeds, skips, seeds.length, out);
        }
        return out;
    }

    static Stream<Arguments> crossChecks() {
        ScorerConfig odd = new ScorerConfig(new int[] {7, 64, 997}, 60, 4, 0.2);
        ScorerConfig small = new ScorerConfig(new int[] {3, 40, 5}, 21, 9, 0.0);
        ScorerConfig wide = new ScorerConfig(new int[] {10, 1449, 125}, 7, 50, 1.0);
        return Stream.of(
                Arguments.of(PrngFamily.JAVA_LCG, 300, 1000, ScorerConfig.DEFAULT),
                Arguments.of(PrngFamily.MT19937, 257, 1000, odd),
                Arguments.of(PrngFamily.XORSHIFT64, 120, 37, small),
                Arguments.of(PrngFamily.SFC64, 9, 1000, ScorerConfig.DEFAULT),
                Arguments.of(PrngFamily.PCG32, 1, 1000, ScorerConfig.DEFAULT),
                Arguments.of(PrngFamily.MINSTD, 64, 2, ScorerConfig.DEFAULT),
                Arguments.of(PrngFamily.PHILOX4X32, 101, 32768, wide),
                Arguments.of(PrngFamily.LCG32, 50, 1000, ScorerConfig.DEFAULT),
                Arguments.of(PrngFamily.XOSHIRO256PP, 7, 1000, ScorerConfig.DEFAULT),
                Arguments.of(PrngFamily.XORSHIFT128, 11, 10, small),
                Arguments.of(PrngFamily.XORSHIFT32, 499, 1, ScorerConfig.DEFAULT));
    }

    /** The optimised kernel against the plain transcription of the spec, on uncovered shapes. */
    @ParameterizedTest(name = "{0} n={1} mod={2} {3}")
    @MethodSource("crossChecks")
    void agreesWithThePlainDefinition(PrngFamily family, int n, int mod, ScorerConfig cfg) {
        SplittableRandom rng = new SplittableRandom(n * 31L + mod);
        int[] history = rng.ints(n, 0, mod).toArray();
        long[] seeds = {0, 1, -1L, rng.nextLong(), rng.nextLong(), rng.nextLong()};
        long[] skips = {0, 3, 0, 17, 0, 1};
        double[] got = score(new ScoringTask(family, mod, history, cfg), seeds, skips);
        List<String> names = FeatureCatalogue.of(cfg).computedNames();
        for (int s = 0; s < seeds.length; s++) {
            double[] want = NaiveFeatures.compute(family, seeds[s], skips[s], history, mod, cfg);
            for (int k = 0; k < C; k++) {
                double g = got[s * C + k];
                assertThat(g).as("%s seed %s %s", family, Long.toUnsignedString(seeds[s]), names.get(k))
                        .isFinite().isCloseTo(want[k], org.assertj.core.api.Assertions.within(1e-9 + 1e-9 * Math.abs(want[k])));
            }
        }
    }

    @Test
    void constantHistoryAndConstantPredictions() {
        int[] history = new int[400];
        java.util.Arrays.fill(history, 777);
        // mod 1: every prediction is 0, so V = 0 and sums of magnitudes are 0 (guards, no NaN).
        double[] one = score(new ScoringTask(PrngFamily.JAVA_LCG, 1, new int[400], ScorerConfig.DEFAULT), new long[] {5}, null);
        assertThat(java.util.Arrays.stream(one).allMatch(Double::isFinite)).isTrue();
        assertThat(one[0]).isEqualTo(100.0);
        double[] seven = score(new ScoringTask(PrngFamily.JAVA_LCG, 1000, history, ScorerConfig.DEFAULT), new long[] {5}, null);
        assertThat(java.util.Arrays.stream(seven).allMatch(Double::isFinite)).isTrue();
        double[] want = NaiveFeatures.compute(PrngFamily.JAVA_LCG, 5, 0, history, 1000, ScorerConfig.DEFAULT);
        for (int k = 0; k < C; k++) {
            assertThat(seven[k]).isCloseTo(want[k], org.assertj.core.api.Assertions.within(1e-9 + 1e-9 * Math.abs(want[k])));
        }
    }

    /** A seed that generated the history scores 100 in every family (docs/decisions.md S1/S2). */
    @ParameterizedTest
    @EnumSource(PrngFamily.class)
    void generatingSeedScoresHundred(PrngFamily family) {
        SplittableRandom rng = new SplittableRandom(family.ordinal() + 7);
        for (int n : new int[] {1, 8, 50, 1 + rng.nextInt(3000)}) {
            long seed = rng.nextLong();
            long[] raw = family.generate(seed, n, 0);
            int[] history = new int[n];
            for (int i = 0; i < n; i++) {
                history[i] = (int) Long.remainderUnsigned(raw[i], 1000);
            }
            double[] f = score(new ScoringTask(family, 1000, history, ScorerConfig.DEFAULT), new long[] {seed}, null);
            assertThat(f[FeatureCatalogue.SCORE]).as("%s n=%d", family, n).isEqualTo(100.0);
            assertThat(f[FeatureCatalogue.EXACT_MATCHES]).isEqualTo(n);
            assertThat(f[FeatureCatalogue.CONFIDENCE]).isEqualTo(1.0);
            assertThat(f[FeatureCatalogue.LANE_CONSISTENCY]).isEqualTo(1.0);
            for (int r = 0; r < 3; r++) {
                assertThat(f[FeatureCatalogue.RESIDUE_BASE + 3 * r]).isEqualTo(1.0);
                assertThat(f[FeatureCatalogue.RESIDUE_BASE + 3 * r + 1]).isEqualTo(0.0); // KL of equal histograms
                assertThat(f[FeatureCatalogue.RESIDUE_BASE + 3 * r + 2]).isEqualTo(1.0);
            }
            assertThat(f[9]).isEqualTo(0.0); // residual_mean
            assertThat(f[12]).isEqualTo(0.0); // residual_max_abs
        }
    }

    @Test
    void everyValueIsFiniteOnRandomShapes() {
        SplittableRandom rng = new SplittableRandom(2026);
        PrngFamily[] families = PrngFamily.values();
        for (int trial = 0; trial < 40; trial++) {
            PrngFamily family = families[rng.nextInt(families.length)];
            int mod = 1 + rng.nextInt(rng.nextBoolean() ? 1000 : TaskTables.MAX_MOD);
            int n = 1 + rng.nextInt(rng.nextBoolean() ? 60 : 1500);
            ScorerConfig cfg = new ScorerConfig(new int[] {1 + rng.nextInt(50), 51 + rng.nextInt(500), 551 + rng.nextInt(2000)},
                    1 + rng.nextInt(200), 1 + rng.nextInt(12), rng.nextDouble());
            int[] history = rng.nextInt(4) == 0 ? new int[n] : rng.ints(n, 0, mod).toArray();
            long[] seeds = rng.longs(5).toArray();
            double[] f = score(new ScoringTask(family, mod, history, cfg), seeds, rng.longs(5, 0, 100).toArray());
            for (int i = 0; i < f.length; i++) {
                assertThat(f[i]).as("trial %d %s n=%d mod=%d %s: %s", trial, family, n, mod, cfg,
                        FeatureCatalogue.of(cfg).computedNames().get(i % C)).isFinite();
            }
        }
    }

    @Test
    void threadCountDoesNotChangeAnyBit() {
        SplittableRandom rng = new SplittableRandom(5);
        int[] history = rng.ints(777, 0, 1000).toArray();
        long[] seeds = rng.longs(203).toArray();
        long[] skips = rng.longs(203, 0, 50).toArray();
        ScoringTask task = new ScoringTask(PrngFamily.XORSHIFT128, 1000, history, ScorerConfig.DEFAULT);
        double[] two = score(task, seeds, skips);
        try (JavaBackend one = new JavaBackend(1); JavaBackend five = new JavaBackend(5);
             ScoringKernel k1 = one.prepare(task); ScoringKernel k5 = five.prepare(task)) {
            double[] a = new double[seeds.length * C];
            double[] b = new double[seeds.length * C];
            k1.features(seeds, skips, seeds.length, a);
            k5.features(seeds, skips, seeds.length, b);
            assertThat(a).containsExactly(two);
            assertThat(b).containsExactly(two);
        }
    }

    /** A seed's features are a function of the seed alone, whatever else is in the batch. */
    @Test
    void batchCompositionDoesNotChangeAnyBit() {
        SplittableRandom rng = new SplittableRandom(6);
        int[] history = rng.ints(5000, 0, 1000).toArray();
        ScoringTask task = new ScoringTask(PrngFamily.JAVA_LCG, 1000, history, ScorerConfig.DEFAULT);
        long[] seeds = {0, rng.nextLong(), rng.nextLong(), 7};
        double[] all = score(task, seeds, null);
        double[] reversed = score(task, new long[] {seeds[3], seeds[2], seeds[1], seeds[0]}, null);
        for (int s = 0; s < 4; s++) {
            assertThat(java.util.Arrays.copyOfRange(reversed, (3 - s) * C, (4 - s) * C))
                    .containsExactly(java.util.Arrays.copyOfRange(all, s * C, (s + 1) * C));
        }
        double[] alone = score(task, new long[] {seeds[1]}, null);
        assertThat(alone).containsExactly(java.util.Arrays.copyOfRange(all, C, 2 * C));
    }

    @Test
    void matchesCountsOutputsAfterTheSkip() {
        SplittableRandom rng = new SplittableRandom(11);
        long seed = rng.nextLong();
        long[] raw = PrngFamily.MT19937.generate(seed, 1000, 0);
        int[] holdout = new int[300];
        for (int j = 0; j < 300; j++) {
            holdout[j] = j % 2 == 0 ? (int) (raw[700 + j] % 1000) : rng.nextInt(1000);
        }
        long[] seeds = {seed, seed, rng.nextLong()};
        int[] hits = new int[3];
        try (ScoringKernel k = backend.prepare(new ScoringTask(PrngFamily.MT19937, 1000, holdout, ScorerConfig.DEFAULT))) {
            k.matches(seeds, 700, 3, hits);
            int[] other = new int[1];
            k.matches(seeds, 0, 1, other);
            assertThat(other[0]).isLessThan(60);
        }
        int expected = 0;
        for (int j = 0; j < 300; j++) {
            expected += raw[700 + j] % 1000 == holdout[j] ? 1 : 0;
        }
        assertThat(hits[0]).isEqualTo(expected).isGreaterThanOrEqualTo(150);
        assertThat(hits[1]).isEqualTo(expected);
        assertThat(hits[2]).isLessThan(60);
    }

    @Test
    void rejectsWhatItCannotScore() {
        assertThatThrownBy(() -> backend.prepare(new ScoringTask(PrngFamily.JAVA_LCG, TaskTables.MAX_MOD + 1, new int[] {1}, ScorerConfig.DEFAULT)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mod <= " + TaskTables.MAX_MOD);
        assertThatThrownBy(() -> backend.prepare(new ScoringTask(PrngFamily.JAVA_LCG, 1000, new int[] {5, 1000}, ScorerConfig.DEFAULT)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("history[1] = 1000");
        ScoringKernel k = backend.prepare(new ScoringTask(PrngFamily.JAVA_LCG, 1000, new int[] {5, 6}, ScorerConfig.DEFAULT));
        assertThatThrownBy(() -> k.features(new long[] {1, 2}, null, 2, new double[C]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("room for 1");
        assertThatThrownBy(() -> k.features(new long[] {1}, new long[] {-2}, 1, new double[C]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
        assertThatThrownBy(() -> k.matches(new long[] {1}, -1, 1, new int[1])).isInstanceOf(IllegalArgumentException.class);
        k.close();
        assertThatThrownBy(() -> k.features(new long[] {1}, null, 1, new double[C])).isInstanceOf(IllegalStateException.class);
    }
}
