package dev.survivor.kernels.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.survivor.kernels.features.FeatureCatalogue;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one survivor record (a chunk-file object, docs/step3-features.md §10) into a {@link Survivor}:
 * the 18 metadata features as float(value) when present, non-null and numeric (docs/decisions.md S6),
 * {@code skip_range} given as {@code "a-b"} as b−a (S7), and the holdout skip of §7.2
 * ({@code skip_best} if present and ≥ 0, else {@code skip_min} if ≥ 0, else 0). Every other field
 * of the record is ignored. A non-numeric metadata value is an {@link IllegalArgumentException}
 * naming the seed and the field.
 */
public final class SurvivorMapping {
    private static final List<String> FIELDS = FeatureCatalogue.METADATA;
    private static final Pattern RANGE = Pattern.compile("\\s*(-?\\d+)\\s*-\\s*(-?\\d+)\\s*");

    private SurvivorMapping() {
    }

    /**
     * @param seed   the survivor's unsigned 64-bit seed (already parsed by the caller)
     * @param record the survivor object; {@code null} means no metadata
     */
    public static Survivor fromRecord(long seed, JsonNode record) {
        if (record == null || !record.isObject()) {
            return Survivor.of(seed);
        }
        double[] metadata = new double[FIELDS.size()];
        for (int i = 0; i < metadata.length; i++) {
            String field = FIELDS.get(i);
            JsonNode v = record.get(field);
            if (v != null && !v.isNull()) {
                metadata[i] = numeric(seed, field, v, field.equals("skip_range"));
            }
        }
        return new Survivor(seed, metadata, holdoutSkip(seed, record));
    }

    /** skip_best if present and ≥ 0, else skip_min if ≥ 0, else 0; int() of the float value. */
    public static long holdoutSkip(long seed, JsonNode record) {
        for (String field : new String[] {"skip_best", "skip_min"}) {
            JsonNode v = record.get(field);
            if (v != null && !v.isNull()) {
                double d = numeric(seed, field, v, false);
                if (d >= 0) {
                    if (d >= 0x1p63) {
                        throw new IllegalArgumentException(where(seed, field) + " = " + v + " is too large for a skip");
                    }
                    return (long) d;
                }
            }
        }
        return 0;
    }

    private static double numeric(long seed, String field, JsonNode v, boolean rangeAllowed) {
        double d;
        if (v.isNumber()) {
            d = v.doubleValue();
        } else if (v.isTextual()) {
            String text = v.asText();
            Matcher m = rangeAllowed ? RANGE.matcher(text) : null;
            if (m != null && m.matches()) {
                d = Double.parseDouble(m.group(2)) - Double.parseDouble(m.group(1));
            } else {
                d = parseNumber(text);
                if (Double.isNaN(d) && !text.trim().equalsIgnoreCase("nan")) {
                    throw new IllegalArgumentException(where(seed, field) + " = " + v + " is not a number"
                            + (rangeAllowed ? " or an \"a-b\" range" : ""));
                }
            }
        } else {
            throw new IllegalArgumentException(where(seed, field) + " = " + v + " is not a number (found "
                    + v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT) + ")");
        }
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException(where(seed, field) + " = " + v + " is not a finite number");
        }
        return d;
    }

    /** Python float() of a numeric string; NaN when it is not one. */
    private static double parseNumber(String text) {
        String s = text.trim();
        if (s.isEmpty() || !s.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            return Double.NaN;
        }
        return Double.parseDouble(s);
    }

    private static String where(long seed, String field) {
        return "survivor seed " + Long.toUnsignedString(seed) + ", metadata field '" + field + "'";
    }
}
