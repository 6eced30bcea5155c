package dev.survivor.models.data;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Duplicate rows of a survivors table, as groups: rows with the same seed (or, without seeds, the same
 * features and target) share a group id. Splits keep a group on one side, so a duplicated survivor can
 * never sit in a training fold and its own validation fold at once (docs/training.md §4).
 *
 * @param groupOf    group id of each row, ids numbered in order of first appearance
 * @param groupCount number of distinct groups
 */
public record RowGroups(int[] groupOf, int groupCount) {

    public static RowGroups of(SurvivorTable t) {
        int n = t.rows();
        int[] g = new int[n];
        Map<Object, Integer> ids = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Object key = t.hasSeed()[i] ? Long.valueOf(t.seeds()[i]) : new RowKey(t.data(), i);
            Integer id = ids.putIfAbsent(key, ids.size());
            g[i] = id == null ? ids.size() - 1 : id;
        }
        return new RowGroups(g, ids.size());
    }

    /** Every row its own group (no duplicates). */
    public static RowGroups singletons(int n) {
        int[] g = new int[n];
        Arrays.setAll(g, i -> i);
        return new RowGroups(g, n);
    }

    /** Rows beyond the first of their group. */
    public int duplicateRows() {
        return groupOf.length - groupCount;
    }

    /** Groups with more than one row. */
    public int duplicatedGroups() {
        int[] size = new int[groupCount];
        for (int g : groupOf) {
            size[g]++;
        }
        return (int) Arrays.stream(size).filter(s -> s > 1).count();
    }

    /** A row compared by its bits (features and target), for files without seeds. */
    private record RowKey(Dataset d, int row) {
        @Override
        public boolean equals(Object o) {
            if (!(o instanceof RowKey k)) {
                return false;
            }
            int c = d.cols();
            return Float.floatToIntBits(d.y()[row]) == Float.floatToIntBits(k.d.y()[k.row])
                    && Arrays.equals(d.x(), row * c, (row + 1) * c, k.d.x(), k.row * c, (k.row + 1) * c);
        }

        @Override
        public int hashCode() {
            int c = d.cols();
            int h = Float.floatToIntBits(d.y()[row]);
            for (int j = row * c; j < (row + 1) * c; j++) {
                h = 31 * h + Float.floatToIntBits(d.x()[j]);
            }
            return h;
        }
    }
}
