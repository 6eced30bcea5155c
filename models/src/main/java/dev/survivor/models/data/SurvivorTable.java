package dev.survivor.models.data;

import java.nio.file.Path;

/**
 * Everything Step 5/6 need from a survivors file: the schema found in it, the matrix and target in
 * file order, and each row's seed (unsigned 64-bit in a long; {@code hasSeed[i]} false if absent).
 */
public record SurvivorTable(Path source, FeatureSchema schema, Dataset data, long[] seeds, boolean[] hasSeed) {
    public int rows() {
        return data.rows();
    }
}
