package dev.survivor.models.data;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** The WATCHER data fingerprint of docs/models.md §2.5 (prng_type deliberately not hashed). */
public final class DataContext {
    private DataContext() {
    }

    public static String fingerprint(int trainDraws, int holdoutDraws, int survivorCount, String survivorsBasename) {
        int holdoutStart = trainDraws + 1;
        int holdoutEnd = holdoutStart + holdoutDraws - 1;
        String s = "1:" + trainDraws + "|" + holdoutStart + ":" + holdoutEnd + "|" + survivorCount + "|"
                + survivorsBasename;
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The data context with the survivors' holdout alignment (docs/decisions.md S11), which Step 6 checks its input against. */
    public static Map<String, Object> toMap(int trainDraws, int holdoutDraws, int survivorCount, Path survivorsFile,
            String prngType, int mod, String holdoutAlignment) {
        Map<String, Object> m = toMap(trainDraws, holdoutDraws, survivorCount, survivorsFile, prngType, mod);
        m.put("holdout_alignment", holdoutAlignment);
        return m;
    }

    public static Map<String, Object> toMap(int trainDraws, int holdoutDraws, int survivorCount, Path survivorsFile,
            String prngType, int mod) {
        String base = survivorsFile.getFileName().toString();
        int holdoutStart = trainDraws + 1;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fingerprint_hash", fingerprint(trainDraws, holdoutDraws, survivorCount, base));
        m.put("fingerprint_version", "v2_data_only");
        m.put("training_window", Map.of("start_draw", 1, "end_draw", trainDraws, "draw_count", trainDraws));
        m.put("holdout_window", Map.of("start_draw", holdoutStart, "end_draw", holdoutStart + holdoutDraws - 1,
                "draw_count", holdoutDraws));
        Map<String, Object> src = new LinkedHashMap<>();
        src.put("file", base);
        src.put("file_path", survivorsFile.toAbsolutePath().toString());
        src.put("survivor_count", survivorCount);
        m.put("survivor_source", src);
        m.put("prng_hypothesis", Map.of("prng_type", prngType, "mod", mod));
        m.put("derived_by", "step5_anti_overfit");
        m.put("timestamp", Instant.now().toString());
        return m;
    }
}
