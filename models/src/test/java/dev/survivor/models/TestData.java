package dev.survivor.models;

import dev.survivor.models.data.Dataset;
import java.util.SplittableRandom;

/** Small regression datasets for model tests: y = 3x0 − 2x1 + sin(3x3) + noise; NaN in column 2 every 9th row. */
public final class TestData {
    private TestData() {
    }

    public static Dataset regression(int n, int d, long seed, boolean withNan) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n * d];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (float) (r.nextDouble() * 2 - 1);
            }
            if (withNan && i % 9 == 4) {
                x[i * d + 2] = Float.NaN;
            }
            y[i] = (float) (3 * x[i * d] - 2 * x[i * d + 1] + Math.sin(3 * x[i * d + 3]) + 0.1 * r.nextGaussian());
        }
        return new Dataset(x, y, n, d);
    }
}
