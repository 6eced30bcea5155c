package dev.survivor.kernels.step3;

import java.nio.file.Path;

/**
 * One Step 3 job as given on the worker command line (docs/step3-features.md §10.4).
 *
 * @param seedsFile      survivors (JSON or NPZ)
 * @param trainHistory   training draws
 * @param holdoutHistory holdout draws, or {@code null}
 * @param outputFile     per-job result file (§9.1)
 * @param prngType       registry name, e.g. {@code java_lcg}
 * @param mod            modulus M
 * @param scorerConfig   scorer config file, or {@code null} for the reference defaults
 * @param hostname       written as {@code worker_hostname}
 * @param workerGpu      written as {@code worker_gpu} (Integer index or device id string)
 * @param batchSize      survivors per scoring batch
 */
public record Step3Request(Path seedsFile, Path trainHistory, Path holdoutHistory, Path outputFile,
                           String prngType, int mod, Path scorerConfig, String hostname, Object workerGpu,
                           int batchSize) {
    public static final int DEFAULT_BATCH = 2048;

    public Step3Request {
        if (seedsFile == null || trainHistory == null || outputFile == null) {
            throw new IllegalArgumentException("seeds file, train history and output file are required");
        }
        if (mod < 1) {
            throw new IllegalArgumentException("--mod must be >= 1, got " + mod);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
    }
}
