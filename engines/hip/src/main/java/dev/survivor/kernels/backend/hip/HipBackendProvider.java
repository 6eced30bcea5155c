package dev.survivor.kernels.backend.hip;

import dev.survivor.kernels.api.BackendOptions;
import dev.survivor.kernels.api.BackendProbe;
import dev.survivor.kernels.api.BackendUnavailableException;
import dev.survivor.kernels.api.ScoringBackend;
import dev.survivor.kernels.api.ScoringBackendProvider;
import dev.survivor.kernels.backend.device.DeviceBackend;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Provider of the {@code hip} backend (AMD GPUs): HIP runtime, hiprtc and hipFFT through hand-written
 * Panama bindings; the kernel source is compiled for the device at run time. Detection is lazy and
 * total and its result is remembered.
 */
public final class HipBackendProvider implements ScoringBackendProvider {
    public static final String NAME = "hip";
    public static final int RANK = 20;


    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int rank() {
        return RANK;
    }

    @Override
    public BackendProbe probe() {
        return ProbeHolder.RESULT;
    }

    /** Detection runs once, on first use (holder idiom: no double-checked locking); detect() never throws. */
    private static final class ProbeHolder {
        static final BackendProbe RESULT = detect();
    }

    private static BackendProbe detect() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("binding", "Panama FFM (HIP runtime, hiprtc, hipFFT)");
        try {
            Hip.RUNTIME.lookup();
            d.put("runtime", Hip.RUNTIME.opened());
            try {
                d.put("runtime_version", Integer.toString(Hip.intOut(Hip.RUNTIME, "hipRuntimeGetVersion")));
            } catch (RuntimeException e) {
                d.put("runtime_version", "unknown (" + e.getMessage() + ")");
            }
            try {
                Hip.RTC.lookup();
                d.put("hiprtc", Hip.RTC.opened());
                d.put("hiprtc_version", HipRtc.version());
            } catch (RuntimeException e) {
                d.put("hiprtc", "unavailable (" + e.getMessage() + ")");
            }
            int rc = Hip.call(Hip.RUNTIME, "hipInit", Hip.I_I, 0);
            if (rc != 0) {
                return BackendProbe.unavailable("hipInit failed: " + Hip.errorString(rc) + " (no usable AMD GPU/driver)", d);
            }
            int driver = Hip.intOut(Hip.RUNTIME, "hipDriverGetVersion");
            d.put("driver_version", Integer.toString(driver));
            int count;
            try {
                count = Hip.intOut(Hip.RUNTIME, "hipGetDeviceCount");
            } catch (IllegalStateException e) {
                return BackendProbe.unavailable("no HIP device: " + e.getMessage(), d);
            }
            d.put("devices", Integer.toString(count));
            for (int i = 0; i < count; i++) {
                d.put("device." + i, Hip.deviceName(i));
            }
            if (count == 0) {
                return BackendProbe.unavailable("no HIP device", d);
            }
            if (d.get("hiprtc").startsWith("unavailable")) {
                return BackendProbe.unavailable("hiprtc is missing, so the kernels cannot be compiled for the device", d);
            }
            try {
                Hip.FFT.lookup();
                d.put("fft", Hip.FFT.opened());
            } catch (IllegalStateException e) {
                return BackendProbe.unavailable(e.getMessage(), d);
            }
            return BackendProbe.available(count + " HIP device(s)", d);
        } catch (Throwable t) {
            String m = t.getMessage() == null ? t.toString() : t.getMessage();
            return BackendProbe.unavailable(m.replace('\n', ' '), d);
        }
    }

    @Override
    public ScoringBackend create(BackendOptions options) {
        BackendProbe p = probe();
        if (!p.available()) {
            throw new BackendUnavailableException("hip backend unavailable: " + p.reason());
        }
        BackendOptions o = options == null ? BackendOptions.DEFAULT : options;
        int devices = Integer.parseInt(p.details().getOrDefault("devices", "0"));
        if (o.gpuId() >= devices) {
            throw new BackendUnavailableException("--gpu-id " + o.gpuId() + " but only " + devices + " HIP device(s)");
        }
        return new DeviceBackend(NAME, "HIP", new HipDevice(o.gpuId()));
    }
}
