package dev.survivor.kernels.backend.device;

import dev.survivor.kernels.api.ScoringBackend;
import dev.survivor.kernels.api.ScoringKernel;
import dev.survivor.kernels.api.ScoringTask;

/** A GPU backend (cuda, hip): one device context; each prepared task is a {@link DeviceScoringKernel} on it. */
public final class DeviceBackend implements ScoringBackend {
    private final String name;
    private final String label;
    private final DeviceApi device;

    /**
     * @param name   the CLI name ({@code cuda}, {@code hip})
     * @param label  prefix of {@link #description()} ({@code CUDA}, {@code HIP})
     * @param device the opened device; closed with this backend
     */
    public DeviceBackend(String name, String label, DeviceApi device) {
        this.name = name;
        this.label = label;
        this.device = device;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return label + ": " + device.describe();
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
