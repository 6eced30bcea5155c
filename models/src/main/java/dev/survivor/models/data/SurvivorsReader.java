package dev.survivor.models.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import dev.survivor.common.LenientJson;
import dev.survivor.kernels.io.InputFileException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams {@code survivors_with_scores.json} (a JSON array, or an object with a {@code survivors}
 * array) into a {@link SurvivorTable} in bounded memory: one token at a time, values straight into
 * float32 buffers, every other field (holdout_features, metadata …) skipped without being built.
 *
 * <p>The schema comes from the first element's {@code features} keys (docs/models.md §2.1). Unlike the
 * reference, which fills absent names with 0.0, every element must carry exactly the schema's
 * features (plus the excluded keys), and every element must have a target when one is required:
 * a row that would be silently zeroed is an error naming its element and line.
 */
public final class SurvivorsReader {
    /** Python's json writes NaN bare; Step 3 files may contain it (docs/step3-features.md §9.1). */
    private static final JsonFactory FACTORY = LenientJson.builder()
            .enable(JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS)
            .build();
    private static final String TARGET = "holdout_quality";

    /** What a caller needs: a target (Step 5), a seed (Step 6), a fixed schema to check against (Step 6). */
    public record Options(boolean requireTarget, boolean requireSeed, FeatureSchema expected) {
        public static Options training() {
            return new Options(true, false, null);
        }

        public static Options prediction(FeatureSchema expected) {
            return new Options(false, true, expected);
        }
    }

    private SurvivorsReader() {
    }

    public static SurvivorTable read(Path file, Options options) {
        try (JsonParser p = open(file)) {
            return new Run(file, p, options).read();
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            String msg = e.getOriginalMessage();
            int nl = msg == null ? -1 : msg.indexOf('\n');
            throw new InputFileException(file, "malformed JSON" + where + ": " + (nl < 0 ? msg : msg.substring(0, nl)), e);
        } catch (IOException e) {
            throw new InputFileException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    private static JsonParser open(Path file) {
        if (Files.isDirectory(file)) {
            throw new InputFileException(file, "is a directory, expected a survivors JSON file");
        }
        try {
            InputStream in = Files.newInputStream(file);
            return FACTORY.createParser(new BufferedInputStream(in, 1 << 16));
        } catch (NoSuchFileException e) {
            throw new InputFileException(file, "file not found");
        } catch (IOException e) {
            throw new InputFileException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    /** One pass over one file. */
    private static final class Run {
        private final Path file;
        private final JsonParser p;
        private final Options options;
        private final GrowableArrays.Floats x = new GrowableArrays.Floats();
        private final GrowableArrays.Floats y = new GrowableArrays.Floats();
        private final GrowableArrays.Longs seeds = new GrowableArrays.Longs();
        private final GrowableArrays.Booleans hasSeed = new GrowableArrays.Booleans();
        private FeatureSchema schema;
        private Map<String, Integer> index;
        private float[] row;
        private boolean[] seen;
        private int element;

        Run(Path file, JsonParser p, Options options) {
            this.file = file;
            this.p = p;
            this.options = options;
        }

        SurvivorTable read() throws IOException {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw fail("is empty, expected a JSON array of survivors");
            }
            if (t == JsonToken.START_OBJECT) {
                seekSurvivorsArray();
            } else if (t != JsonToken.START_ARRAY) {
                throw fail("expected a JSON array of survivors (or an object with \"survivors\"), found " + t);
            }
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) {
                    throw fail("truncated: the survivors array is not closed (after element " + element + ")");
                }
                if (t != JsonToken.START_OBJECT) {
                    throw failHere("element " + element + " is " + t + ", expected an object with \"features\"");
                }
                readElement();
                element++;
            }
            if (element == 0) {
                throw fail("contains no survivors");
            }
            float[] xs = x.toArray();
            return new SurvivorTable(file, schema,
                    new Dataset(xs, y.toArray(), element, schema.count()), seeds.toArray(), hasSeed.toArray());
        }

        private void seekSurvivorsArray() throws IOException {
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                t = p.nextToken();
                if ("survivors".equals(name)) {
                    if (t != JsonToken.START_ARRAY) {
                        throw failHere("\"survivors\" is " + t + ", expected an array");
                    }
                    return;
                }
                p.skipChildren();
            }
            throw fail("is a JSON object without a \"survivors\" array");
        }

        private void readElement() throws IOException {
            long startLine = p.currentLocation().getLineNr();
            boolean gotFeatures = false;
            boolean gotSeed = false;
            long seed = 0;
            float topTarget = Float.NaN;
            boolean haveTopTarget = false;
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                t = p.nextToken();
                switch (name) {
                    case "features" -> {
                        if (t != JsonToken.START_OBJECT) {
                            throw failHere("element " + element + " (line " + startLine + "): \"features\" is " + t
                                    + ", expected an object");
                        }
                        readFeatures(startLine);
                        gotFeatures = true;
                    }
                    case "seed" -> {
                        seed = parseSeed(t, startLine);
                        gotSeed = true;
                    }
                    case TARGET -> {
                        topTarget = number(t, "element " + element + " (line " + startLine + "): " + TARGET);
                        haveTopTarget = true;
                    }
                    default -> p.skipChildren();
                }
            }
            if (t != JsonToken.END_OBJECT) {
                throw fail("truncated inside element " + element + " (line " + startLine + ")");
            }
            if (!gotFeatures) {
                throw fail("element " + element + " (line " + startLine + ") has no \"features\" object");
            }
            if (options.requireSeed() && !gotSeed) {
                throw fail("element " + element + " (line " + startLine + ") has no \"seed\"");
            }
            // docs/models.md §2.2: features.holdout_quality first, then the top-level field
            float value = featureTargetSeen ? featureTarget : haveTopTarget ? topTarget : Float.NaN;
            if (options.requireTarget() && !featureTargetSeen && !haveTopTarget) {
                throw fail("element " + element + " (line " + startLine + ") has no \"" + TARGET
                        + "\" (the Step 5 target); run Step 3 with a holdout history");
            }
            if (options.requireTarget() && Float.isNaN(value)) {
                throw fail("element " + element + " (line " + startLine + "): \"" + TARGET + "\" is NaN");
            }
            x.addAll(row);
            y.add(value);
            seeds.add(seed);
            hasSeed.add(gotSeed);
        }

