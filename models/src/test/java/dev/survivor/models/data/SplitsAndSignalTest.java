package dev.survivor.models.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SplitsAndSignalTest {

    @Test
    void holdoutAndFinalSplitFollowTheSpecSizes() {
        Splits.Holdout h = Splits.holdout(100, 0.2, 42);
        assertThat(h.test()).hasSize(20);
        assertThat(h.trainVal()).hasSize(80);
        assertThat(IntStream.concat(Arrays.stream(h.test()), Arrays.stream(h.trainVal())).sorted().toArray())
                .isEqualTo(IntStream.range(0, 100).toArray());
        Splits.Split f = Splits.finalSplit(h.trainVal());
        assertThat(f.validation()).hasSize(16);
        assertThat(f.train()).hasSize(64);
        assertThat(f.validation()).isEqualTo(Arrays.copyOfRange(h.trainVal(), 64, 80));
        assertThat(Splits.holdout(100, 0.2, 42).test()).isEqualTo(h.test());
    }

    @Test
    void kFoldPartitionsLikeScikitLearn() {
        int[] rows = IntStream.range(0, 11).map(i -> i * 3).toArray();
        List<Splits.Split> folds = Splits.kFold(rows, 5, 7);
        assertThat(folds).hasSize(5);
        assertThat(folds.stream().mapToInt(s -> s.validation().length).toArray()).containsExactly(3, 2, 2, 2, 2);
        int[] all = folds.stream().flatMapToInt(s -> Arrays.stream(s.validation())).sorted().toArray();
        assertThat(all).isEqualTo(rows);
        assertThat(Splits.kFold(IntStream.range(0, 20).toArray(), 10, 1)).hasSize(10);
    }

    @Test
    void moreFoldsThanTheDataAllowsAreRefusedNamingBothNumbers() {
        assertThatThrownBy(() -> Splits.kFold(IntStream.range(0, 1600).toArray(), 1000, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--k-folds 1000").hasMessageContaining("1600 training rows")
                .hasMessageContaining("at most 800 fold(s)");
        assertThatThrownBy(() -> Splits.kFold(new int[] {1, 2, 3}, 2, 1)).hasMessageContaining("at most 1 fold(s)");
    }

    @Test
    void duplicatesStayTogetherInTheHoldoutAndInEveryFold() {
        // rows 0..59; rows 10k, 10k+1, 10k+2 share a group (as three copies of one seed would)
        int n = 60;
        int[] g = new int[n];
        for (int i = 0; i < n; i++) {
            g[i] = i / 3;
        }
        RowGroups groups = new RowGroups(g, 20);
        assertThat(groups.duplicateRows()).isEqualTo(40);
        assertThat(groups.duplicatedGroups()).isEqualTo(20);
        Splits.Holdout h = Splits.holdout(groups, 0.2, 9);
        assertThat(h.test().length % 3).isZero();
        assertThat(Arrays.stream(h.test()).map(i -> g[i]).distinct().count()).isEqualTo(h.test().length / 3);
        List<Splits.Split> folds = Splits.kFold(h.trainVal(), 4, 9, groups);
        for (Splits.Split s : folds) {
            java.util.Set<Integer> val = new java.util.HashSet<>();
            Arrays.stream(s.validation()).forEach(i -> val.add(g[i]));
            assertThat(Arrays.stream(s.train()).map(i -> g[i]).filter(val::contains).count())
                    .as("a group in both training and validation").isZero();
        }
        assertThat(folds.stream().mapToInt(s -> s.validation().length).sum()).isEqualTo(h.trainVal().length);
        Splits.Split fin = Splits.finalSplit(h.trainVal(), groups);
        java.util.Set<Integer> finVal = new java.util.HashSet<>();
        Arrays.stream(fin.validation()).forEach(i -> finVal.add(g[i]));
        assertThat(Arrays.stream(fin.train()).map(i -> g[i]).filter(finVal::contains).count()).isZero();
    }

    @Test
    void withoutDuplicatesTheGroupedSplitsAreTheRowLevelKFold() {
        int[] rows = IntStream.range(0, 37).map(i -> 100 + i).toArray();
        List<Splits.Split> grouped = Splits.kFold(rows, 5, 3, RowGroups.of(tableWithoutSeeds(137)));
        // the row-level algorithm: shuffle positions once, contiguous chunks, the first T mod k one row larger
        int[] order = Splits.permutation(37, new java.util.SplittableRandom(3));
        int start = 0;
        for (int f = 0; f < 5; f++) {
            int size = 37 / 5 + (f < 37 % 5 ? 1 : 0);
            int[] val = new int[size];
            for (int i = 0; i < size; i++) {
                val[i] = rows[order[start + i]];
            }
            assertThat(grouped.get(f).validation()).isEqualTo(val);
            start += size;
        }
    }

    /** n rows with distinct features, no seeds: every row its own group. */
    private static SurvivorTable tableWithoutSeeds(int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        return new SurvivorTable(null, new FeatureSchema(List.of("a"), "x"), new Dataset(x, new float[n], n, 1),
                new long[n], new boolean[n], "continuation", null, -1);
    }

    @Test
    void signalQualityMatchesTheWorkedExample() {
        SignalQuality q = SignalQuality.of(new float[] {0.11388885f, 0.11989725f});
        assertThat(q.status()).isEqualTo("weak");
        assertThat(q.confidence()).isEqualTo(0.4);
        assertThat(q.variance()).isEqualTo(9.0252e-06);
        assertThat(q.mean()).isEqualTo(0.116893);
        assertThat(q.std()).isEqualTo(0.003004);
        assertThat(q.nonzeroRatio()).isEqualTo(1.0);
        SignalQuality d = SignalQuality.of(new float[] {0.1f, 0.1f, 0.1f});
        assertThat(d.status()).isEqualTo("degenerate");
        assertThat(d.predictionAllowed()).isFalse();
    }

    @Test
    void fingerprintMatchesTheWorkedExample() {
        assertThat(DataContext.fingerprint(120, 1000, 2, "survivors_with_scores.json")).isEqualTo("def5c10e");
    }

    @Test
    void metricsAndRanking() {
        Metrics m = Metrics.of(new float[] {1, 2, 3}, new float[] {1, 2, 4});
        assertThat(m.mse()).isEqualTo(1.0 / 3);
        assertThat(m.r2()).isEqualTo(0.5);
        assertThat(Metrics.of(new float[] {2, 2}, new float[] {1, 3}).r2()).isZero();
        assertThat(Metrics.Metric.MSE.compare(0.1, 0.2)).isNegative();
        assertThat(Metrics.Metric.R2.compare(0.1, 0.2)).isPositive();
    }
}
