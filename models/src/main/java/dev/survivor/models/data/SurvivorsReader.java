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
 * array) or an {@code anchors.json} into a {@link SurvivorTable} in bounded memory: one token at a
 * time, values straight into float32 buffers, every other field (holdout_features …) skipped without
 * being built.
 *
 * <p>The schema comes from the first element's {@code features} keys (docs/models.md §2.1). Unlike the
 * reference, which fills absent names with 0.0, every element must carry exactly the schema's
 * features (plus the excluded keys), and every element must have a target when one is required:
 * a row that would be silently zeroed is an error naming its element and line. Every element's
 * {@code metadata.holdout_alignment} must be the same (absent counts as {@code reference},
 * docs/decisions.md S11); infinite feature values are refused (Step 3 never writes them, docs/decisions.md S4).
 * Anchor rows ({@code anchor_id}, no seed) are accepted only where anchors are expected
 * (docs/training.md §2).
 */
public final class SurvivorsReader {
    /** Python's json writes NaN bare; Step 3 files may contain it (docs/step3-features.md §9.1). */
    private static final JsonFactory FACTORY = LenientJson.builder()
            .enable(JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS)
            .build();
    private static final String TARGET = "holdout_quality";
    /** The alignment of a record written before the field existed (TEAM interface, docs/decisions.md S11). */
    public static final String LEGACY_ALIGNMENT = "reference";
    public static final List<String> ALIGNMENTS = List.of("continuation", "reference");

    /** Which file this is: Step 5's survivors, Step 5's anchors, or Step 6's survivors. */
    public enum Kind { TRAINING, ANCHORS, PREDICTION }

    /**
     * What a caller needs: a target (Step 5), a seed (Step 6), a fixed schema to check against (Step 6,
     * and anchors, which must match the survivors they join).
     */
    public record Options(Kind kind, FeatureSchema expected) {
        public static Options training() {
            return new Options(Kind.TRAINING, null);
        }

        public static Options anchors(FeatureSchema expected) {
            return new Options(Kind.ANCHORS, expected);
        }

        public static Options prediction(FeatureSchema expected) {
            return new Options(Kind.PREDICTION, expected);
        }

        boolean requireTarget() {
            return kind != Kind.PREDICTION;
        }

