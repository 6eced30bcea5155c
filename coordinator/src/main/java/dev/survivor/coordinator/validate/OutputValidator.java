package dev.survivor.coordinator.validate;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.survivor.coordinator.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * File-based success (docs/coordinator.md §5.1 + docs/decisions.md C1): the output exists, is non-empty, is one JSON
 * array (bare NaN accepted) whose length equals the job's seed count, and every element is an object
 * with {@code seed} and an object {@code features}. Streams, so a 1000-seed file never loads whole.
 */
public final class OutputValidator {
    private OutputValidator() {
    }

    /** @param expected records required, or null when the job does not say (then: at least one) */
    public static Validation validate(Path file, Integer expected) {
        if (!Files.exists(file)) {
            return Validation.fail(FailureMode.FILE_MISSING, "Output file not found: " + file);
        }
        try {
            if (Files.size(file) == 0) {
                return Validation.fail(FailureMode.FILE_EMPTY, "File empty (0 bytes): " + file);
            }
        } catch (IOException e) {
            return Validation.fail(FailureMode.FILE_MISSING, "Cannot stat " + file + ": " + e.getMessage());
        }
        long n = 0;
        try (JsonParser p = Json.FACTORY.createParser(file.toFile())) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                return Validation.fail(FailureMode.INVALID_JSON, "Not a JSON array: " + file);
            }
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (t == null) {
                    return Validation.fail(FailureMode.INVALID_JSON, "Truncated JSON (array not closed after "
                            + n + " records): " + file);
                }
                if (t != JsonToken.START_OBJECT) {
                    return Validation.fail(FailureMode.INVALID_JSON, "Record " + n + " is not an object: " + file);
                }
                String missing = record(p);
                if (missing != null) {
                    return Validation.fail(FailureMode.INVALID_JSON, "Record " + n + " has no " + missing + ": " + file);
                }
                n++;
            }
            if (p.nextToken() != null) {
                return Validation.fail(FailureMode.INVALID_JSON, "Trailing content after the array: " + file);
            }
        } catch (IOException e) {
            return Validation.fail(FailureMode.INVALID_JSON, "Invalid JSON after " + n + " records in " + file + ": "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        if (n == 0) {
            return Validation.fail(FailureMode.INVALID_JSON, "Empty JSON array: " + file);
        }
        if (expected != null && n != expected) {
            return Validation.fail(FailureMode.RECORD_COUNT, "Expected " + expected + " records, found " + n + ": " + file);
        }
        return Validation.ok(n);
    }

    /** Consumes one object; returns the name of a missing required field, or null. */
    private static String record(JsonParser p) throws IOException {
        boolean seed = false;
        boolean features = false;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            if (t == null) {
                throw new IOException("object not closed");
            }
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if ("seed".equals(name)) {
                seed = v == JsonToken.VALUE_NUMBER_INT;
            } else if ("features".equals(name)) {
                features = v == JsonToken.START_OBJECT;
            }
            p.skipChildren();
        }
        return !seed ? "integer 'seed'" : !features ? "'features' object" : null;
    }
}
