package dev.survivor.models.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The ordered training feature names and their hash (docs/models.md §2.1, docs/decisions.md M5).
 * Names are sorted by code point ({@link String#compareTo}), the leakage guard removes
 * {@link #EXCLUDED}, and the hash is the first 16 lower-case hex digits of SHA-256 over the names
 * joined with ",".
 */
public record FeatureSchema(List<String> names, String hash) {
    /** Never training inputs: the score itself and the holdout labels. */
    public static final List<String> EXCLUDED = List.of("score", "confidence", "holdout_hits", "holdout_quality");
    public static final String ORDERING = "lexicographic_by_key";

    public FeatureSchema {
        names = List.copyOf(names);
    }

    /** The schema for the key set of a {@code features} object: sort, then drop {@link #EXCLUDED}. */
    public static FeatureSchema fromFeatureKeys(Collection<String> keys) {
        List<String> names = new ArrayList<>(new TreeSet<>(keys));
        names.removeAll(EXCLUDED);
        return new FeatureSchema(names, hashOf(names));
    }

    /**
     * {@code compute_feature_schema_hash}: sorts the names first, so any order of the same set gives
     * the same value. Exclusions are not applied here.
     */
    public static String hashOf(Collection<String> names) {
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(String::compareTo);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.join(",", sorted).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    public int count() {
        return names.size();
    }

    /** Names in {@code this} but not in {@code other}. */
    public List<String> missingFrom(Collection<String> other) {
        Set<String> o = new TreeSet<>(other);
        return names.stream().filter(n -> !o.contains(n)).toList();
    }
}
