package dev.survivor.coordinator.run;

import dev.survivor.coordinator.config.ClusterConfig;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Options of {@code pipeline step3 --jobs-file}.
 *
 * @param runId         null: {@code <stem of outputDir>_<yyyyMMdd_HHmmss>}; an existing id resumes that run
 * @param maxRetries    extra attempts per failed job
 * @param retryBackoff  wait before the first retry; doubles per further attempt
 * @param scoresFile    where the aggregated survivors_with_scores.json goes, or null for none
 */
public record RunOptions(Path jobsFile, ClusterConfig cluster, Path outputDir, String runId, boolean preservePaths,
                         int maxRetries, boolean dryRun, Duration retryBackoff, Path scoresFile) {
}
