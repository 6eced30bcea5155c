package dev.survivor.models.api;

/**
 * Watches one model fit round by round (boosting iteration or epoch). Trainers call {@link #round} after
 * every round; an implementation stops the fit by throwing {@link FitStoppedException} — because the time
 * budget ran out or because the trial is hopeless (docs/training.md §5).
 */
@FunctionalInterface
public interface FitMonitor {
    FitMonitor NONE = (done, planned, validationMse) -> { };

    /**
     * @param done          rounds finished so far
     * @param planned       rounds the fit would run without early stopping
     * @param validationMse the validation loss after this round (original target scale), NaN when unknown
     */
    void round(int done, int planned, double validationMse);
}
