package dev.survivor.models.data;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(Splits.kFold(new int[] {1, 2, 3}, 10, 1)).hasSize(3);
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
