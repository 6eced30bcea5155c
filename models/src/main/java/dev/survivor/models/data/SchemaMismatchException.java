package dev.survivor.models.data;

import java.nio.file.Path;
import java.util.List;

/**
 * An input's features do not match the model's schema (docs/decisions.md M2). The message names the file,
 * both hashes and the missing and extra feature names.
 */
public class SchemaMismatchException extends RuntimeException {
    private final String expectedHash;
    private final String foundHash;
    private final List<String> missing;
    private final List<String> extra;

    public SchemaMismatchException(Path file, String expectedHash, String foundHash, List<String> missing,
            List<String> extra) {
        super(file + ": feature schema mismatch: the model expects feature_schema_hash " + expectedHash
                + " but the input has " + foundHash + "; missing features " + shorten(missing)
                + ", extra features " + shorten(extra) + ". Score the input with the same Step 3 configuration "
                + "the model was trained on, or retrain Step 5 on it.");
        this.expectedHash = expectedHash;
        this.foundHash = foundHash;
        this.missing = List.copyOf(missing);
        this.extra = List.copyOf(extra);
    }

    private static String shorten(List<String> names) {
        if (names.isEmpty()) {
            return "(none)";
        }
        if (names.size() <= 20) {
            return names.toString();
        }
        return names.subList(0, 20) + " and " + (names.size() - 20) + " more";
    }

    public String expectedHash() {
        return expectedHash;
    }

    public String foundHash() {
        return foundHash;
    }

    public List<String> missing() {
        return missing;
    }

    public List<String> extra() {
        return extra;
    }
}
