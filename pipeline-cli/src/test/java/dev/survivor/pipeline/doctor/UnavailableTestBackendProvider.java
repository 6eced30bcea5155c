package dev.survivor.pipeline.doctor;

import dev.survivor.kernels.api.BackendOptions;
import dev.survivor.kernels.api.BackendProbe;
import dev.survivor.kernels.api.BackendUnavailableException;
import dev.survivor.kernels.api.ScoringBackend;
import dev.survivor.kernels.api.ScoringBackendProvider;
import java.util.Map;

/**
 * A provider that is never available, registered for the pipeline tests only (src/test/resources
 * services file): it exercises the "requested backend is unavailable" paths on machines without a
 * GPU backend, the way a CUDA provider behaves on this one.
 */
public final class UnavailableTestBackendProvider implements ScoringBackendProvider {
    public static final String NAME = "test-unavailable";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int rank() {
        return 1; // best rank, so auto must skip it because it is unavailable
    }

    @Override
    public BackendProbe probe() {
        return BackendProbe.unavailable("test fixture: no such device", Map.of("device", "none"));
    }

    @Override
    public ScoringBackend create(BackendOptions options) {
        throw new BackendUnavailableException("backend '" + NAME + "' is not available: test fixture: no such device");
    }
}
