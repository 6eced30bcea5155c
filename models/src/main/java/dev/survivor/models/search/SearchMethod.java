package dev.survivor.models.search;

import java.util.Locale;

/** How trial parameters are chosen (docs/training.md §5). */
public enum SearchMethod {
    /** Seeded uniform draws from each family's space. */
    RANDOM;

    public static final SearchMethod DEFAULT = RANDOM;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SearchMethod parse(String s) {
        for (SearchMethod m : values()) {
            if (m.id().equalsIgnoreCase(s == null ? "" : s.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown search method '" + s + "'; valid: "
                + String.join(", ", java.util.Arrays.stream(values()).map(SearchMethod::id).toList()));
    }
}
