package dev.survivor.coordinator.run;

import dev.survivor.coordinator.validate.FailureMode;
import java.time.Instant;

/**
 * One try of one job.
 *
 * @param number   1-based attempt number
 * @param failure  null on success
 * @param exitCode worker exit status (informational), -1 when unknown
 */
public record Attempt(int number, String node, int gpu, Instant started, double seconds, FailureMode failure,
                      String error, int exitCode) {
    public boolean ok() {
        return failure == null;
    }
}
