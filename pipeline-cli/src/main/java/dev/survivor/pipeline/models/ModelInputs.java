package dev.survivor.pipeline.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.survivor.models.api.ModelFileException;
import dev.survivor.models.sidecar.Sidecar;
import dev.survivor.models.step6.ModelBundle;
import dev.survivor.pipeline.runrecord.RunRecorder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Step 6's model inputs for its run record: the sidecar and the checkpoint it names. */
final class ModelInputs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelInputs() {
    }

    /**
     * Records the sidecar, and the checkpoint found the way Step 6 finds it (relative to the sidecar's folder,
     * confined to it). A broken sidecar is Step 6's to report; here it is only fingerprinted.
     */
    static void record(RunRecorder record, Path modelsDir) {
        Path sidecar = modelsDir.resolve(Sidecar.FILE_NAME);
        record.input("--models-dir " + Sidecar.FILE_NAME, sidecar);
        if (!Files.isRegularFile(sidecar)) {
            return;
        }
        try {
            JsonNode root = JSON.readTree(sidecar.toFile());
            String written = root == null ? null : root.path("checkpoint_path").asText(null);
            if (written == null || written.isBlank()) {
                return;
            }
            record.input("--models-dir checkpoint", ModelBundle.resolveCheckpoint(written, modelsDir, sidecar));
        } catch (IOException | InvalidPathException | ModelFileException e) {
            // Step 6 names the problem when it loads the sidecar
        }
    }
}
