package dev.survivor.coordinator.jobs;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.survivor.coordinator.io.Json;
import dev.survivor.kernels.features.FeatureCatalogue;
import dev.survivor.kernels.io.Survivor;
import dev.survivor.kernels.io.SurvivorSource;
import dev.survivor.kernels.io.SurvivorSources;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Streams survivor records for chunking, one object at a time (files of 800 MB+ never load whole).
 * JSON: objects pass through unchanged except {@code candidate_seed} → {@code seed}; bare ints become
 * {@code {"seed": n}} (docs/step3-features.md §10.2). NPZ: read by the kernels reader; each record carries
 * the seed, the 18 metadata fields Step 3 uses and the holdout skip as {@code skip_best}.
 */
public abstract class SurvivorRecords implements AutoCloseable {
    static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    /** Next record, or null at the end. */
    public abstract ObjectNode next();

    @Override
    public abstract void close();

    public static SurvivorRecords open(Path file) {
        if (isZip(file)) {
            return new Npz(file);
        }
        return new JsonArray(file);
    }

    /** Number of survivors (a cheap pass: NPZ header, or a JSON scan that skips element bodies). */
    public static long count(Path file) {
        if (isZip(file)) {
            return SurvivorSources.count(file);
        }
        try (JsonArray a = new JsonArray(file)) {
            long n = 0;
            while (a.skip()) {
                n++;
            }
            return n;
        }
    }

    private static boolean isZip(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] h = in.readNBytes(2);
            return h.length == 2 && h[0] == 'P' && h[1] == 'K';
        } catch (NoSuchFileException e) {
            throw new JobsFileException(file + ": survivors file not found");
        } catch (IOException e) {
            throw new JobsFileException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static final class JsonArray extends SurvivorRecords {
        private final Path file;
        private final JsonParser p;
        private long index;

        JsonArray(Path file) {
            this.file = file;
            try {
                p = Json.FACTORY.createParser(file.toFile());
                p.setCodec(Json.MAPPER);
                if (p.nextToken() != JsonToken.START_ARRAY) {
                    p.close();
                    throw new JobsFileException(file + ": expected a JSON array of survivors at the top level");
                }
            } catch (IOException e) {
                throw new JobsFileException(file + ": " + e.getMessage(), e);
            }
        }

        /** Advances over one element; false at the end of the array. */
        boolean skip() {
            JsonToken t = token();
            if (t == JsonToken.END_ARRAY) {
                return false;
            }
            try {
                p.skipChildren();
            } catch (IOException e) {
                throw bad(e);
            }
            index++;
            return true;
        }

        @Override
        public ObjectNode next() {
            JsonToken t = token();
            if (t == JsonToken.END_ARRAY) {
                return null;
            }
            String where = file + ": element " + index;
            index++;
            try {
                if (t == JsonToken.VALUE_NUMBER_INT) {
                    ObjectNode o = JsonNodeFactory.instance.objectNode();
                    o.put("seed", checkedSeed(p.getBigIntegerValue(), where));
                    return o;
                }
                if (t != JsonToken.START_OBJECT) {
                    throw new JobsFileException(where + ": expected a seed or a survivor object, found " + t);
                }
                ObjectNode o = p.readValueAsTree();
                JsonNode seed = o.get("seed");
                if (seed == null || seed.isNull()) {
                    seed = o.remove("candidate_seed");
                    if (seed == null || seed.isNull()) {
                        throw new JobsFileException(where + ": survivor object has no 'seed' or 'candidate_seed'");
                    }
                    ObjectNode withSeed = JsonNodeFactory.instance.objectNode();
                    withSeed.set("seed", seed);
                    withSeed.setAll(o);
                    o = withSeed;
                }
                if (!seed.isIntegralNumber()) {
                    throw new JobsFileException(where + ": seed " + seed + " is not an unsigned integer");
                }
                checkedSeed(seed.bigIntegerValue(), where);
                return o;
            } catch (IOException e) {
                throw bad(e);
            }
        }

        private JsonToken token() {
            try {
                JsonToken t = p.nextToken();
                if (t == null) {
                    throw new JobsFileException(file + ": malformed JSON: the array is not closed (file truncated?)");
                }
                return t;
            } catch (IOException e) {
                throw bad(e);
            }
        }

        private JobsFileException bad(IOException e) {
            return new JobsFileException(file + ": malformed JSON near element " + index + ": " + e.getMessage(), e);
        }

        @Override
        public void close() {
            try {
                p.close();
            } catch (IOException ignored) {
                // read-only
            }
        }
    }

    static BigInteger checkedSeed(BigInteger v, String where) {
        if (v.signum() < 0 || v.compareTo(UINT64_MAX) > 0) {
            throw new JobsFileException(where + ": seed " + v + " is outside 0..2^64-1");
        }
        return v;
    }

    private static final class Npz extends SurvivorRecords {
        private final SurvivorSource source;
        private final Deque<Survivor> buffer = new ArrayDeque<>();
        private final List<String> names = FeatureCatalogue.METADATA;

        Npz(Path file) {
            try {
                source = SurvivorSources.open(file);
            } catch (RuntimeException e) {
                throw new JobsFileException(e.getMessage(), e);
            }
        }

        @Override
        public ObjectNode next() {
            if (buffer.isEmpty()) {
                try {
                    buffer.addAll(source.nextBatch(4096));
                } catch (RuntimeException e) {
                    throw new JobsFileException(e.getMessage(), e);
                }
                if (buffer.isEmpty()) {
                    return null;
                }
            }
            Survivor s = buffer.removeFirst();
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("seed", new BigInteger(Long.toUnsignedString(s.seed())));
            double[] m = s.metadata();
            for (int i = 0; i < m.length; i++) {
                double v = m[i];
                if (v == Math.rint(v) && Math.abs(v) < 0x1p53) {
                    o.put(names.get(i), (long) v);
                } else {
                    o.put(names.get(i), v);
                }
            }
            o.put("skip_best", s.holdoutSkip());
            return o;
        }

        @Override
        public void close() {
            source.close();
        }
    }
}
