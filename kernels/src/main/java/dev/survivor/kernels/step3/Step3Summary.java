package dev.survivor.kernels.step3;

import java.nio.file.Path;

/**
 * What one Step 3 job did (the worker's status line).
 *
 * @param count          survivors scored (= records written)
 * @param featureCount   keys in each record's {@code features}
 * @param elapsedSeconds wall time from reading inputs to the committed file
 * @param seedsPerSecond count / elapsed
 * @param backend        backend name
 * @param outputFile     the committed output file (absolute)
 */
public record Step3Summary(long count, int featureCount, double elapsedSeconds, double seedsPerSecond,
                           String backend, Path outputFile) {
}
