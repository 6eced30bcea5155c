package dev.survivor.kernels.backend.java;

import java.math.BigInteger;

/** Moments from exact integer sums, so they carry one rounding instead of n. */
final class Moments {
    private Moments() {
    }

    /**
     * Σ (x − mean)² = (n·Σx² − (Σx)²) / n, with the numerator exact in a long when it fits
     * (always for the sizes we score), else in BigInteger.
     */
    static double centredSumOfSquares(long n, long sum, long sumSq) {
        return exactNumerator(n, sum, sumSq) / n;
    }

    /** Sample standard deviation (divisor n−1); 0 for fewer than two values (docs/decisions.md S4). */
    static double sampleStd(long n, long sum, long sumSq) {
        if (n < 2) {
            return 0.0;
        }
        return Math.sqrt(Math.max(0.0, exactNumerator(n, sum, sumSq) / ((double) n * (n - 1))));
    }

    /** Population standard deviation (divisor n). */
    static double populationStd(long n, long sum, long sumSq) {
        if (n < 1) {
            return 0.0;
        }
        return Math.sqrt(Math.max(0.0, exactNumerator(n, sum, sumSq) / ((double) n * n)));
    }

    /** n·Σx² − (Σx)² as a double (one rounding). */
    static double exactNumerator(long n, long sum, long sumSq) {
        long a = n * sumSq;
        long b = sum * sum;
        if (Math.multiplyHigh(n, sumSq) == 0 && a >= 0 && Math.multiplyHigh(sum, sum) == 0 && b >= 0) {
            return (double) (a - b);
        }
        return BigInteger.valueOf(n).multiply(BigInteger.valueOf(sumSq))
                .subtract(BigInteger.valueOf(sum).multiply(BigInteger.valueOf(sum))).doubleValue();
    }
}
