package dev.survivor.kernels.backend.java;

import dev.survivor.kernels.api.BackendOptions;
import dev.survivor.kernels.api.BackendProbe;
import dev.survivor.kernels.api.ScoringBackend;
import dev.survivor.kernels.api.ScoringBackendProvider;
import java.util.LinkedHashMap;
import java.util.Map;

/** Provider of the pure-Java backend: always available, last choice of {@code --backend auto}. */
public final class JavaBackendProvider implements ScoringBackendProvider {
    public static final String NAME = "java";
    public static final int RANK = 100;

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
        Map<String, String> details = new LinkedHashMap<>();
        details.put("java", Runtime.version().toString());
        details.put("processors", Integer.toString(Runtime.getRuntime().availableProcessors()));
        Package fft = org.jtransforms.fft.DoubleFFT_1D.class.getPackage();
        String version = fft == null ? null : fft.getImplementationVersion();
        details.put("fft", "JTransforms" + (version == null ? "" : " " + version) + " + Bluestein");
        details.put("max_mod", Integer.toString(TaskTables.MAX_MOD));
        return BackendProbe.available("pure Java, always available", details);
    }

    @Override
    public ScoringBackend create(BackendOptions options) {
        return new JavaBackend((options == null ? BackendOptions.DEFAULT : options).effectiveThreads());
    }
}
