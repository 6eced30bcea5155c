package dev.survivor.models.search;

import java.util.Locale;

/**
 * The time budget ended before a model type finished even one trial. The message names the model, the time it
 * had and an estimate of the time one trial needs (extrapolated from the rounds it managed).
 */
public class TimeBudgetException extends RuntimeException {
    private final String modelType;
    private final double neededSeconds;

    public TimeBudgetException(String modelType, double hadSeconds, double neededSeconds, String progress) {
        super(String.format(Locale.ROOT, "%s: the time budget left it %.1f s, but one trial needs about %.0f s "
                + "(%s); give --time-budget more time or fewer folds/rows", modelType, hadSeconds, neededSeconds,
                progress));
        this.modelType = modelType;
        this.neededSeconds = neededSeconds;
    }

    public String modelType() {
        return modelType;
    }

    public double neededSeconds() {
        return neededSeconds;
    }

    /** No model type got through one trial within the budget; the message lists each with the time it needed. */
    public static final class AllSkipped extends RuntimeException {
        public AllSkipped(String message) {
            super(message);
        }
    }
}
