package dev.survivor.kernels.api;

/**
 * Service-provider interface for scoring backends, found with {@link java.util.ServiceLoader}
 * (like DJL's EngineProvider). Providers are cheap: nothing native is touched before {@link #probe}
 * or {@link #create}, and {@link #probe} never throws.
 */
public interface ScoringBackendProvider {

    /** CLI name, e.g. {@code java}. */
    String name();

    /** Lower rank is preferred by {@code --backend auto} (cuda 10 &lt; hip 20 &lt; native 30 &lt; java 100). */
    int rank();

    /** Checks availability; must not throw and should be fast after the first call. */
    BackendProbe probe();

    /** Creates the backend; throws {@link BackendUnavailableException} with the reason if it cannot. */
    ScoringBackend create(BackendOptions options);
}
