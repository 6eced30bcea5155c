package dev.survivor.models.sidecar;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.survivor.models.api.Files2;
import java.nio.file.Path;

/** One mapper for the sidecar, history and prediction files: indented, NaN accepted on input. */
public final class Json {
    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    public static final ObjectMapper MAPPER = new ObjectMapper(FACTORY).enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    /** Writes {@code value} as indented JSON, atomically. */
    public static void write(Path file, Object value) {
        Files2.writeAtomically(file, tmp -> MAPPER.writeValue(tmp.toFile(), value));
    }

    /** A finite number, or null: the files we write never contain NaN. */
    public static Double num(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
