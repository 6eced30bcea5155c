package dev.survivor.coordinator.jobs;

import java.nio.file.Path;

/**
 * Inputs of {@code pipeline step3 generate-jobs} (docs/coordinator.md §1.2).
 *
 * @param survivors      survivors file (JSON or NPZ v3)
 * @param trainHistory   training history
 * @param holdoutHistory holdout history, or null
 * @param scorerConfig   scorer config passed to every worker, or null
 * @param chunkSize      seeds per job, or 0 for auto (max(1000, total / floor(1.5 · GPUs)), rounded up to 1000)
 * @param numGpus        GPUs of the cluster (for auto)
 * @param prngType       PRNG name
 * @param mod            modulus
 * @param jobsFile       where the jobs file goes; chunks go to scoring_chunks/ beside it
 * @param timeoutSeconds per-job timeout
 */
public record GenerateRequest(Path survivors, Path trainHistory, Path holdoutHistory, Path scorerConfig,
                              int chunkSize, int numGpus, String prngType, int mod, Path jobsFile,
                              int timeoutSeconds) {
    public static final String CHUNK_DIR = "scoring_chunks";
    public static final String RESULTS_DIR = "full_scoring_results";
}
