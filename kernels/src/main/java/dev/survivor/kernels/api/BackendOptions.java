package dev.survivor.kernels.api;

/**
 * Options for creating a backend.
 *
 * @param threads CPU worker threads (0 = all available processors)
 * @param gpuId   device ordinal for GPU backends (ignored by CPU backends)
 */
public record BackendOptions(int threads, int gpuId) {
    public static final BackendOptions DEFAULT = new BackendOptions(0, 0);

    public BackendOptions {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0, got " + threads);
        }
        if (gpuId < 0) {
            throw new IllegalArgumentException("gpu id must be >= 0, got " + gpuId);
        }
    }

    /** The thread count to use: {@code threads}, or the number of available processors when 0. */
    public int effectiveThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
}
