package dev.survivor.kernels.api;

/** A live backend instance (device context, thread pool, native library). */
public interface ScoringBackend extends AutoCloseable {

    /** The CLI name of this backend ({@code java}, {@code native}, {@code cuda}, {@code hip}). */
    String name();

    /** Human-readable description of what runs (device name, thread count, library versions). */
    String description();

    /** Prepares a task; the kernel must be closed by the caller. */
    ScoringKernel prepare(ScoringTask task);

    @Override
    void close();
}
