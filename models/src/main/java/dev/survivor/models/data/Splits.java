package dev.survivor.models.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The three splits of docs/models.md §2.3, with a seeded generator instead of the reference's unseeded
 * numpy one (so a run is reproducible and the seed is recorded). Rows are split by {@link RowGroups}:
 * duplicates always land on the same side. Without duplicates every row is its own group and the
 * splits are exactly the row-level ones.
 */
public final class Splits {
    /** A validation fold needs at least this many rows for its metrics to mean anything (r2 needs two). */
    public static final int MIN_VALIDATION_ROWS = 2;

    private Splits() {
    }

    /** A train/validation pair of row indices into the same table. */
    public record Split(int[] train, int[] validation) {
    }

    /** Test rows (never evaluated, docs/models.md §2.3) and train_val rows, the latter in permuted order. */
    public record Holdout(int[] test, int[] trainVal) {
    }

    public static Holdout holdout(int n, double testFraction, long seed) {
        return holdout(RowGroups.singletons(n), testFraction, seed);
    }

    /** The first floor(f·N) rows of a seeded permutation of the groups are the test set. */
    public static Holdout holdout(RowGroups groups, double testFraction, long seed) {
        if (!(testFraction >= 0 && testFraction < 1)) {
            throw new IllegalArgumentException("test holdout fraction must be in [0, 1), got " + testFraction);
        }
        int n = groups.groupOf().length;
        int[] rows = rowsInGroupOrder(groups, permutation(groups.groupCount(), new SplittableRandom(seed)));
        int nTest = (int) Math.floor(testFraction * n);
        // never cut through a group: extend the test set to the end of the group it stops in
        while (nTest > 0 && nTest < n && groups.groupOf()[rows[nTest]] == groups.groupOf()[rows[nTest - 1]]) {
            nTest++;
        }
        return new Holdout(Arrays.copyOfRange(rows, 0, nTest), Arrays.copyOfRange(rows, nTest, n));
    }

    /**
     * Final split of train_val (length T): the last floor(0.2·T) rows validate. The reference leaves
     * an empty training set when that is 0 (T &lt; 5); we require at least one row on each side.
     */
    public static Split finalSplit(int[] trainVal) {
        return finalSplit(trainVal, null);
    }

    /** As above; with groups, the cut moves forward so that no group straddles it. */
    public static Split finalSplit(int[] trainVal, RowGroups groups) {
        int t = trainVal.length;
        if (t < 2) {
            throw new IllegalArgumentException("need at least 2 training survivors after the test holdout, have " + t);
        }
        int cut = t - Math.max(1, (int) Math.floor(0.2 * t));
        if (groups != null) {
            int[] g = groups.groupOf();
            while (cut < t - 1 && cut > 0 && g[trainVal[cut]] == g[trainVal[cut - 1]]) {
                cut++;
            }
        }
        return new Split(Arrays.copyOfRange(trainVal, 0, cut), Arrays.copyOfRange(trainVal, cut, t));
    }

    /** The most folds {@code trainVal} allows: every validation fold keeps {@link #MIN_VALIDATION_ROWS} rows. */
    public static int maxFolds(int trainValRows, int trainValGroups) {
        return Math.min(trainValGroups, trainValRows / MIN_VALIDATION_ROWS);
    }

    public static List<Split> kFold(int[] trainVal, int k, long seed) {
        return kFold(trainVal, k, seed, null);
    }

    /**
     * KFold(n_splits = k, shuffle = true) over the groups of train_val: shuffle the groups once, then
     * the first G mod k folds get one extra group, as scikit-learn's KFold does with rows. A k larger
     * than the data allows ({@link #maxFolds}) is refused, naming both numbers.
     */
    public static List<Split> kFold(int[] trainVal, int k, long seed, RowGroups groups) {
        int t = trainVal.length;
        if (k < 2) {
            throw new IllegalArgumentException("--k-folds must be >= 2, got " + k);
        }
        int[] groupOfPos = new int[t];
        int nGroups = localGroups(trainVal, groups, groupOfPos);
        int max = maxFolds(t, nGroups);
        if (k > max) {
            throw new IllegalArgumentException("--k-folds " + k + " is more than the data allows: " + t
                    + " training rows" + (nGroups < t ? " (" + nGroups + " distinct)" : "")
                    + " after the test holdout allow at most " + Math.max(max, 0) + " fold(s) of at least "
                    + MIN_VALIDATION_ROWS + " validation rows each");
        }
        int[] order = permutation(nGroups, new SplittableRandom(seed));
        int[] foldOfGroup = new int[nGroups];
        int pos = 0;
        for (int f = 0; f < k; f++) {
            int size = nGroups / k + (f < nGroups % k ? 1 : 0);
            for (int i = 0; i < size; i++) {
                foldOfGroup[order[pos++]] = f;
            }
        }
        int[] valCount = new int[k];
        for (int p = 0; p < t; p++) {
            valCount[foldOfGroup[groupOfPos[p]]]++;
        }
        // rows in shuffled-group order, so that without duplicates this is exactly the row-level KFold
        int[] byGroup = new int[nGroups];
        for (int i = 0; i < nGroups; i++) {
            byGroup[order[i]] = i;
        }
        Integer[] positions = new Integer[t];
        for (int p = 0; p < t; p++) {
            positions[p] = p;
        }
        Arrays.sort(positions, (a, b) -> Integer.compare(byGroup[groupOfPos[a]], byGroup[groupOfPos[b]]));
        List<Split> out = new ArrayList<>(k);
        for (int f = 0; f < k; f++) {
            int[] val = new int[valCount[f]];
            int[] train = new int[t - valCount[f]];
            int vi = 0;
            int ti = 0;
            for (Integer p : positions) {
                int row = trainVal[p];
                if (foldOfGroup[groupOfPos[p]] == f) {
                    val[vi++] = row;
                } else {
                    train[ti++] = row;
                }
            }
            out.add(new Split(train, val));
        }
        return out;
    }

    /** Renumbers the groups present in train_val as 0..G-1 (singletons when {@code groups} is null). */
    private static int localGroups(int[] trainVal, RowGroups groups, int[] out) {
        if (groups == null) {
            Arrays.setAll(out, i -> i);
            return trainVal.length;
        }
        int[] local = new int[groups.groupCount()];
        Arrays.fill(local, -1);
        int next = 0;
        for (int p = 0; p < trainVal.length; p++) {
            int g = groups.groupOf()[trainVal[p]];
            if (local[g] < 0) {
                local[g] = next++;
            }
            out[p] = local[g];
        }
        return next;
    }

    /** Row indices, group after group in {@code groupOrder}, rows of a group in table order. */
    private static int[] rowsInGroupOrder(RowGroups groups, int[] groupOrder) {
        int[] g = groups.groupOf();
        int[] start = new int[groups.groupCount() + 1];
        for (int gi : g) {
            start[gi + 1]++;
        }
        for (int i = 0; i < groups.groupCount(); i++) {
            start[i + 1] += start[i];
        }
        int[] members = new int[g.length];
        int[] fill = Arrays.copyOf(start, groups.groupCount());
        for (int r = 0; r < g.length; r++) {
            members[fill[g[r]]++] = r;
        }
        int[] rows = new int[g.length];
        int k = 0;
        for (int gi : groupOrder) {
            for (int j = start[gi]; j < start[gi + 1]; j++) {
                rows[k++] = members[j];
            }
        }
        return rows;
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
