package dev.survivor.models.step6;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.survivor.common.Sha256;
import dev.survivor.models.api.ModelFamilies;
import dev.survivor.models.api.ModelFileException;
import dev.survivor.models.api.ModelType;
import dev.survivor.models.api.Regressor;
import dev.survivor.models.data.FeatureSchema;
import dev.survivor.models.sidecar.Json;
import dev.survivor.models.sidecar.Sidecar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A model loaded the only way Step 6 may load one: through its sidecar. The type comes from
 * {@code model_type} (never the file extension), the sidecar is checked for internal consistency
 * (format matches type, names hash to the stored hash, checkpoint bytes match the stored SHA-256, which
 * must be present), the checkpoint path is relative to the sidecar's folder and may not leave the models
 * folder (so a copied folder loads its own checkpoint, and an edited sidecar cannot open other files), and
 * anything missing or inconsistent is an error naming the file.
 *
 * @param model            null when the signal gate blocks prediction ({@link #predictionAllowed} false)
 * @param holdoutAlignment the alignment of the survivors the model learned from (data_context; absent means
 *                         {@code reference}, docs/decisions.md S11)
 */
public record ModelBundle(Path sidecarFile, JsonNode sidecar, ModelType type, Path checkpoint, FeatureSchema schema,
        Regressor model, boolean predictionAllowed, String parentRunId, String holdoutAlignment)
        implements AutoCloseable {

    public static ModelBundle load(Path modelsDir) {
        return load(modelsDir, 1);
    }

    /** Loads the model named by {@code modelsDir/best_model.meta.json}; predictions use {@code threads} threads. */
    public static ModelBundle load(Path modelsDir, int threads) {
        Path file = modelsDir.resolve(Sidecar.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new ModelFileException(file, "model sidecar not found; run `pipeline step5` with --output-dir "
                    + modelsDir + " first");
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new ModelFileException(file, "corrupt sidecar: malformed JSON"
                    + (loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr()) + ": "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ModelFileException(file, "cannot read sidecar: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ModelFileException(file, "corrupt sidecar: expected a JSON object");
        }
        String version = text(root, "schema_version", file, true);
        if (!version.startsWith(Sidecar.SUPPORTED_PREFIX)) {
            throw new ModelFileException(file, "sidecar schema_version " + version + " is not supported; this build "
                    + "reads " + Sidecar.SUPPORTED_PREFIX + "x (written by " + Sidecar.SCHEMA_VERSION + ")");
        }
        FeatureSchema schema = schema(root, file);
        String parentRunId = root.path("agent_metadata").path("run_id").asText(null);
        String alignment = alignment(root, file);
        JsonNode allowed = root.path("signal_quality").path("prediction_allowed");
        if (allowed.isBoolean() && !allowed.booleanValue()) {
            return new ModelBundle(file, root, null, null, schema, null, false, parentRunId, alignment);
        }
        String typeName = text(root, "model_type", file, true);
        ModelType type;
        try {
            type = ModelType.parse(typeName);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file, "field model_type: " + e.getMessage());
        }
        String format = text(root, "checkpoint_format", file, true);
        if (!format.equals(type.checkpointFormat())) {
            throw new ModelFileException(file, "checkpoint_format '" + format + "' does not belong to model_type "
                    + type.id() + " (expected '" + type.checkpointFormat() + "')");
        }
        Path checkpoint = resolveCheckpoint(text(root, "checkpoint_path", file, true), modelsDir, file);
        String sha = text(root, "checkpoint_sha256", file, false);
        if (sha == null) {
            throw new ModelFileException(file, "missing field checkpoint_sha256: the checkpoint cannot be verified "
                    + "(Step 5 always writes it; was the sidecar edited?)");
        }
        String actual = Sha256.of(checkpoint);
        if (!actual.equalsIgnoreCase(sha)) {
            throw new ModelFileException(checkpoint, "checkpoint does not match the sidecar's checkpoint_sha256 "
                    + "(expected " + sha + ", found " + actual + "): it was modified or truncated after Step 5");
        }
        Regressor model = ModelFamilies.of(type).load(checkpoint, schema.count(), threads);
        return new ModelBundle(file, root, type, checkpoint, schema, model, true, parentRunId, alignment);
    }

    /**
     * {@code checkpoint_path} is relative to the sidecar's folder and stays inside the models folder: an absolute
     * path, a {@code ..} that climbs out, or a symbolic link that leads out is refused.
     */
    public static Path resolveCheckpoint(String written, Path modelsDir, Path sidecar) {
        Path rel;
        try {
            rel = Path.of(written);
        } catch (java.nio.file.InvalidPathException e) {
            throw new ModelFileException(sidecar, "checkpoint_path '" + written + "' is not a path");
        }
        if (rel.isAbsolute() || written.startsWith("/") || written.startsWith("\\")) {
            throw new ModelFileException(sidecar, "checkpoint_path " + written + " is absolute; it must be relative to "
                    + "the sidecar's folder (a models folder must be movable)");
        }
        Path root = modelsDir.toAbsolutePath().normalize();
        Path p = root.resolve(rel).normalize();
        if (!p.startsWith(root) || p.equals(root)) {
            throw new ModelFileException(sidecar, "checkpoint_path " + written + " leaves the models folder " + root);
        }
        if (!Files.isRegularFile(p)) {
            throw new ModelFileException(sidecar, "checkpoint_path " + written + " not found (" + p + ")");
        }
        try {
            Path realRoot = root.toRealPath();
            if (!p.toRealPath().startsWith(realRoot)) {
                throw new ModelFileException(sidecar, "checkpoint_path " + written + " resolves to " + p.toRealPath()
                        + ", outside the models folder " + realRoot);
            }
        } catch (IOException e) {
            throw new ModelFileException(sidecar, "cannot resolve checkpoint_path " + written + ": " + e.getMessage(), e);
        }
        return p;
    }

    private static String alignment(JsonNode root, Path file) {
        JsonNode a = root.path("data_context").path("holdout_alignment");
        if (a.isMissingNode() || a.isNull()) {
            return dev.survivor.models.data.SurvivorsReader.LEGACY_ALIGNMENT;
        }
        if (!a.isTextual() || !dev.survivor.models.data.SurvivorsReader.ALIGNMENTS.contains(a.asText())) {
            throw new ModelFileException(file, "data_context.holdout_alignment " + a + " is not one of "
                    + dev.survivor.models.data.SurvivorsReader.ALIGNMENTS);
        }
        return a.asText();
    }

    private static FeatureSchema schema(JsonNode root, Path file) {
        JsonNode fs = root.get("feature_schema");
        if (fs == null || !fs.isObject()) {
            throw new ModelFileException(file, "missing feature_schema object");
        }
        JsonNode namesNode = fs.path("per_seed_feature_names").isArray() ? fs.get("per_seed_feature_names")
                : fs.get("feature_names");
        if (namesNode == null || !namesNode.isArray() || namesNode.isEmpty()) {
            throw new ModelFileException(file, "feature_schema.feature_names is missing or empty");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode n : namesNode) {
            if (!n.isTextual()) {
                throw new ModelFileException(file, "feature_schema.feature_names holds a non-string: " + n);
            }
            names.add(n.asText());
        }
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(String::compareTo);
        if (!sorted.equals(names)) {
            throw new ModelFileException(file, "feature_schema.feature_names is not in lexicographic order");
        }
        JsonNode count = fs.get("feature_count");
        if (count != null && count.asInt(-1) != names.size()) {
            throw new ModelFileException(file, "feature_schema.feature_count " + count + " but " + names.size()
                    + " feature_names");
        }
        String stored = fs.path("feature_schema_hash").asText(null);
        if (stored == null) {
            throw new ModelFileException(file, "feature_schema.feature_schema_hash is missing");
        }
        String computed = FeatureSchema.hashOf(names);
        if (!computed.equals(stored)) {
            throw new ModelFileException(file, "sidecar is inconsistent: feature_schema_hash " + stored
                    + " but its feature_names hash to " + computed + " (edited or corrupted sidecar)");
        }
        return new FeatureSchema(names, stored);
    }

    private static String text(JsonNode root, String field, Path file, boolean required) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                throw new ModelFileException(file, "missing field " + field);
            }
            return null;
        }
        if (!n.isTextual()) {
            throw new ModelFileException(file, "field " + field + " must be a string, found " + n);
        }
        return n.asText();
    }

    @Override
    public void close() {
        if (model != null) {
            model.close();
        }
    }
}
