package dev.survivor.kernels.api;

import java.util.Map;

/**
 * The result of checking whether a backend can run here; never thrown, always returned.
 *
 * @param available whether {@link ScoringBackendProvider#create} is expected to succeed
 * @param reason    one line: why it is (un)available
 * @param details   versions, devices and paths for {@code pipeline doctor} (ordered)
 */
public record BackendProbe(boolean available, String reason, Map<String, String> details) {
    public BackendProbe {
        details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
    }

    public static BackendProbe available(String reason, Map<String, String> details) {
        return new BackendProbe(true, reason, details);
    }

    public static BackendProbe unavailable(String reason, Map<String, String> details) {
        return new BackendProbe(false, reason, details);
    }
}
