package dev.survivor.models.catboost;

import dev.survivor.models.data.Dataset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Our CatBoost-style trainer (CatBoost's own trainer has no Java or CLI artefact here): plain
 * gradient boosting of oblivious trees on RMSE, with quantile borders per feature, depth-wise
 * greedy choice of one (feature, border) per level by the L2-regularised variance gain, leaf
 * values {@code lr · Σ residual / (n + l2)}, bias = mean(y) (boost from average), and — as
 * CatBoost's {@code use_best_model} with an eval set — the ensemble is cut at the iteration with
 * the lowest validation RMSE. No random strength or bootstrap: the result is deterministic.
 */
final class ObliviousBoostingTrainer {
    record Config(int iterations, int depth, double learningRate, double l2LeafReg, int borderCount, int threads,
            int patience) {
        Config {
            if (iterations < 1 || depth < 1 || depth > 16 || !(learningRate > 0) || l2LeafReg < 0 || borderCount < 1
                    || borderCount > 254) {
                throw new IllegalArgumentException("bad catboost config: iterations " + iterations + ", depth " + depth
                        + ", learning_rate " + learningRate + ", l2_leaf_reg " + l2LeafReg + ", border_count "
                        + borderCount + " (need iterations >= 1, depth 1..16, learning_rate > 0, border_count 1..254)");
            }
        }
    }

    /** The ensemble and the iteration count kept. */
    record Result(ObliviousEnsemble ensemble, int bestIteration, double bestValidationRmse) {
    }

    private ObliviousBoostingTrainer() {
    }

    static Result train(Dataset train, Dataset validation, Config c) {
        return train(train, validation, c, dev.survivor.models.api.FitMonitor.NONE);
    }

    static Result train(Dataset train, Dataset validation, Config c, dev.survivor.models.api.FitMonitor monitor) {
        int n = train.rows();
        int d = train.cols();
        if (n < 2) {
            throw new IllegalArgumentException("catboost: need at least 2 training rows, have " + n);
        }
        float[][] borders = new float[d][];
        byte[][] bins = new byte[d][];
        for (int f = 0; f < d; f++) {
            borders[f] = quantileBorders(train, f, c.borderCount());
            bins[f] = binColumn(train, f, borders[f]);
        }
        double bias = 0;
        for (float v : train.y()) {
            bias += v;
        }
        bias /= n;
        double[] pred = new double[n];
        Arrays.fill(pred, bias);
        boolean haveVal = validation != null && validation.rows() > 0;
        double[] valPred = haveVal ? new double[validation.rows()] : null;
        if (haveVal) {
            Arrays.fill(valPred, bias);
        }
        double[] grad = new double[n];
        int[] leafOf = new int[n];
        List<ObliviousEnsemble.Tree> trees = new ArrayList<>();
        int bestIter = 0;
        double bestRmse = haveVal ? rmse(validation.y(), valPred) : Double.NaN;
        ForkJoinPool pool = new ForkJoinPool(c.threads());
        try {
            for (int it = 0; it < c.iterations(); it++) {
                for (int i = 0; i < n; i++) {
                    grad[i] = train.y()[i] - pred[i];
                }
                Arrays.fill(leafOf, 0);
                int[] splitF = new int[c.depth()];
                int[] splitB = new int[c.depth()];
                for (int level = 0; level < c.depth(); level++) {
                    int leaves = 1 << level;
                    int lvl = level;
                    Split best = pool.submit(() -> IntStream.range(0, d).parallel()
                            .mapToObj(f -> bestSplit(f, bins[f], borders[f].length, grad, leafOf, leaves, c.l2LeafReg()))
                            .reduce(null, ObliviousBoostingTrainer::better)).join();
                    if (best == null) {
                        // every feature is constant: a level that sends everything left keeps the tree valid
                        best = new Split(firstFeatureWithBorders(borders), Integer.MAX_VALUE, 0);
                    }
                    splitF[lvl] = best.feature;
                    splitB[lvl] = best.border;
                    if (best.border != Integer.MAX_VALUE) {
                        byte[] col = bins[best.feature];
                        for (int i = 0; i < n; i++) {
                            if ((col[i] & 0xFF) > best.border) {
                                leafOf[i] |= 1 << lvl;
                            }
                        }
                    }
                }
                int nLeaves = 1 << c.depth();
                double[] sum = new double[nLeaves];
                int[] cnt = new int[nLeaves];
                for (int i = 0; i < n; i++) {
                    sum[leafOf[i]] += grad[i];
                    cnt[leafOf[i]]++;
                }
                double[] leafValues = new double[nLeaves];
                for (int l = 0; l < nLeaves; l++) {
                    leafValues[l] = c.learningRate() * sum[l] / (cnt[l] + c.l2LeafReg());
                }
                for (int i = 0; i < n; i++) {
                    pred[i] += leafValues[leafOf[i]];
                }
                int[] feats = new int[c.depth()];
                float[] bords = new float[c.depth()];
                for (int level = 0; level < c.depth(); level++) {
                    feats[level] = splitF[level];
                    // "send everything left" uses +inf: x > +inf is false for every x, NaN included
                    bords[level] = splitB[level] == Integer.MAX_VALUE ? Float.POSITIVE_INFINITY
                            : borders[splitF[level]][splitB[level]];
                }
                ObliviousEnsemble.Tree tree = new ObliviousEnsemble.Tree(feats, bords, leafValues);
                trees.add(tree);
                if (haveVal) {
                    float[] vx = validation.x();
                    for (int i = 0; i < validation.rows(); i++) {
                        valPred[i] += leafValues[tree.leafOf(vx, i * d)];
                    }
                    double r = rmse(validation.y(), valPred);
                    if (r < bestRmse) {
                        bestRmse = r;
                        bestIter = it + 1;
                    }
                    monitor.round(it + 1, c.iterations(), r * r);
                    if (c.patience() > 0 && it + 1 - bestIter >= c.patience()) {
                        break; // CatBoost's od_type=Iter with od_wait = patience
                    }
                } else {
                    monitor.round(it + 1, c.iterations(), Double.NaN);
                }
            }
        } finally {
            pool.shutdown();
        }
        ObliviousEnsemble full = new ObliviousEnsemble(d, bias, trees);
        if (!haveVal) {
            return new Result(full, trees.size(), Double.NaN);
        }
        // CatBoost keeps at least one tree even when none improved on the bias
        int keep = Math.max(1, bestIter);
        return new Result(full.truncate(keep), keep, bestRmse);
    }

    private record Split(int feature, int border, double gain) {
    }

    private static Split better(Split a, Split b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        if (b.gain > a.gain || (b.gain == a.gain && b.feature < a.feature)) {
            return b;
        }
        return a;
    }

    /** Best border of one feature for the current leaves, by Σ_leaves S²/(n+λ) over both sides. */
    private static Split bestSplit(int f, byte[] col, int nBorders, double[] grad, int[] leafOf, int leaves,
            double l2) {
        if (nBorders == 0) {
            return null;
        }
        int nb = nBorders + 1;
        double[] sum = new double[leaves * nb];
        int[] cnt = new int[leaves * nb];
        for (int i = 0; i < col.length; i++) {
            int k = leafOf[i] * nb + (col[i] & 0xFF);
            sum[k] += grad[i];
            cnt[k]++;
        }
        double[] totS = new double[leaves];
        int[] totN = new int[leaves];
        for (int l = 0; l < leaves; l++) {
            for (int b = 0; b < nb; b++) {
                totS[l] += sum[l * nb + b];
                totN[l] += cnt[l * nb + b];
            }
        }
        double[] leftS = new double[leaves];
        int[] leftN = new int[leaves];
        double bestGain = Double.NEGATIVE_INFINITY;
        int bestBorder = -1;
        for (int b = 0; b < nBorders; b++) {
            double gain = 0;
            for (int l = 0; l < leaves; l++) {
                leftS[l] += sum[l * nb + b];
                leftN[l] += cnt[l * nb + b];
                double rs = totS[l] - leftS[l];
                int rn = totN[l] - leftN[l];
                gain += leftS[l] * leftS[l] / (leftN[l] + l2) + rs * rs / (rn + l2);
            }
            if (gain > bestGain) {
                bestGain = gain;
                bestBorder = b;
            }
        }
        return new Split(f, bestBorder, bestGain);
    }

    private static int firstFeatureWithBorders(float[][] borders) {
        for (int f = 0; f < borders.length; f++) {
            if (borders[f].length > 0) {
                return f;
            }
        }
        return 0;
    }

    /**
     * Up to {@code maxBorders} borders between distinct values at evenly spaced quantiles, each the
     * midpoint of two neighbouring distinct values (as float, ascending, unique).
     */
    static float[] quantileBorders(Dataset data, int f, int maxBorders) {
        int n = data.rows();
        float[] v = new float[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            float x = data.get(i, f);
            if (!Float.isNaN(x)) {
                v[m++] = x;
            }
        }
        v = Arrays.copyOf(v, m);
        Arrays.sort(v);
        float[] distinct = new float[m];
        int u = 0;
        for (int i = 0; i < m; i++) {
            if (u == 0 || v[i] != distinct[u - 1]) {
                distinct[u++] = v[i];
            }
        }
        if (u < 2) {
            return new float[0];
        }
        TreeSet<Float> out = new TreeSet<>();
        if (u - 1 <= maxBorders) {
            for (int i = 0; i + 1 < u; i++) {
                out.add(mid(distinct[i], distinct[i + 1]));
            }
        } else {
            for (int q = 1; q <= maxBorders; q++) {
                int pos = (int) ((long) q * m / (maxBorders + 1));
                float lo = v[Math.max(0, pos - 1)];
                float hi = v[Math.min(m - 1, pos)];
                if (lo == hi) {
                    // move to the next distinct value above
                    int j = Arrays.binarySearch(distinct, 0, u, hi);
                    if (j + 1 >= u) {
                        continue;
                    }
                    lo = distinct[j];
                    hi = distinct[j + 1];
                }
                out.add(mid(lo, hi));
            }
        }
        float[] b = new float[out.size()];
        int i = 0;
        for (float x : out) {
            b[i++] = x;
        }
        return b;
    }

    private static float mid(float a, float b) {
        float m = (float) (((double) a + b) / 2);
        // guard against rounding onto the upper value: the border must separate a from b
        return m >= b ? a : m;
    }

    /** bin(x) = number of borders strictly below x, so x &gt; border_b ⇔ bin(x) &gt; b; NaN → 0. */
    static byte[] binColumn(Dataset data, int f, float[] borders) {
        int n = data.rows();
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            float x = data.get(i, f);
            out[i] = (byte) (Float.isNaN(x) ? 0 : countBelow(borders, x));
        }
        return out;
    }

    private static int countBelow(float[] borders, float x) {
        int lo = 0;
        int hi = borders.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (borders[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static double rmse(float[] y, double[] p) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            double e = p[i] - y[i];
            s += e * e;
        }
        return Math.sqrt(s / y.length);
    }
}
