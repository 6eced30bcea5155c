package dev.survivor.kernels.backend.cuda;

import dev.survivor.kernels.api.BackendOptions;
import dev.survivor.kernels.api.BackendProbe;
import dev.survivor.kernels.api.BackendUnavailableException;
import dev.survivor.kernels.api.ScoringBackend;
import dev.survivor.kernels.api.ScoringBackendProvider;
import dev.survivor.kernels.backend.device.DeviceBackend;
import java.util.LinkedHashMap;
import java.util.Map;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

/**
 * Provider of the {@code cuda} backend: JCuda (driver API) runs the bundled kernels, cuFFT (FFM) the
 * spectra. Detection is lazy and total: the first probe loads JCuda's JNI library (which needs
 * libcuda.so.1), initialises the driver and looks for devices and cuFFT; any failure becomes the
 * one-line reason, remembered for the life of the JVM (JCuda cannot be re-initialised).
 */
public final class CudaBackendProvider implements ScoringBackendProvider {
    public static final String NAME = "cuda";
    public static final int RANK = 10;
    /** The bundled PTX is ISA 9.0 (nvcc 13): drivers older than CUDA 13.0 cannot load it. */
    static final int MIN_DRIVER = 13000;

    private static volatile CuFft cufft;

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
        d.put("binding", "JCuda 12.6.0 (driver API) + cuFFT via Panama FFM");
        if (CudaDevice.resource(CudaDevice.PTX_DIR + "kernels.fatbin") == null) {
            return BackendProbe.unavailable("CUDA kernel binaries are not on the class path (the native jar was built "
                    + "without nvcc)", d);
        }
        try {
            JCudaDriver.setExceptionsEnabled(false);
        } catch (Throwable t) {   // UnsatisfiedLinkError (no libcuda.so.1), then NoClassDefFoundError
            return BackendProbe.unavailable("CUDA driver not loadable: " + firstLine(t), d);
        }
        try {
            int rc = JCudaDriver.cuInit(0);
            int[] v = new int[1];
            if (JCudaDriver.cuDriverGetVersion(v) == CUresult.CUDA_SUCCESS) {
                d.put("driver", v[0] / 1000 + "." + (v[0] % 1000) / 10);
            }
            if (rc != CUresult.CUDA_SUCCESS) {
                return BackendProbe.unavailable("cuInit failed: " + CUresult.stringFor(rc), d);
            }
            int[] count = new int[1];
            JCudaDriver.cuDeviceGetCount(count);
            d.put("devices", Integer.toString(count[0]));
            for (int i = 0; i < count[0]; i++) {
                d.put("device." + i, describe(i));
            }
            if (count[0] == 0) {
                return BackendProbe.unavailable("no CUDA device", d);
            }
            if (v[0] < MIN_DRIVER) {
                return BackendProbe.unavailable("CUDA driver " + d.get("driver") + " is older than 13.0, which the "
                        + "bundled kernels (nvcc 13, PTX ISA 9.0) need", d);
            }
            CuFft fft;
            try {
                fft = CuFft.open();
            } catch (RuntimeException e) {
                return BackendProbe.unavailable(e.getMessage(), d);
            }
            cufft = fft;
            d.put("cufft", fft.library + " version " + fft.version);
            return BackendProbe.available(count[0] + " CUDA device(s), driver " + d.get("driver"), d);
        } catch (Throwable t) {
            return BackendProbe.unavailable("CUDA detection failed: " + firstLine(t), d);
        }
    }

    private static String describe(int ordinal) {
        CUdevice dev = new CUdevice();
        if (JCudaDriver.cuDeviceGet(dev, ordinal) != CUresult.CUDA_SUCCESS) {
            return "unreadable";
        }
        byte[] name = new byte[256];
        JCudaDriver.cuDeviceGetName(name, name.length, dev);
        int[] major = new int[1];
        int[] minor = new int[1];
        JCudaDriver.cuDeviceGetAttribute(major, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, dev);
        JCudaDriver.cuDeviceGetAttribute(minor, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, dev);
        long[] mem = new long[1];
        JCudaDriver.cuDeviceTotalMem(mem, dev);
        return new String(name, java.nio.charset.StandardCharsets.US_ASCII).replace("\0", "").trim()
                + ", sm_" + major[0] + minor[0] + ", " + mem[0] / (1 << 20) + " MiB";
    }

    /**
     * A short reason from a (JCuda) loading failure: the missing shared object if the message names
     * one (JCuda's own message is a page of nested stack traces), else the first line.
     */
    static String firstLine(Throwable t) {
        java.util.regex.Pattern missing = java.util.regex.Pattern.compile("([\\w.+-]+\\.so[\\w.]*): cannot open shared object file");
        for (Throwable c = t; c != null; c = c.getCause()) {
            String m = c.getMessage();
            if (m == null) {
                continue;
            }
            java.util.regex.Matcher x = missing.matcher(m);
            if (x.find()) {
                return x.group(1) + " not found (no NVIDIA driver installed?)";
            }
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    @Override
    public ScoringBackend create(BackendOptions options) {
        BackendProbe p = probe();
        if (!p.available()) {
            throw new BackendUnavailableException("cuda backend unavailable: " + p.reason());
        }
        BackendOptions o = options == null ? BackendOptions.DEFAULT : options;
        int devices = Integer.parseInt(p.details().getOrDefault("devices", "0"));
        if (o.gpuId() >= devices) {
            throw new BackendUnavailableException("--gpu-id " + o.gpuId() + " but only " + devices + " CUDA device(s)");
        }
        return new DeviceBackend(NAME, "CUDA", new CudaDevice(o.gpuId(), cufft));
    }
}
