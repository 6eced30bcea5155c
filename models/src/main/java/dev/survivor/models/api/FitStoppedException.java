package dev.survivor.models.api;

/** A {@link FitMonitor} stopped a fit: the time budget is spent, or the trial was pruned. */
public class FitStoppedException extends RuntimeException {
    /** Why the fit stopped. */
    public enum Reason { TIME_BUDGET, PRUNED }

    private final Reason reason;
    private final int roundsDone;
    private final int roundsPlanned;

    public FitStoppedException(Reason reason, String message, int roundsDone, int roundsPlanned) {
        super(message);
        this.reason = reason;
        this.roundsDone = roundsDone;
        this.roundsPlanned = roundsPlanned;
    }

    public Reason reason() {
        return reason;
    }

    public int roundsDone() {
        return roundsDone;
    }

    public int roundsPlanned() {
        return roundsPlanned;
    }
}
