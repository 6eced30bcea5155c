package dev.survivor.models.api;

import java.util.function.Consumer;

/**
 * Per-training settings that are not hyperparameters: the seed (configuration, recorded in the
 * sidecar), native thread count, the device request, and a progress/warning sink (stderr in the CLI).
 */
public record TrainContext(long seed, int threads, Device device, Consumer<String> log) {
    public TrainContext {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
    }

    public static TrainContext quiet(long seed) {
        return new TrainContext(seed, 1, Device.cpu(), s -> { });
    }
}
