package dev.survivor.kernels.backend.cuda;

import dev.survivor.kernels.api.ScoringBackend;
import dev.survivor.kernels.api.ScoringKernel;
import dev.survivor.kernels.api.ScoringTask;
import dev.survivor.kernels.backend.nativecpu.DeviceScoringKernel;

/** The cuda backend: one device context; each prepared task is a {@link DeviceScoringKernel} on it. */
final class CudaBackend implements ScoringBackend {
    private final CudaDevice device;

    CudaBackend(CudaDevice device) {
        this.device = device;
    }

    @Override
    public String name() {
        return CudaBackendProvider.NAME;
    }

    @Override
    public String description() {
        return "CUDA: " + device.describe();
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
