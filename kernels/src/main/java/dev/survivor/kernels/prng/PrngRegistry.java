package dev.survivor.kernels.prng;

import java.util.ArrayList;
import java.util.List;

/**
 * The reference registry's 44 names and the generator Step 3 scores each with (docs/prng.md §4):
 * {@code <base>} and {@code <base>_hybrid} use the base family; of the {@code _reverse} names only
 * those of xoshiro256pp and sfc64 have a scoring generator (the forward base); the other 18 have
 * none in the reference, so asking for them is an error, as is any unknown name.
 */
public final class PrngRegistry {
    private static final String HYBRID = "_hybrid";
    private static final String REVERSE = "_reverse";

    private PrngRegistry() {
    }

    /** All 44 registry names, base families first. */
    public static List<String> registryNames() {
        List<String> names = new ArrayList<>();
        for (String suffix : new String[] {"", HYBRID, REVERSE, HYBRID + REVERSE}) {
            for (PrngFamily f : PrngFamily.values()) {
                names.add(f.id() + suffix);
            }
        }
        return names;
    }

    /** Names that {@link #resolveForScoring} accepts. */
    public static List<String> scorableNames() {
        List<String> names = new ArrayList<>();
        for (String n : registryNames()) {
            try {
                resolveForScoring(n);
                names.add(n);
            } catch (IllegalArgumentException e) {
                // not scorable: skipped on purpose
            }
        }
        return names;
    }

    /**
     * The family whose generator scores survivors of registry name {@code name}.
     *
     * @throws IllegalArgumentException with a message naming the problem and the valid names
     */
    public static PrngFamily resolveForScoring(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("PRNG name is empty");
        }
        String base = name;
        boolean reverse = false;
        if (base.endsWith(REVERSE)) {
            reverse = true;
            base = base.substring(0, base.length() - REVERSE.length());
        }
        if (base.endsWith(HYBRID)) {
            base = base.substring(0, base.length() - HYBRID.length());
        }
        PrngFamily family = null;
        for (PrngFamily f : PrngFamily.values()) {
            if (f.id().equals(base)) {
                family = f;
            }
        }
        if (family == null) {
            throw new IllegalArgumentException("unknown PRNG family '" + name + "'; known base families: "
                    + String.join(", ", baseIds()) + " (each also as _hybrid)");
        }
        if (reverse && family != PrngFamily.XOSHIRO256PP && family != PrngFamily.SFC64) {
            throw new IllegalArgumentException("PRNG '" + name + "' has no scoring generator: in the reference "
                    + "registry the _reverse variants exist only as Step 1 sieve kernels (only xoshiro256pp_reverse "
                    + "and sfc64_reverse, and their _hybrid_reverse forms, score with the forward generator); "
                    + "score its survivors as '" + family.id() + "'");
        }
        return family;
    }

    private static List<String> baseIds() {
        List<String> ids = new ArrayList<>();
        for (PrngFamily f : PrngFamily.values()) {
            ids.add(f.id());
        }
        return ids;
    }
}
