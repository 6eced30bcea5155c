package dev.survivor.models.search;

import dev.survivor.models.data.Dataset;
import dev.survivor.models.data.Splits;
import java.util.List;

/**
 * The cross-validation view of Step 5's rows: the real survivors, their folds, and the anchors that join
 * every training fold and never a validation fold (docs/training.md §2).
 *
 * @param anchors training-only rows, or null
 */
public record CvData(Dataset data, List<Splits.Split> folds, Dataset anchors) {
    public CvData {
        folds = List.copyOf(folds);
    }

    public int k() {
        return folds.size();
    }

    /** Fold {@code f}'s training rows, anchors appended. */
    public Dataset train(int f) {
        return data.select(folds.get(f).train(), anchors);
    }

    /** Fold {@code f}'s validation rows: real survivors only. */
    public Dataset validation(int f) {
        return data.select(folds.get(f).validation());
    }
}
