package dev.survivor.models.data;

import java.nio.file.Path;

/**
 * Everything Step 5/6 need from a survivors (or anchors) file: the schema found in it, the matrix and
 * target in file order, each row's seed (unsigned 64-bit in a long; {@code hasSeed[i]} false if absent),
 * the file's holdout alignment (docs/decisions.md S11) and, for an anchors file, each row's noise level.
 *
 * @param anchorNoise null unless the file was read as anchors
 * @param firstNan    flat index (row · cols + col) of the first NaN feature value, or -1
 */
public record SurvivorTable(Path source, FeatureSchema schema, Dataset data, long[] seeds, boolean[] hasSeed,
        String holdoutAlignment, float[] anchorNoise, long firstNan) {
    public int rows() {
        return data.rows();
    }

    /** "row r, feature name" of the first NaN, or null when there is none. */
    public String firstNanDescription() {
        if (firstNan < 0) {
            return null;
        }
        int row = (int) (firstNan / schema.count());
        String where = "element " + row;
        if (hasSeed[row]) {
            where += " (seed " + Long.toUnsignedString(seeds[row]) + ")";
        }
        return where + ", feature " + schema.names().get((int) (firstNan % schema.count()));
    }
}
