package dev.survivor.coordinator.run;

import dev.survivor.coordinator.jobs.ScriptJob;
import java.nio.file.Path;
import java.util.List;

/**
 * Final state of one job.
 *
 * @param output      local validated output, or null on failure
 * @param resumed     true when an earlier run with the same id had already produced a valid output
 * @param inputSha256 sha256 of the job's chunk (seeds) file, or null when it is not local
 */
public record JobReport(ScriptJob job, boolean success, List<Attempt> attempts, Path output, long records,
                        boolean resumed, String inputSha256, String outputSha256) {
    public JobReport {
        attempts = List.copyOf(attempts);
    }

    public Attempt last() {
        return attempts.isEmpty() ? null : attempts.getLast();
    }
}
