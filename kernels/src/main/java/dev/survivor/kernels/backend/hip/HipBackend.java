package dev.survivor.kernels.backend.hip;

import dev.survivor.kernels.api.ScoringBackend;
import dev.survivor.kernels.api.ScoringKernel;
import dev.survivor.kernels.api.ScoringTask;
import dev.survivor.kernels.backend.nativecpu.DeviceScoringKernel;

/** The hip backend: one device; each prepared task is a {@link DeviceScoringKernel} on it. */
final class HipBackend implements ScoringBackend {
    private final HipDevice device;

    HipBackend(HipDevice device) {
        this.device = device;
    }

    @Override
    public String name() {
        return HipBackendProvider.NAME;
    }

    @Override
    public String description() {
        return "HIP: " + device.describe();
    }

    @Override
    public ScoringKernel prepare(ScoringTask task) {
        return new DeviceScoringKernel(device, task);
    }

    @Override
    public void close() {
        device.close();
    }
}
