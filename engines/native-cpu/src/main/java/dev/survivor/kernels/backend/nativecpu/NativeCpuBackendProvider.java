package dev.survivor.kernels.backend.nativecpu;

import dev.survivor.kernels.api.BackendOptions;
import dev.survivor.kernels.api.BackendProbe;
import dev.survivor.kernels.api.ScoringBackend;
import dev.survivor.kernels.api.ScoringBackendProvider;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Provider of the {@code native} backend: the gcc-built kernel library (one source with the GPU
 * kernels) called through Panama FFM, FFTW for the spectra. Nothing native is touched before
 * {@link #probe} or {@link #create}.
 */
public final class NativeCpuBackendProvider implements ScoringBackendProvider {
    public static final String NAME = "native";
    public static final int RANK = 30;

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
        try {
            Object lib = NativeLibrary.load();
            if (lib instanceof NativeLibrary l) {
                return BackendProbe.available("CPU kernel library (" + l.variant + ", FFTW) via Panama FFM", l.details());
            }
            Map<String, String> details = new LinkedHashMap<>();
            details.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
            return BackendProbe.unavailable(String.valueOf(lib), details);
        } catch (Throwable t) {   // probe never throws, whatever the platform does
            return BackendProbe.unavailable("native library check failed: " + t, Map.of());
        }
    }

    @Override
    public ScoringBackend create(BackendOptions options) {
        NativeLibrary lib = NativeLibrary.get();
        return new NativeCpuBackend(lib, (options == null ? BackendOptions.DEFAULT : options).effectiveThreads());
    }
}
