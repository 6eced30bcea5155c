package dev.survivor.models.sidecar;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.survivor.common.AtomicFiles;
import dev.survivor.common.LenientJson;
import java.nio.file.Path;

/** One mapper for the sidecar, history and prediction files: indented, NaN accepted on input. */
public final class Json {
    public static final ObjectMapper MAPPER = LenientJson.indented();

    private Json() {
    }

    /** Writes {@code value} as indented JSON, atomically. */
    public static void write(Path file, Object value) {
        AtomicFiles.write(file, out -> MAPPER.writeValue(out, value));
    }

    /** A finite number, or null: the files we write never contain NaN. */
    public static Double num(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
