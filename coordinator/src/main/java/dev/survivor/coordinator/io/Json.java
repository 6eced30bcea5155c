package dev.survivor.coordinator.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.survivor.common.LenientJson;

/**
 * The coordinator's Jackson setup: reads like {@link LenientJson} and also writes the bare {@code NaN}
 * token the reference workers emit (docs/step3-features.md §9.1), pretty-printed with indent 2.
 */
public final class Json {
    public static final JsonFactory FACTORY = LenientJson.builder()
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .build();
    public static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();
    /** For chunk files: one line, like the reference's converter. */
    public static final ObjectMapper COMPACT = JsonMapper.builder(FACTORY).build();

    private Json() {
    }
}
