package dev.survivor.models.step6;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Step 6 settings. {@code prngType}/{@code mod} null → taken from the sidecar's data_context
 * (prng_hypothesis), else java_lcg / 1000 as the reference config.
 *
 * @param threads native threads for the model's predictions
 */
public record Step6Options(Path modelsDir, Path survivorsForward, Path survivorsReverse, Path lotteryHistory, int k,
        int poolSize, Path outputDir, String prngType, Integer mod, long skip, Consumer<String> log, int threads) {
    public Step6Options {
        if (k < 1) {
            throw new IllegalArgumentException("--k must be >= 1, got " + k);
        }
        if (poolSize < k) {
            throw new IllegalArgumentException("--pool-size (" + poolSize + ") must be >= --k (" + k + ")");
        }
        if (skip < 0) {
            throw new IllegalArgumentException("skip must be >= 0, got " + skip);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        }
    }

    /** One prediction thread. */
    public Step6Options(Path modelsDir, Path survivorsForward, Path survivorsReverse, Path lotteryHistory, int k,
            int poolSize, Path outputDir, String prngType, Integer mod, long skip, Consumer<String> log) {
        this(modelsDir, survivorsForward, survivorsReverse, lotteryHistory, k, poolSize, outputDir, prngType, mod, skip,
                log, 1);
    }
}
