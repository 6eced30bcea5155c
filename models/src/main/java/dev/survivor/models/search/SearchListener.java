package dev.survivor.models.search;

/** Progress of a search, for the caller's log and events; both methods may be ignored. */
public interface SearchListener {
    SearchListener NONE = new SearchListener() { };

    /** A fold of trial {@code trial} finished with {@code score} (the configured metric). */
    default void foldFinished(int trial, int trialsPlanned, int fold, int folds, double score, double seconds) {
    }

    /** A trial ended; {@code bestSoFar} is the best mean score of complete trials so far (NaN if none). */
    default void trialFinished(TrialResult trial, int trialsPlanned, double bestSoFar) {
    }
}
