package dev.survivor.models.api;

import java.util.function.Consumer;

/**
 * Per-training settings that are not hyperparameters: the seed (configuration, recorded in the
 * sidecar), native thread count, the device request, a progress/warning sink (stderr in the CLI),
 * the monitor that may stop a fit, and the monotone constraint per feature (+1 increasing, 0 none;
 * null for none at all, docs/training.md §3).
 */
public record TrainContext(long seed, int threads, Device device, Consumer<String> log, FitMonitor monitor,
        int[] monotone) {
    public TrainContext {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (monitor == null) {
            monitor = FitMonitor.NONE;
        }
    }

    public TrainContext(long seed, int threads, Device device, Consumer<String> log) {
        this(seed, threads, device, log, FitMonitor.NONE, null);
    }

    public static TrainContext quiet(long seed) {
        return new TrainContext(seed, 1, Device.cpu(), s -> { });
    }

    public TrainContext withMonitor(FitMonitor m) {
        return new TrainContext(seed, threads, device, log, m, monotone);
    }

    public TrainContext withMonotone(int[] constraints) {
        return new TrainContext(seed, threads, device, log, monitor, constraints);
    }

    /** True when at least one feature carries a constraint. */
    public boolean hasMonotone() {
        if (monotone == null) {
            return false;
        }
        for (int c : monotone) {
            if (c != 0) {
                return true;
            }
        }
        return false;
    }
}
