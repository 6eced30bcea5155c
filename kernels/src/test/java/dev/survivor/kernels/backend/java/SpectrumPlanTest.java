package dev.survivor.kernels.backend.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Peaks and sums of |DFT| from JTransforms (5-smooth lengths) and Bluestein (others) vs the definition. */
class SpectrumPlanTest {

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 7, 8, 9, 11, 13, 49, 64, 97, 100, 119, 120, 499, 500, 1249})
    void matchesTheDefinition(int n) {
        SplittableRandom rng = new SplittableRandom(n);
        double[] x = rng.doubles(n, -999, 999).map(Math::rint).toArray();
        SpectrumPlan plan = new SpectrumPlan(n);
        assertThat(plan.isDirect()).isEqualTo(SpectrumPlan.isFiveSmooth(n));
        double[] got = new double[3];
        plan.newWorker().analyse(x, got, 0);
        double[] mags = NaiveFeatures.dftMagnitudes(x);
        double[] sorted = mags.clone();
        Arrays.sort(sorted);
        double first = sorted[sorted.length - 1];
        double second = sorted.length > 1 ? sorted[sorted.length - 2] : 0;
        double sum = Arrays.stream(mags).sum();
        assertThat(got[0]).isCloseTo(first, within(1e-11 * first));
        assertThat(got[1]).isCloseTo(second, within(1e-11 * first));
        assertThat(got[2]).isCloseTo(sum, within(1e-11 * sum));
    }

    @ParameterizedTest
    @ValueSource(ints = {4999, 19999})
    void bluesteinPadsToAPowerOfTwoOfAtLeastOneAndAHalfN(int n) {
        SpectrumPlan plan = new SpectrumPlan(n);
        assertThat(plan.isDirect()).isFalse();
        assertThat(Integer.bitCount(plan.convolutionSize())).isEqualTo(1);
        assertThat(plan.convolutionSize()).isGreaterThanOrEqualTo(n + n / 2);
    }
}
