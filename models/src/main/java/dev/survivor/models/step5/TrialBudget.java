package dev.survivor.models.step5;

/**
 * Asked before every hyperparameter trial, which makes that moment the trainer's safe point: how many trials the
 * current model type gets in all. A live change (e.g. an operator's, through the hub) takes effect from the next
 * trial; trials already run are kept, and every model type runs at least one.
 */
@FunctionalInterface
public interface TrialBudget {
    /** @param trialsRun trials of the current model type finished so far */
    int trials(int trialsRun);

    static TrialBudget fixed(int trials) {
        return run -> trials;
    }
}
