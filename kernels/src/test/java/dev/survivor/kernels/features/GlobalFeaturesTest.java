package dev.survivor.kernels.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GlobalFeaturesTest {
    private static final int ENTROPY_8 = 0;
    private static final int POWER = 3;
    private static final int FREQ = 4;
    private static final int GAPS = 5;
    private static final int REGIME = 6;
    private static final int AGE = 7;
    private static final int MARKER_390 = 8;
    private static final int MARKER_804 = 9;
    private static final int RESEED = 11;
    private static final int HIGH = 12;
    private static final int TEMPORAL = 13;

    @Test
    void shortHistoriesGetTheDefaults() {
        double[] d = GlobalFeatures.compute(new SplittableRandom(1).ints(99, 0, 1000).toArray(), 1000);
        assertThat(d).hasSize(FeatureCatalogue.GLOBAL_BASE.size())
                .containsExactly(0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1);
        assertThat(GlobalFeatures.compute(new int[0], 1000)).containsExactly(0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1);
    }

    @Test
    void constantHistory() {
        int[] h = new int[100];
        Arrays.fill(h, 777);
        double[] d = GlobalFeatures.compute(h, 1000);
        assertThat(d[ENTROPY_8]).isBetween(0.0, 1e-7);
        assertThat(d[POWER]).isEqualTo(0.0);
        assertThat(d[FREQ]).isEqualTo(1.0);
        assertThat(d[GAPS]).isEqualTo(0.999);
        assertThat(d[REGIME]).isEqualTo(0.0);
        assertThat(d[AGE]).isEqualTo(0.0); // L < 2000: no regime analysis
        assertThat(d[TEMPORAL]).isEqualTo(0.001); // w = 25, four windows, one shared value each
    }

    @Test
    void uniformHistoryHasFullEntropy() {
        int[] h = new int[8000];
        for (int i = 0; i < h.length; i++) {
            h[i] = i % 1000;
        }
        double[] d = GlobalFeatures.compute(h, 1000);
        assertThat(d[0]).isCloseTo(1.0, within(1e-12));
        assertThat(d[1]).isCloseTo(1.0, within(1e-12));
        assertThat(d[2]).isCloseTo(1.0, within(1e-12));
        assertThat(d[POWER]).isCloseTo(1.0, within(1e-12));
        assertThat(d[FREQ]).isEqualTo(1.0);
        assertThat(d[GAPS]).isEqualTo(0.499); // values last seen more than 500 draws before the end
        assertThat(d[REGIME]).isEqualTo(0.0);
        assertThat(d[AGE]).isEqualTo(8000.0); // no change: the regime starts at L
    }

    @Test
    void regimeChangeIsDetected() {
        int[] h = new int[2000];
        Arrays.fill(h, 0, 1000, 1);
        Arrays.fill(h, 1000, 2000, 2);
        double[] d = GlobalFeatures.compute(h, 1000);
        assertThat(d[REGIME]).isEqualTo(1.0);
        assertThat(d[AGE]).isEqualTo(0.0);
        assertThat(d[FREQ]).isEqualTo(1.0);
    }

    @Test
    void markerGapsAndReseedCounts() {
        int[] h = new int[300];
        Arrays.fill(h, 5);
        h[0] = 390;
        h[10] = 390;
        h[30] = 390; // gaps 10, 20: std 5 / mean 15
        h[100] = 804;
        h[101] = 804;
        h[102] = 804;
        h[103] = 804;
        h[200] = 804; // gaps 1, 1, 1, 97: CV = sqrt(1728) / 25 > 1
        double[] d = GlobalFeatures.compute(h, 1000);
        assertThat(d[MARKER_390]).isCloseTo(1.0 / 3.0, within(1e-15));
        assertThat(d[MARKER_804]).isCloseTo(Math.sqrt(1728) / 25, within(1e-15));
        assertThat(d[10]).isEqualTo(0.0); // 575 never occurs
        assertThat(d[HIGH]).isEqualTo(1.0);
        assertThat(d[RESEED]).isEqualTo(1.0 / 3.0);
        assertThat(d[FREQ]).isEqualTo(292.0 / 3.0); // 5 occurs 292 times, 390 three times
    }

    @Test
    void powerOfTwoBiasUsesOnlyPowersBelowMod() {
        int[] h = new int[200];
        Arrays.fill(h, 4);
        assertThat(GlobalFeatures.compute(h, 1000)[POWER]).isEqualTo(100.0); // 1 / (10 / 1000)
        assertThat(GlobalFeatures.compute(h, 5)[POWER]).isCloseTo(5.0 / 3.0, within(1e-15)); // T = {1, 2, 4}
        assertThat(GlobalFeatures.compute(new int[200], 1)[POWER]).isEqualTo(0.0); // T is empty
    }

    @Test
    void valuesAreFiniteForAnyShape() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int trial = 0; trial < 30; trial++) {
            int mod = 1 + rng.nextInt(5000);
            int[] h = rng.ints(rng.nextInt(5000), 0, mod).toArray();
            assertThat(Arrays.stream(GlobalFeatures.compute(h, mod)).allMatch(Double::isFinite)).isTrue();
        }
    }

    @Test
    void rejectsDrawsOutsideTheModulus() {
        assertThatThrownBy(() -> GlobalFeatures.compute(new int[] {1, 1000}, 1000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("history[1] = 1000");
        assertThatThrownBy(() -> GlobalFeatures.compute(new int[] {-1}, 1000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GlobalFeatures.compute(new int[] {0}, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
