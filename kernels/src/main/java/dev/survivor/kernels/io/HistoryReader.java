package dev.survivor.kernels.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a draw history (docs/step3-features.md §10.3): an array of integers, or of objects whose draw
 * is under the first of {@code draw}, {@code number}, {@code value}, {@code result} present in
 * element 0 (that key is then required in every row). Every draw must be an integer in 0..mod−1.
 */
public final class HistoryReader {
    /** Keys tried, in order, on the first object row. */
    public static final List<String> DRAW_KEYS = List.of("draw", "number", "value", "result");

    private HistoryReader() {
    }

    /** The draws of {@code file}; never empty. */
    public static int[] read(Path file, int mod) {
        if (mod < 1) {
            throw new IllegalArgumentException("mod must be >= 1, got " + mod);
        }
        JsonParser p = JsonInputs.open(file);
        try {
            JsonInputs.expectArray(p, file, "draws");
            int[] draws = new int[1024];
            int n = 0;
            String key = null;
            for (JsonToken t = JsonInputs.next(p, file); t != JsonToken.END_ARRAY; t = JsonInputs.next(p, file)) {
                if (t == null) {
                    throw new InputFileException(file, "malformed JSON: the array is not closed (file truncated?)");
                }
                String where = "element " + n;
                BigInteger value;
                if (t == JsonToken.START_OBJECT) {
                    if (n > 0 && key == null) {
                        throw new InputFileException(file, where + ": expected an integer draw like element 0, found an object");
                    }
                    JsonNode row = tree(p, file);
                    if (key == null) {
                        key = drawKey(row, file);
                    }
                    JsonNode v = row.get(key);
                    if (v == null) {
                        throw new InputFileException(file, where + ": object has no '" + key + "' field (element 0 uses '"
                                + key + "')");
                    }
                    value = integer(v, file, where + " field '" + key + "'");
                } else {
                    if (key != null) {
                        throw new InputFileException(file, where + ": expected an object with '" + key
                                + "' like element 0, found " + JsonInputs.describe(t));
                    }
                    value = integer(p, file, where);
                }
                if (value.signum() < 0 || value.compareTo(BigInteger.valueOf(mod)) >= 0) {
                    throw new InputFileException(file, where + ": draw " + value + " is outside 0.." + (mod - 1)
                            + " (mod " + mod + ")");
                }
                if (n == draws.length) {
                    draws = Arrays.copyOf(draws, n * 2);
                }
                draws[n++] = value.intValue();
            }
            if (JsonInputs.next(p, file) != null) {
                throw new InputFileException(file, "malformed JSON: unexpected content after the closing ']'");
            }
            if (n == 0) {
                throw new InputFileException(file, "history is empty; expected at least one draw");
            }
            return Arrays.copyOf(draws, n);
        } finally {
            JsonInputs.close(p);
        }
    }

    private static JsonNode tree(JsonParser p, Path file) {
        try {
            return JsonInputs.MAPPER.readTree(p);
        } catch (IOException e) {
            throw JsonInputs.wrap(file, e);
        }
    }

    private static String drawKey(JsonNode row, Path file) {
        for (String k : DRAW_KEYS) {
            if (row.has(k)) {
                return k;
            }
        }
        List<String> found = new ArrayList<>();
        row.fieldNames().forEachRemaining(found::add);
        throw new InputFileException(file, "element 0: object has none of the draw fields " + DRAW_KEYS
                + " (found " + found + ")");
    }

    private static BigInteger integer(JsonParser p, Path file, String where) {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT) {
            try {
                return p.getBigIntegerValue();
            } catch (IOException e) {
                throw JsonInputs.wrap(file, e);
            }
        }
        if (t == JsonToken.START_ARRAY) {
            try {
                p.skipChildren();
            } catch (IOException e) {
                throw JsonInputs.wrap(file, e);
            }
        }
        throw notInteger(file, where, JsonInputs.text(p, file), t);
    }

    private static BigInteger integer(JsonNode v, Path file, String where) {
        if (v.isIntegralNumber()) {
            return v.bigIntegerValue();
        }
        String text = v.isTextual() ? '"' + v.textValue() + '"' : v.isContainerNode() ? JsonInputs.describe(v.asToken()) : v.toString();
        throw notInteger(file, where, text, v.asToken());
    }

    private static InputFileException notInteger(Path file, String where, String text, JsonToken t) {
        String kind = t == JsonToken.VALUE_NUMBER_FLOAT ? "is not an integer" : "is " + JsonInputs.describe(t) + ", not an integer";
        return new InputFileException(file, where + ": draw " + text + " " + kind);
    }
}