        private boolean featureTargetSeen;
        private float featureTarget;

        /** Reads one features object into {@link #row}, and features.holdout_quality if present. */
        private void readFeatures(long startLine) throws IOException {
            featureTargetSeen = false;
            List<String> keys = schema == null ? new ArrayList<>() : null;
            List<Float> values = schema == null ? new ArrayList<>() : null;
            if (schema != null) {
                java.util.Arrays.fill(seen, false);
            }
            List<String> extra = null;
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                t = p.nextToken();
                String what = "element " + element + " (line " + startLine + "): feature \"" + name + "\"";
                if (TARGET.equals(name)) {
                    featureTarget = number(t, what);
                    featureTargetSeen = true;
                    continue;
                }
                if (FeatureSchema.EXCLUDED.contains(name)) {
                    p.skipChildren();
                    continue;
                }
                float v = number(t, what);
                if (schema == null) {
                    keys.add(name);
                    values.add(v);
                    continue;
                }
                Integer i = index.get(name);
                if (i == null) {
                    if (extra == null) {
                        extra = new ArrayList<>();
                    }
                    extra.add(name);
                    continue;
                }
                row[i] = v;
                seen[i] = true;
            }
            if (t != JsonToken.END_OBJECT) {
                throw fail("truncated inside the features of element " + element + " (line " + startLine + ")");
            }
            if (schema == null) {
                adoptSchema(keys, values);
            } else {
                List<String> missing = new ArrayList<>();
                for (int i = 0; i < seen.length; i++) {
                    if (!seen[i]) {
                        missing.add(schema.names().get(i));
                    }
                }
                if (!missing.isEmpty() || extra != null) {
                    throw fail("element " + element + " (line " + startLine + ") does not have the feature set of "
                            + "the first survivor: missing " + missing + ", extra " + (extra == null ? "[]" : extra)
                            + "; every survivor must carry the same features");
                }
            }
        }

        private void adoptSchema(List<String> keys, List<Float> values) {
            if (keys.isEmpty()) {
                throw fail("element " + element + ": \"features\" has no feature values");
            }
            List<String> withExcluded = new ArrayList<>(keys);
            FeatureSchema found = FeatureSchema.fromFeatureKeys(withExcluded);
            FeatureSchema expected = options.expected();
            if (expected != null && !expected.hash().equals(found.hash())) {
                throw new SchemaMismatchException(file, expected.hash(), found.hash(),
                        expected.missingFrom(found.names()), found.missingFrom(expected.names()));
            }
            schema = expected != null ? expected : found;
            index = new HashMap<>();
            for (int i = 0; i < schema.count(); i++) {
                index.put(schema.names().get(i), i);
            }
            row = new float[schema.count()];
            seen = new boolean[schema.count()];
            for (int k = 0; k < keys.size(); k++) {
                Integer i = index.get(keys.get(k));
                if (i != null) {
                    row[i] = values.get(k);
                }
            }
        }

        private long parseSeed(JsonToken t, long startLine) throws IOException {
            if (t != JsonToken.VALUE_NUMBER_INT) {
                throw failHere("element " + element + " (line " + startLine + "): \"seed\" is " + t
                        + ", expected a non-negative integer");
            }
            try {
                return Long.parseUnsignedLong(p.getText());
            } catch (NumberFormatException e) {
                throw failHere("element " + element + " (line " + startLine + "): \"seed\" " + p.getText()
                        + " is not an unsigned 64-bit integer");
            }
        }

        /** A JSON number (NaN accepted) rounded to float32, as numpy's float32 matrix does. */
        private float number(JsonToken t, String what) throws IOException {
            if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
                return (float) p.getDoubleValue();
            }
            if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
                return t == JsonToken.VALUE_TRUE ? 1f : 0f;
            }
            throw failHere(what + " is " + (t == JsonToken.VALUE_NULL ? "null" : t.toString())
                    + ", expected a number");
        }

        private InputFileException fail(String detail) {
            return new InputFileException(file, detail);
        }

        private InputFileException failHere(String detail) {
            return new InputFileException(file, detail + " (line " + p.currentLocation().getLineNr() + ")");
        }
    }
}
