package dev.survivor.kernels.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.survivor.kernels.features.ScorerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a scorer config with the reference's key names (docs/decisions.md S5, e.g. the shipped
 * {@code optimal_scorer_config.json}): {@code residue_mods: [a, b, c]} or {@code residue_mod_1..3}
 * ({@code residue_mods} wins), {@code temporal_window_size}, {@code temporal_num_windows},
 * {@code min_confidence_threshold}. Missing keys take the reference defaults; other keys (ML
 * parameters, {@code prng_type}, {@code mod}) are ignored.
 */
public final class ScorerConfigReader {
    private ScorerConfigReader() {
    }

    public static ScorerConfig read(Path file) {
        JsonNode root;
        try {
            if (Files.isDirectory(file)) {
                throw new InputFileException(file, "is a directory, expected a JSON file");
            }
            root = JsonInputs.MAPPER.readTree(file.toFile());
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new InputFileException(file, "file not found");
        } catch (IOException e) {
            throw JsonInputs.wrap(file, e);
        }
        if (root == null || root.isMissingNode()) {
            throw new InputFileException(file, "is empty, expected a JSON object");
        }
        return fromJson(root, file);
    }

    /** Builds the config from an already parsed object ({@code file} only names it in errors). */
    public static ScorerConfig fromJson(JsonNode root, Path file) {
        if (!root.isObject()) {
            throw new InputFileException(file, "expected a JSON object of scorer settings, found "
                    + JsonInputs.describe(root.asToken()));
        }
        ScorerConfig d = ScorerConfig.DEFAULT;
        int[] mods = new int[3];
        JsonNode list = root.get("residue_mods");
        if (list != null && !list.isNull()) {
            if (!list.isArray() || list.size() != 3) {
                throw new InputFileException(file, "field 'residue_mods': expected an array of three integers, found " + list);
            }
            for (int i = 0; i < 3; i++) {
                mods[i] = intField(list.get(i), file, "residue_mods[" + i + "]");
            }
        } else {
            for (int i = 0; i < 3; i++) {
                String k = "residue_mod_" + (i + 1);
                JsonNode v = root.get(k);
                mods[i] = v == null || v.isNull() ? d.residueMod(i) : intField(v, file, k);
            }
        }
        int window = optionalInt(root, "temporal_window_size", d.windowSize(), file);
        int windows = optionalInt(root, "temporal_num_windows", d.numWindows(), file);
        double minConf = d.minConfidence();
        JsonNode mc = root.get("min_confidence_threshold");
        if (mc != null && !mc.isNull()) {
            if (!mc.isNumber() || !Double.isFinite(mc.doubleValue())) {
                throw new InputFileException(file, "field 'min_confidence_threshold': expected a number in [0, 1], found " + mc);
            }
            minConf = mc.doubleValue();
        }
        try {
            return new ScorerConfig(mods, window, windows, minConf);
        } catch (IllegalArgumentException e) {
            throw new InputFileException(file, e.getMessage(), e);
        }
    }

    private static int optionalInt(JsonNode root, String key, int dflt, Path file) {
        JsonNode v = root.get(key);
        return v == null || v.isNull() ? dflt : intField(v, file, key);
    }

    private static int intField(JsonNode v, Path file, String key) {
        // the reference does int(value), so 100.0 is accepted; 100.5 is not silently truncated
        if (v.isIntegralNumber() && v.canConvertToInt()) {
            return v.intValue();
        }
        if (v.isFloatingPointNumber() && v.doubleValue() == Math.rint(v.doubleValue())
                && Math.abs(v.doubleValue()) <= Integer.MAX_VALUE) {
            return (int) v.doubleValue();
        }
        throw new InputFileException(file, "field '" + key + "': expected an integer, found " + v);
    }
}
