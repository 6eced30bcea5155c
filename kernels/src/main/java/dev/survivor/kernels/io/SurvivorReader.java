package dev.survivor.kernels.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams a survivors JSON file (docs/step3-features.md §10.1/§10.2): an array of integers, or of
 * objects with {@code seed} (or {@code candidate_seed}) and optional metadata. Only one element is
 * held in memory at a time, so files of hundreds of megabytes read in constant space.
 */
public final class SurvivorReader implements SurvivorSource {
    private final Path file;
    private final JsonParser parser;
    private long index;
    private boolean done;

    private SurvivorReader(Path file, JsonParser parser) {
        this.file = file;
        this.parser = parser;
    }

    /** Opens {@code file} and checks that it holds a JSON array. */
    public static SurvivorReader open(Path file) {
        JsonParser p = JsonInputs.open(file);
        try {
            JsonInputs.expectArray(p, file, "seeds or survivor objects");
        } catch (RuntimeException e) {
            JsonInputs.close(p);
            throw e;
        }
        return new SurvivorReader(file, p);
    }

    /** Counts the elements of the array without building survivors (syntax is still checked). */
    public static long count(Path file) {
        try (SurvivorReader r = open(file)) {
            long n = 0;
            try {
                for (JsonToken t = JsonInputs.next(r.parser, file); t != JsonToken.END_ARRAY; t = JsonInputs.next(r.parser, file)) {
                    if (t == null) {
                        throw new InputFileException(file, "malformed JSON: the array is not closed (file truncated?)");
                    }
                    r.parser.skipChildren();
                    n++;
                }
                r.trailing();
            } catch (IOException e) {
                throw JsonInputs.wrap(file, e);
            }
            return n;
        }
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public List<Survivor> nextBatch(int max) {
        List<Survivor> batch = new ArrayList<>(Math.min(max, 4096));
        while (!done && batch.size() < max) {
            JsonToken t = JsonInputs.next(parser, file);
            if (t == JsonToken.END_ARRAY) {
                done = true;
                trailing();
                break;
            }
            if (t == null) {
                throw new InputFileException(file, "malformed JSON: the array is not closed (file truncated?)");
            }
            batch.add(element(t));
            index++;
        }
        return batch;
    }

    private Survivor element(JsonToken t) {
        String where = "element " + index;
        if (t == JsonToken.START_OBJECT) {
            JsonNode node;
            try {
                node = JsonInputs.MAPPER.readTree(parser);
            } catch (IOException e) {
                throw JsonInputs.wrap(file, e);
            }
            return fromObject((ObjectNode) node, where);
        }
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_STRING) {
            return Survivor.of(UnsignedSeeds.fromToken(parser, file, where));
        }
        throw new InputFileException(file, where + ": expected a seed (unsigned integer) or a survivor object, found "
                + JsonInputs.describe(t));
    }

    private Survivor fromObject(ObjectNode record, String where) {
        JsonNode seedNode = record.get("seed");
        String key = "seed";
        if (seedNode == null || seedNode.isNull()) {
            seedNode = record.get("candidate_seed");
            key = "candidate_seed";
        }
        if (seedNode == null || seedNode.isNull()) {
            throw new InputFileException(file, where + ": survivor object has no 'seed' or 'candidate_seed' field");
        }
        long seed = UnsignedSeeds.fromNode(seedNode, file, where + " field '" + key + "'");
        try {
            return SurvivorMapping.fromRecord(seed, record);
        } catch (IllegalArgumentException e) {
            throw new InputFileException(file, where + ": " + e.getMessage(), e);
        }
    }

    /** After the closing bracket only whitespace may follow. */
    private void trailing() {
        JsonToken t = JsonInputs.next(parser, file);
        if (t != null) {
            throw new InputFileException(file, "malformed JSON: unexpected " + JsonInputs.describe(t)
                    + " after the closing ']' at line " + parser.currentLocation().getLineNr());
        }
    }

    @Override
    public void close() {
        JsonInputs.close(parser);
    }
}
