package dev.survivor.models.step5;

/**
 * The run's {@code --time-budget} (docs/training.md §6): a hard end for the whole run, shared out between the
 * model types still to train. Each type's share is soft (time it leaves unused flows to the next types); the
 * run's end is hard: no fit runs past it.
 */
final class TimeBudget {
    private final long start = System.nanoTime();
    private final long end;
    private final double seconds;

    private TimeBudget(double seconds) {
        this.seconds = seconds;
        this.end = seconds > 0 ? start + (long) (seconds * 1e9) : Long.MAX_VALUE;
    }

    static TimeBudget of(double seconds) {
        return new TimeBudget(seconds);
    }

    boolean limited() {
        return end != Long.MAX_VALUE;
    }

    double seconds() {
        return seconds;
    }

    /** {@link System#nanoTime()} of the hard end, {@link Long#MAX_VALUE} without a budget. */
    long end() {
        return end;
    }

    double remainingSeconds() {
        return limited() ? Math.max(0, (end - System.nanoTime()) / 1e9) : Double.POSITIVE_INFINITY;
    }

    /** End of the next model type's share: an equal part of what is left for the {@code typesLeft} types. */
    long shareEnd(int typesLeft) {
        if (!limited()) {
            return Long.MAX_VALUE;
        }
        long now = System.nanoTime();
        return now + Math.max(0, end - now) / Math.max(1, typesLeft);
    }
}
