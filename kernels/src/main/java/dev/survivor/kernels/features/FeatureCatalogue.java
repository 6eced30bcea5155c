package dev.survivor.kernels.features;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place that names, orders and groups Step 3 features (docs/step3-features.md §3, §6).
 * Every backend writes its per-seed vector in {@link #computedNames()} order; the output writer and
 * the models' schema hash read names from here. Residue names follow the configured mods (docs/decisions.md S5).
 *
 * <p>Layout of the 91 {@code features}: 59 computed per seed, 18 metadata copies, 14 globals.
 * {@code holdout_features} carry the 77 per-seed names (computed + metadata, metadata all 0).
 */
public final class FeatureCatalogue {

    /** The 18 bidirectional/metadata fields, in emission order (docs/step3-features.md §3.2). */
    public static final List<String> METADATA = List.of(
            "forward_count", "reverse_count", "bidirectional_count", "intersection_count",
            "intersection_ratio", "survivor_overlap_ratio", "skip_min", "skip_max", "skip_range",
            "skip_mean", "skip_std", "skip_entropy", "bidirectional_selectivity", "survivor_velocity",
            "velocity_acceleration", "intersection_weight", "forward_only_count", "reverse_only_count");

    /** The 14 history-only features, without their {@code global_} prefix, in emission order (docs/step3-features.md §6). */
    public static final List<String> GLOBAL_BASE = List.of(
            "residue_8_entropy", "residue_125_entropy", "residue_1000_entropy", "power_of_two_bias",
            "frequency_bias_ratio", "suspicious_gap_percentage", "regime_change_detected", "regime_age",
            "marker_390_variance", "marker_804_variance", "marker_575_variance", "reseed_probability",
            "high_variance_count", "temporal_stability");

    public static final String GLOBAL_PREFIX = "global_";

    // Indices into the computed vector that callers need by position.
    public static final int SCORE = 0;
    public static final int CONFIDENCE = 1;
    public static final int EXACT_MATCHES = 2;
    public static final int TOTAL_PREDICTIONS = 3;
    public static final int LANE_8 = 15;
    public static final int LANE_125 = 16;
    public static final int LANE_CONSISTENCY = 17;
    public static final int TEMPORAL_MEAN = 22;
    /** First of the 9 residue entries: for mod i (0..2), match_rate, kl_divergence, coherence. */
    public static final int RESIDUE_BASE = 27;
    public static final int BATTERY_BASE = 36;
    public static final int COMPUTED_COUNT = 59;
    public static final int PER_SEED_COUNT = COMPUTED_COUNT + 18;
    public static final int TOTAL_COUNT = PER_SEED_COUNT + 14;

    private static final List<String> CORE = List.of(
            "score", "confidence", "exact_matches", "total_predictions", "best_offset",
            "pred_mean", "pred_std", "pred_min", "pred_max",
            "residual_mean", "residual_std", "residual_abs_mean", "residual_max_abs",
            "actual_mean", "actual_std",
            "lane_agreement_8", "lane_agreement_125", "lane_consistency",
            "hundreds_digit_agreement", "tens_digit_agreement", "ones_digit_agreement",
            "expected_digit_match_count",
            "temporal_stability_mean", "temporal_stability_std", "temporal_stability_min",
            "temporal_stability_max", "temporal_stability_trend");

    private static final List<String> BATTERY = List.of(
            "batt_fft_peak_mag", "batt_fft_secondary_peak", "batt_fft_spectral_conc",
            "batt_fft_diff_peak", "batt_fft_diff_conc",
            "batt_ac_lag_01", "batt_ac_lag_02", "batt_ac_lag_03", "batt_ac_lag_04", "batt_ac_lag_05",
            "batt_ac_lag_06", "batt_ac_lag_07", "batt_ac_lag_08", "batt_ac_lag_09", "batt_ac_lag_10",
            "batt_ac_decay_rate", "batt_ac_sig_lag_count",
            "batt_cs_max_excursion", "batt_cs_mean_excursion", "batt_cs_zero_crossings",
            "batt_bf_hamming_mean", "batt_bf_hamming_std", "batt_bf_popcount_bias");

    private static final Map<ScorerConfig, FeatureCatalogue> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    private final ScorerConfig config;
    private final List<String> computed;
    private final List<String> perSeed;
    private final List<String> global;
    private final List<String> all;
    private final Map<String, FeatureGroup> groups;

    private FeatureCatalogue(ScorerConfig config) {
        this.config = config;
        List<String> c = new ArrayList<>(CORE);
        for (int i = 0; i < 3; i++) {
            int m = config.residueMod(i);
            c.add("residue_" + m + "_match_rate");
            c.add("residue_" + m + "_kl_divergence");
            c.add("residue_" + m + "_coherence");
        }
        c.addAll(BATTERY);
        this.computed = Collections.unmodifiableList(c);
        List<String> p = new ArrayList<>(c);
        p.addAll(METADATA);
        this.perSeed = Collections.unmodifiableList(p);
        List<String> g = new ArrayList<>();
        for (String b : GLOBAL_BASE) {
            g.add(GLOBAL_PREFIX + b);
        }
        this.global = Collections.unmodifiableList(g);
        List<String> a = new ArrayList<>(p);
        a.addAll(g);
        this.all = Collections.unmodifiableList(a);
        Map<String, FeatureGroup> gr = new LinkedHashMap<>();
        for (String n : a) {
            gr.put(n, groupOf(n));
        }
        this.groups = Collections.unmodifiableMap(gr);
        if (computed.size() != COMPUTED_COUNT || perSeed.size() != PER_SEED_COUNT || all.size() != TOTAL_COUNT) {
            throw new IllegalStateException("feature catalogue sizes drifted");
        }
        if (a.stream().distinct().count() != a.size()) {
            throw new IllegalArgumentException("scorer config " + config
                    + " yields duplicate feature names (residue mods must be distinct)");
        }
    }

    /** The catalogue for a scorer config (cached). */
    public static FeatureCatalogue of(ScorerConfig config) {
        return CACHE.computeIfAbsent(config, FeatureCatalogue::new);
    }

    public static FeatureCatalogue defaults() {
        return of(ScorerConfig.DEFAULT);
    }

    public ScorerConfig config() {
        return config;
    }

    /** The 59 names a backend computes per seed, in vector order. */
    public List<String> computedNames() {
        return computed;
    }

    /** The 77 per-seed names (computed + metadata); also the key set of {@code holdout_features}. */
    public List<String> perSeedNames() {
        return perSeed;
    }

    /** The 14 {@code global_*} names. */
    public List<String> globalNames() {
        return global;
    }

    /** All 91 names of {@code features}, in emission order. */
    public List<String> allNames() {
        return all;
    }

    public FeatureGroup group(String name) {
        FeatureGroup g = groups.get(name);
        if (g == null) {
            throw new IllegalArgumentException("unknown feature '" + name + "'");
        }
        return g;
    }

    private static FeatureGroup groupOf(String n) {
        if (n.startsWith(GLOBAL_PREFIX)) {
            return FeatureGroup.GLOBAL;
        }
        if (METADATA.contains(n)) {
            return FeatureGroup.METADATA;
        }
        if (n.startsWith("batt_fft")) {
            return FeatureGroup.SPECTRAL;
        }
        if (n.startsWith("batt_ac")) {
            return FeatureGroup.AUTOCORRELATION;
        }
        if (n.startsWith("batt_cs")) {
            return FeatureGroup.CUMULATIVE_SUM;
        }
        if (n.startsWith("batt_bf")) {
            return FeatureGroup.BIT_FREQUENCY;
        }
        if (n.startsWith("residue_")) {
            return FeatureGroup.RESIDUE;
        }
        if (n.startsWith("temporal_")) {
            return FeatureGroup.TEMPORAL;
        }
        if (n.startsWith("lane_")) {
            return FeatureGroup.LANE;
        }
        if (n.contains("digit")) {
            return FeatureGroup.DIGIT;
        }
        if (n.startsWith("pred_")) {
            return FeatureGroup.PREDICTION;
        }
        if (n.startsWith("residual_")) {
            return FeatureGroup.RESIDUAL;
        }
        if (n.startsWith("actual_")) {
            return FeatureGroup.ACTUAL;
        }
        return FeatureGroup.MATCH;
    }
}
