package dev.survivor.common;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The Jackson setup for reading the files the pipeline exchanges: Python's json module writes
 * {@code NaN}/{@code Infinity} bare, so they are accepted on input (docs/step3-features.md §9.1), and
 * numbers may be long (unsigned 64-bit seeds, exact decimals). Writing keeps Jackson's defaults; a
 * caller that must write bare NaN says so on its own builder.
 */
public final class LenientJson {
    /** Longest number token accepted (Jackson's default is 1000). */
    public static final int MAX_NUMBER_LENGTH = 4000;
    public static final JsonFactory FACTORY = builder().build();

    private LenientJson() {
    }

    /** A factory builder with the lenient reading already set, for callers that add features. */
    public static JsonFactoryBuilder builder() {
        return new JsonFactoryBuilder()
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .streamReadConstraints(StreamReadConstraints.builder().maxNumberLength(MAX_NUMBER_LENGTH).build());
    }

    /** A new mapper over {@link #FACTORY} (one per caller, so that no caller's configuration leaks into another's). */
    public static ObjectMapper mapper() {
        return new ObjectMapper(FACTORY);
    }

    /** Like {@link #mapper()}, writing indented JSON. */
    public static ObjectMapper indented() {
        return mapper().enable(SerializationFeature.INDENT_OUTPUT);
    }
}
