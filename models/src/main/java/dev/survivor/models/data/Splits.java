package dev.survivor.models.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The three splits of docs/models.md §2.3, with a seeded generator instead of the reference's unseeded
 * numpy one (so a run is reproducible and the seed is recorded).
 */
public final class Splits {
    private Splits() {
    }

    /** A train/validation pair of row indices into the same table. */
    public record Split(int[] train, int[] validation) {
    }

    /** Test rows (never evaluated, docs/models.md §2.3) and train_val rows, the latter in permuted order. */
    public record Holdout(int[] test, int[] trainVal) {
    }

    public static Holdout holdout(int n, double testFraction, long seed) {
        if (!(testFraction >= 0 && testFraction < 1)) {
            throw new IllegalArgumentException("test holdout fraction must be in [0, 1), got " + testFraction);
        }
        int[] perm = permutation(n, new SplittableRandom(seed));
        int nTest = (int) Math.floor(testFraction * n);
        return new Holdout(Arrays.copyOfRange(perm, 0, nTest), Arrays.copyOfRange(perm, nTest, n));
    }

    /**
     * Final split of train_val (length T): the last floor(0.2·T) rows validate. The reference leaves
     * an empty training set when that is 0 (T &lt; 5); we require at least one row on each side.
     */
    public static Split finalSplit(int[] trainVal) {
        int t = trainVal.length;
        if (t < 2) {
            throw new IllegalArgumentException("need at least 2 training survivors after the test holdout, have " + t);
        }
        int nVal = Math.max(1, (int) Math.floor(0.2 * t));
        return new Split(Arrays.copyOfRange(trainVal, 0, t - nVal), Arrays.copyOfRange(trainVal, t - nVal, t));
    }

    /**
     * KFold(n_splits = max(2, min(k, T)), shuffle = true): shuffle positions once, then the first
     * T mod k folds get one extra row, as scikit-learn's KFold does.
     */
    public static List<Split> kFold(int[] trainVal, int k, long seed) {
        int t = trainVal.length;
        if (t < 2) {
            throw new IllegalArgumentException("need at least 2 training survivors for cross-validation, have " + t);
        }
        int folds = Math.max(2, Math.min(k, t));
        int[] order = permutation(t, new SplittableRandom(seed));
        List<Split> out = new ArrayList<>(folds);
        int start = 0;
        for (int f = 0; f < folds; f++) {
            int size = t / folds + (f < t % folds ? 1 : 0);
            int[] val = new int[size];
            int[] train = new int[t - size];
            int vi = 0;
            int ti = 0;
            for (int i = 0; i < t; i++) {
                int row = trainVal[order[i]];
                if (i >= start && i < start + size) {
                    val[vi++] = row;
                } else {
                    train[ti++] = row;
                }
            }
            out.add(new Split(train, val));
            start += size;
        }
        return out;
    }

    /** Fisher–Yates over 0..n-1. */
    static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = p[i];
            p[i] = p[j];
            p[j] = tmp;
        }
        return p;
    }
}
