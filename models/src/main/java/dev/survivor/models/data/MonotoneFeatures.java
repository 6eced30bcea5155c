package dev.survivor.models.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The training features along which a better survivor can only look better: match counts and match rates of
 * the seed's predictions against the training draws (docs/training.md §3). The tree models are constrained to
 * be non-decreasing in them, so a true seed whose match rates exceed every training row's still ranks at the
 * top instead of falling back to whatever the last leaf says.
 */
public final class MonotoneFeatures {
    private static final Set<String> INCREASING = Set.of("exact_matches", "lane_agreement_8", "lane_agreement_125",
            "lane_consistency", "hundreds_digit_agreement", "tens_digit_agreement", "ones_digit_agreement",
            "temporal_stability_mean", "temporal_stability_min", "temporal_stability_max");

    private MonotoneFeatures() {
    }

    public static boolean increasing(String name) {
        return INCREASING.contains(name) || (name.startsWith("residue_") && name.endsWith("_match_rate"));
    }

    /** +1 for each constrained feature of {@code schema}, 0 for the others. */
    public static int[] constraints(FeatureSchema schema) {
        int[] c = new int[schema.count()];
        for (int i = 0; i < c.length; i++) {
            c[i] = increasing(schema.names().get(i)) ? 1 : 0;
        }
        return c;
    }

    /** The names of the constrained features of {@code schema}, in schema order. */
    public static List<String> names(FeatureSchema schema) {
        List<String> out = new ArrayList<>();
        for (String n : schema.names()) {
            if (increasing(n)) {
                out.add(n);
            }
        }
        return out;
    }
}
