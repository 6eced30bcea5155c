package dev.survivor.models.sidecar;

/** Constants of the sidecar contract ({@code best_model.meta.json}, docs/models.md §6). */
public final class Sidecar {
    public static final String FILE_NAME = "best_model.meta.json";
    /** The reference's schema version; our additions are optional fields read leniently (Tribuo style). */
    public static final String SCHEMA_VERSION = "3.4.0";
    /** Major.minor versions this reader understands. */
    public static final String SUPPORTED_PREFIX = "3.4.";

    private Sidecar() {
    }
}