        boolean requireSeed() {
            return kind == Kind.PREDICTION;
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
        private final GrowableArrays.Floats anchorNoise = new GrowableArrays.Floats();
        private String alignment;
        private long firstNan = -1;
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
                    new Dataset(xs, y.toArray(), element, schema.count()), seeds.toArray(), hasSeed.toArray(),
                    alignment, options.kind() == Kind.ANCHORS ? anchorNoise.toArray() : null, firstNan);
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
            String anchorId = null;
            float noise = Float.NaN;
            elementAlignment = null;
            elementPrng = null;
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
                    case "metadata" -> readMetadata(t, startLine);
                    case "anchor_id" -> {
                        anchorId = p.getText();
                        p.skipChildren();
                    }
                    case "anchor_noise" -> noise = number(t, "element " + element + " (line " + startLine
                            + "): anchor_noise");
                    default -> p.skipChildren();
                }
            }
            if (t != JsonToken.END_OBJECT) {
                throw fail("truncated inside element " + element + " (line " + startLine + ")");
            }
            if (!gotFeatures) {
                throw fail("element " + element + " (line " + startLine + ") has no \"features\" object");
            }
            checkKind(startLine, gotSeed, anchorId, noise);
            checkAlignment(startLine);
            // docs/models.md §2.2: features.holdout_quality first, then the top-level field
            float value = featureTargetSeen ? featureTarget : haveTopTarget ? topTarget : Float.NaN;
            if (options.requireTarget() && !featureTargetSeen && !haveTopTarget) {
                throw fail("element " + element + " (line " + startLine + ") has no \"" + TARGET
                        + "\" field (the Step 5 target, one of the holdout fields); run Step 3 with a holdout history");
            }
            if (options.requireTarget() && Float.isNaN(value)) {
                throw fail("element " + element + " (line " + startLine + "): \"" + TARGET + "\" is NaN");
            }
            x.addAll(row);
            y.add(value);
            seeds.add(seed);
            hasSeed.add(gotSeed);
            anchorNoise.add(noise);
        }

        private String elementAlignment;
        private String elementPrng;

        /** Reads metadata.holdout_alignment and metadata.prng_type; everything else is Step 3's business. */
        private void readMetadata(JsonToken t, long startLine) throws IOException {
            if (t != JsonToken.START_OBJECT) {
                p.skipChildren();
                return;
            }
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                t = p.nextToken();
                if ("holdout_alignment".equals(name) || "prng_type".equals(name)) {
                    if (t != JsonToken.VALUE_STRING) {
                        throw failHere("element " + element + " (line " + startLine + "): metadata." + name + " is "
                                + t + ", expected a string");
                    }
                    if ("holdout_alignment".equals(name)) {
                        elementAlignment = p.getText();
                    } else {
                        elementPrng = p.getText();
                    }
                } else {
                    p.skipChildren();
                }
            }
        }

        /** Survivors have seeds and are not anchors; anchors have a noise level and no seed. */
        private void checkKind(long startLine, boolean gotSeed, String anchorId, float noise) {
            String where = "element " + element + " (line " + startLine + ")";
            boolean anchor = anchorId != null || "anchor".equals(elementPrng);
            if (options.kind() == Kind.ANCHORS) {
                if (gotSeed || !anchor) {
                    throw fail(where + " is not an anchor row (" + (gotSeed ? "it has a \"seed\"" : "no \"anchor_id\"")
                            + "); an anchors file holds only synthetic rows written by `pipeline anchors`");
                }
                if (Float.isNaN(noise) || noise < 0 || noise > 1) {
                    throw fail(where + ": anchor_noise must be a number in [0, 1], found " + noise);
                }
                return;
            }
            if (anchor) {
                throw fail(where + " is an anchor row (anchor_id " + anchorId + "); anchors are training-only rows: "
                        + "pass them to Step 5 with --anchors, never as survivors");
            }
            if (options.requireSeed() && !gotSeed) {
                throw fail(where + " has no \"seed\"");
            }
        }

        /** One file, one alignment (TEAM interface "Holdout alignment"). */
        private void checkAlignment(long startLine) {
            String a = elementAlignment == null ? LEGACY_ALIGNMENT : elementAlignment;
            if (!ALIGNMENTS.contains(a)) {
                throw fail("element " + element + " (line " + startLine + "): metadata.holdout_alignment \"" + a
                        + "\" is not one of " + ALIGNMENTS);
            }
            if (alignment == null) {
                alignment = a;
                firstAlignmentNote = elementAlignment == null ? " (no metadata.holdout_alignment: counts as \""
                        + LEGACY_ALIGNMENT + "\")" : "";
            } else if (!alignment.equals(a)) {
                throw fail("mixes holdout alignments: element 0 is \"" + alignment + "\"" + firstAlignmentNote
                        + " but element " + element + " (line " + startLine + ") is \"" + a + "\""
                        + (elementAlignment == null ? " (no metadata.holdout_alignment: counts as \""
                        + LEGACY_ALIGNMENT + "\")" : "")
                        + "; every record of one file must come from Step 3 runs with the same --holdout-alignment");
            }
        }

        private String firstAlignmentNote = "";

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
                if (firstNan < 0 && Float.isNaN(v)) {
                    firstNan = (long) element * schema.count() + i;
                }
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
                    if (firstNan < 0 && Float.isNaN(row[i])) {
                        firstNan = (long) element * schema.count() + i;
                    }
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

        /** A JSON number (NaN accepted, ±Infinity refused) rounded to float32, as numpy's float32 matrix does. */
        private float number(JsonToken t, String what) throws IOException {
            if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
                double v = p.getDoubleValue();
                if (Double.isInfinite(v)) {
                    throw failHere(what + " is " + (v > 0 ? "Infinity" : "-Infinity")
                            + "; Step 3 never writes infinite values (DECISIONS S4)");
                }
                return (float) v;
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
