package dev.survivor.kernels.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** Discovery and selection of scoring backends: one rule, used by every command. */
public final class Backends {
    public static final String AUTO = "auto";
    /** Environment variable that overrides {@code --backend auto}. */
    public static final String ENV = "PIPELINE_BACKEND";

    private Backends() {
    }

    /** All providers on the class path, best (lowest rank) first. */
    public static List<ScoringBackendProvider> providers() {
        List<ScoringBackendProvider> list = new ArrayList<>();
        ServiceLoader.load(ScoringBackendProvider.class, Backends.class.getClassLoader()).forEach(list::add);
        list.sort(Comparator.comparingInt(ScoringBackendProvider::rank).thenComparing(ScoringBackendProvider::name));
        return list;
    }

    /** The provider named {@code name}, or for {@code auto} the best available one. */
    public static ScoringBackendProvider select(String name) {
        List<ScoringBackendProvider> all = providers();
        String wanted = name == null || name.isBlank() ? AUTO : name;
        if (AUTO.equals(wanted)) {
            String env = System.getenv(ENV);
            if (env != null && !env.isBlank() && !AUTO.equals(env)) {
                wanted = env;
            }
        }
        if (AUTO.equals(wanted)) {
            for (ScoringBackendProvider p : all) {
                if (p.probe().available()) {
                    return p;
                }
            }
            throw new BackendUnavailableException("no scoring backend is available: " + all.stream()
                    .map(p -> p.name() + " (" + p.probe().reason() + ")").collect(Collectors.joining("; ")));
        }
        for (ScoringBackendProvider p : all) {
            if (p.name().equals(wanted)) {
                BackendProbe probe = p.probe();
                if (!probe.available()) {
                    throw new BackendUnavailableException("backend '" + wanted + "' is not available: " + probe.reason());
                }
                return p;
            }
        }
        throw new IllegalArgumentException("unknown backend '" + wanted + "'; valid: auto, "
                + all.stream().map(ScoringBackendProvider::name).collect(Collectors.joining(", ")));
    }

    /** Selects and creates a backend. */
    public static ScoringBackend create(String name, BackendOptions options) {
        return select(name).create(options);
    }
}
