package dev.survivor.kernels.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.survivor.common.LenientJson;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Shared plumbing of the JSON readers: one lenient factory, file opening and error wording. */
final class JsonInputs {
    /** Python's json module writes NaN/Infinity bare; accept them on input (docs/step3-features.md §9.1). */
    static final JsonFactory FACTORY = LenientJson.FACTORY;
    static final ObjectMapper MAPPER = LenientJson.mapper();
    static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private JsonInputs() {
    }

    /** Opens a parser on {@code file}, turning "missing" and "not a file" into clear errors. */
    static JsonParser open(Path file) {
        if (Files.isDirectory(file)) {
            throw new InputFileException(file, "is a directory, expected a JSON file");
        }
        try {
            InputStream in = Files.newInputStream(file);
            return FACTORY.createParser(new java.io.BufferedInputStream(in, 1 << 16));
        } catch (NoSuchFileException e) {
            throw new InputFileException(file, "file not found");
        } catch (IOException e) {
            throw new InputFileException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    /** Advances to the next token, mapping parse and I/O failures to {@link InputFileException}. */
    static JsonToken next(JsonParser p, Path file) {
        try {
            return p.nextToken();
        } catch (IOException e) {
            throw wrap(file, e);
        }
    }

    /** Reads the first token and checks that the document is an array. */
    static void expectArray(JsonParser p, Path file, String what) {
        JsonToken t = next(p, file);
        if (t == null) {
            throw new InputFileException(file, "is empty, expected a JSON array of " + what);
        }
        if (t != JsonToken.START_ARRAY) {
            throw new InputFileException(file, "expected a JSON array of " + what + ", found " + describe(t));
        }
    }

    static InputFileException wrap(Path file, IOException e) {
        if (e instanceof JsonProcessingException jpe) {
            JsonLocation loc = jpe.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            String msg = jpe.getOriginalMessage();
            int nl = msg == null ? -1 : msg.indexOf('\n');
            return new InputFileException(file, "malformed JSON" + where + ": " + (nl < 0 ? msg : msg.substring(0, nl)), e);
        }
        return new InputFileException(file, "cannot read: " + e.getMessage(), e);
    }

    /** A short human description of the value at a token, for messages. */
    static String describe(JsonToken t) {
        if (t == null) {
            return "end of file";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT -> "an integer";
            case VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.toString();
        };
    }

    /** The current scalar's text for an error message (numbers and strings as written). */
    static String text(JsonParser p, Path file) {
        try {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_STRING) {
                return '"' + p.getText() + '"';
            }
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                return describe(t);
            }
            return p.getText();
        } catch (IOException e) {
            throw wrap(file, e);
        }
    }

    static void close(JsonParser p) {
        try {
            p.close();
        } catch (IOException ignored) {
            // closing a read-only parser: nothing to recover
        }
    }
}
