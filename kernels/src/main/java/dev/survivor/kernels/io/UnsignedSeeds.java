package dev.survivor.kernels.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;

/**
 * Reads seeds as unsigned 64-bit integers (0 .. 2^64−1) carried in a {@code long}; anything else
 * (negative, fractional, NaN, too large, not a number) is an error naming file, element and value.
 */
final class UnsignedSeeds {
    static final String RANGE = "seeds are unsigned 64-bit integers (0..18446744073709551615)";

    private UnsignedSeeds() {
    }

    /** The seed at the parser's current (scalar) token; {@code where} is e.g. "element 7". */
    static long fromToken(JsonParser p, Path file, String where) {
        JsonToken t = p.currentToken();
        try {
            if (t == JsonToken.VALUE_NUMBER_INT) {
                return checked(p.getBigIntegerValue(), file, where);
            }
        } catch (IOException e) {
            throw JsonInputs.wrap(file, e);
        }
        throw invalid(file, where, JsonInputs.text(p, file), t);
    }

    /** The seed held by a tree node (the {@code seed}/{@code candidate_seed} field of an object). */
    static long fromNode(JsonNode n, Path file, String where) {
        if (n.isIntegralNumber()) {
            return checked(n.bigIntegerValue(), file, where);
        }
        JsonToken t = n.asToken();
        throw invalid(file, where, n.isTextual() ? '"' + n.textValue() + '"' : n.toString(), t);
    }

    private static long checked(BigInteger v, Path file, String where) {
        if (v.signum() < 0) {
            throw new InputFileException(file, where + ": seed " + v + " is negative; " + RANGE);
        }
        if (v.compareTo(JsonInputs.UINT64_MAX) > 0) {
            throw new InputFileException(file, where + ": seed " + v + " is larger than 2^64-1; " + RANGE);
        }
        return v.longValue();
    }

    private static InputFileException invalid(Path file, String where, String value, JsonToken t) {
        String kind = t == JsonToken.VALUE_NUMBER_FLOAT ? "is not an integer" : "is " + JsonInputs.describe(t) + ", not an integer";
        return new InputFileException(file, where + ": seed " + value + " " + kind + "; " + RANGE);
    }
}
