package dev.survivor.hub.server;

/**
 * The seeds' reputation rule: an exponential moving average of collaboration outcomes
 * ({@code r ← α·outcome + (1−α)·r}, outcome 1 for success, 0 for failure), starting at {@code initial}. A requester
 * whose reputation is below {@code trustThreshold} has its collaboration requests refused.
 */
public record Reputation(double alpha, double initial, double trustThreshold) {

    public static final Reputation DEFAULT = new Reputation(0.2, 0.5, 0.3);

    public Reputation {
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1], got " + alpha);
        }
        if (!(initial >= 0 && initial <= 1) || !(trustThreshold >= 0 && trustThreshold <= 1)) {
            throw new IllegalArgumentException("initial and trustThreshold must be in [0, 1]");
        }
    }

    public double update(double current, boolean success) {
        return alpha * (success ? 1.0 : 0.0) + (1 - alpha) * current;
    }

    public boolean trusted(double reputation) {
        return reputation >= trustThreshold;
    }
}
