package dev.survivor.models.step6;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.survivor.kernels.io.InputFileException;
import dev.survivor.models.api.ModelFileException;
import dev.survivor.models.api.ModelType;
import dev.survivor.models.sidecar.Json;
import dev.survivor.models.step5.Step5Options;
import dev.survivor.models.step5.Step5Runner;
import dev.survivor.models.synthetic.SyntheticSurvivors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Step 6 loads a model only through a sidecar it can trust (issue #13 "Step 6 sidecar"): the checkpoint's hash must
 * be there, its path is relative to the sidecar's folder and cannot leave it, and a copied folder loads its own
 * checkpoint. The survivors' holdout alignment must be the model's (docs/decisions.md S11).
 */
class ModelBundleTest {
    @TempDir
    static Path dir;
    static Path models;
    static Path survivors;
    static String checkpointPath;

    @BeforeAll
    static void trainOnce() throws Exception {
        survivors = SyntheticSurvivors.write(dir.resolve("survivors.json"), 120, 4, 0);
        models = dir.resolve("models");
        Step5Runner.run(Step5Options.builder(survivors, models).models(List.of(ModelType.XGBOOST), false).trials(1)
                .kFolds(2).build());
        checkpointPath = Json.MAPPER.readTree(models.resolve("best_model.meta.json").toFile())
                .path("checkpoint_path").asText();
    }

    @Test
    void loadsThroughTheSidecarWithARelativeCheckpointPath() {
        assertThat(checkpointPath).startsWith("runs/").endsWith("/best_model.json");
        try (ModelBundle b = ModelBundle.load(models, 2)) {
            assertThat(b.type()).isEqualTo(ModelType.XGBOOST);
            assertThat(b.checkpoint()).isEqualTo(models.toAbsolutePath().resolve(checkpointPath));
            assertThat(b.holdoutAlignment()).isEqualTo("continuation");
        }
    }

    @Test
    void aMissingChecksumIsAnError() throws Exception {
        Path m = copy("no-sha");
        edit(m, root -> root.remove("checkpoint_sha256"));
        assertThatThrownBy(() -> ModelBundle.load(m)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("missing field checkpoint_sha256");
    }

    @Test
    void anAbsoluteOrEscapingCheckpointPathIsRefused() throws Exception {
        Path outside = dir.resolve("outside.json");
        Files.copy(models.resolve(checkpointPath), outside, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path abs = copy("absolute");
        edit(abs, root -> root.put("checkpoint_path", outside.toAbsolutePath().toString()));
        assertThatThrownBy(() -> ModelBundle.load(abs)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("is absolute");
        Path up = copy("dotdot");
        edit(up, root -> root.put("checkpoint_path", "../outside.json"));
        assertThatThrownBy(() -> ModelBundle.load(up)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("leaves the models folder");
        Path hidden = copy("dotdot-inside");
        edit(hidden, root -> root.put("checkpoint_path", "runs/../../outside.json"));
        assertThatThrownBy(() -> ModelBundle.load(hidden)).hasMessageContaining("leaves the models folder");
        Path link = copy("symlink");
        Files.createSymbolicLink(link.resolve("escape.json"), outside.toAbsolutePath());
        edit(link, root -> root.put("checkpoint_path", "escape.json"));
        assertThatThrownBy(() -> ModelBundle.load(link)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("outside the models folder");
    }

    @Test
    void aCopiedFolderLoadsItsOwnCheckpoint() throws Exception {
        Path copy = copy("copied");
        // break the original after copying: the copy must not depend on it
        Path original = dir.resolve("original");
        Path orig = copyTo(original);
        Files.writeString(orig.resolve(checkpointPath), "{}");
        assertThatThrownBy(() -> ModelBundle.load(orig)).hasMessageContaining("modified or truncated");
        try (ModelBundle b = ModelBundle.load(copy)) {
            assertThat(b.checkpoint().startsWith(copy.toAbsolutePath())).isTrue();
        }
    }

    @Test
    void step6RefusesSurvivorsOfAnotherHoldoutAlignment() throws Exception {
        Path reference = dir.resolve("reference.json");
        Files.writeString(reference, Files.readString(survivors).replace("\"holdout_alignment\" : \"continuation\"",
                "\"holdout_alignment\" : \"reference\""));
        Path legacy = dir.resolve("legacy.json");
        Files.writeString(legacy, Files.readString(survivors).replaceAll(",\\s*\"holdout_alignment\" : \"continuation\"",
                ""));
        assertThat(Files.readString(legacy)).doesNotContain("holdout_alignment");
        for (Path f : List.of(reference, legacy)) {
            assertThatThrownBy(() -> Step6Runner.run(new Step6Options(models, f, null, null, 10, 20,
                    dir.resolve("pred-" + f.getFileName()), null, null, 0, s -> { })))
                    .isInstanceOf(InputFileException.class)
                    .hasMessageContaining(f.toString())
                    .hasMessageContaining("holdout alignment \"reference\" differs from the model's \"continuation\"");
            assertThat(dir.resolve("pred-" + f.getFileName())).doesNotExist();
        }
    }

    private static Path copy(String name) throws Exception {
        return copyTo(dir.resolve(name));
    }

    private static Path copyTo(Path to) throws Exception {
        try (Stream<Path> all = Files.walk(models)) {
            for (Path p : all.toList()) {
                Path t = to.resolve(models.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        return to;
    }

    private static void edit(Path modelsDir, java.util.function.Consumer<ObjectNode> change) throws Exception {
        Path f = modelsDir.resolve("best_model.meta.json");
        ObjectNode root = (ObjectNode) Json.MAPPER.readTree(f.toFile());
        change.accept(root);
        Json.write(f, root);
    }
}
