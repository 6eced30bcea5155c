package dev.survivor.coordinator.run;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Result of a run (docs/coordinator.md §6).
 *
 * @param status     "complete", "partial" or "dry_run"
 * @param jobs       in completion order (resumed jobs first)
 * @param scoresFile the aggregated survivors_with_scores.json, or null when not written
 * @param scoresNote why it was not written, or its record count
 */
public record RunReport(RunPlan plan, String status, List<JobReport> jobs, double runtimeSeconds,
                        LocalDateTime timestamp, Path manifest, Path scoresFile, String scoresNote) {
    public RunReport {
        jobs = List.copyOf(jobs);
    }

    public long successful() {
        return jobs.stream().filter(JobReport::success).count();
    }

    public long failed() {
        return jobs.stream().filter(j -> !j.success()).count();
    }

    public boolean allSucceeded() {
        return "complete".equals(status);
    }
}
