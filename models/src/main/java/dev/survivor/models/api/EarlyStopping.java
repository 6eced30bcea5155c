package dev.survivor.models.api;

/**
 * Early stopping on the validation loss, shared by every trainer (docs/training.md §5): remembers the round
 * with the lowest loss and says stop once {@code patience} rounds passed without a strict improvement.
 * Without a validation loss (NaN), or with patience 0, it never stops and the last round counts as the best.
 */
public final class EarlyStopping {
    private final int patience;
    private double best = Double.POSITIVE_INFINITY;
    private int bestRound;
    private int rounds;

    /** @param patience rounds without improvement before stopping; 0 disables early stopping */
    public EarlyStopping(int patience) {
        if (patience < 0) {
            throw new IllegalArgumentException("early stopping patience must be >= 0, got " + patience);
        }
        this.patience = patience;
    }

    /** Records round {@code round} (1-based) and its loss; true when training should stop now. */
    public boolean update(int round, double loss) {
        rounds = round;
        if (Double.isNaN(loss) || patience == 0) {
            bestRound = round; // no early stopping: every round is kept
            best = Math.min(best, Double.isNaN(loss) ? best : loss);
            return false;
        }
        if (loss < best) {
            best = loss;
            bestRound = round;
            return false;
        }
        return patience > 0 && round - bestRound >= patience;
    }

    /** Rounds to keep: the best round (1-based), at least 1. */
    public int bestRounds() {
        return Math.max(1, bestRound);
    }

    public int roundsRun() {
        return rounds;
    }

    public double bestLoss() {
        return best;
    }
}
