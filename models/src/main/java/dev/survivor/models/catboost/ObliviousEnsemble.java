package dev.survivor.models.catboost;

import java.util.ArrayList;
import java.util.List;

/**
 * Symmetric (oblivious) trees as CatBoost stores them: every level of a tree tests one
 * (feature, border) pair, and a row's leaf is {@code Σ (x[f_i] > border_i) << i} over the tree's
 * levels i. Prediction = bias + Σ leaf values. NaN compares false, which is CatBoost's "AsIs".
 */
final class ObliviousEnsemble {
    /** One tree: split features and float borders per level, 2^depth leaf values. */
    record Tree(int[] features, float[] borders, double[] leaves) {
        int leafOf(float[] x, int rowOffset) {
            int leaf = 0;
            for (int level = 0; level < features.length; level++) {
                if (x[rowOffset + features[level]] > borders[level]) {
                    leaf |= 1 << level;
                }
            }
            return leaf;
        }
    }

    private final int featureCount;
    private final double bias;
    private final List<Tree> trees;

    ObliviousEnsemble(int featureCount, double bias, List<Tree> trees) {
        this.featureCount = featureCount;
        this.bias = bias;
        this.trees = List.copyOf(trees);
    }

    int featureCount() {
        return featureCount;
    }

    double bias() {
        return bias;
    }

    List<Tree> trees() {
        return trees;
    }

    ObliviousEnsemble truncate(int treeCount) {
        return new ObliviousEnsemble(featureCount, bias, new ArrayList<>(trees.subList(0, treeCount)));
    }

    double predictRow(float[] x, int rowOffset) {
        double s = bias;
        for (Tree t : trees) {
            s += t.leaves()[t.leafOf(x, rowOffset)];
        }
        return s;
    }
}
