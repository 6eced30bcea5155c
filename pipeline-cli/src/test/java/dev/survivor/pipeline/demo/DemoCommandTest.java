package dev.survivor.pipeline.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.survivor.pipeline.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo at a reduced size (the default one is run by hand: `./pipeline demo`). Step 3 goes through the real
 * coordinator and a real worker process; Steps 5 and 6 are covered by the models tests and the full-chain case.
 */
class DemoCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void plantedSeedRanksFirstThroughTheLocalCluster() throws Exception {
        Path outDir = dir.resolve("demo");
        CliRun r = CliRun.of("demo", "--output-dir", outDir.toString(), "--seeds", "300", "--train-draws", "600",
                "--holdout-draws", "150", "--backend", "java", "--step3-only");
        assertThat(r.exitCode()).as(r.err() + r.out()).isZero();
        List<String> rows = r.outLines().stream().filter(l -> l.matches("\\s*\\d+\\s+\\d+\\s.*")).toList();
        assertThat(rows).hasSize(10);
        assertThat(rows.getFirst()).matches("\\s*1\\s+123456789012345\\s.*<- planted");
        assertThat(r.out()).contains("seeds/s").contains("Planted seed rank: 1 of 301").contains("1/1 jobs succeeded")
                .doesNotContain("Step 5");
        Path scores = outDir.resolve("survivors_with_scores.json");
        assertThat(r.out()).contains(scores.toAbsolutePath().toString());
        JsonNode all = JSON.readTree(scores.toFile());
        assertThat(all.size()).isEqualTo(301);
        assertThat(all.get(0).get("seed").asLong()).isEqualTo(123456789012345L);
        JsonNode jobs = JSON.readTree(outDir.resolve("scoring_jobs.json").toFile());
        assertThat(jobs.get(0).get("script").asText()).isEqualTo("pipeline score");
        JsonNode cluster = JSON.readTree(outDir.resolve("demo-cluster.json").toFile());
        assertThat(cluster.at("/nodes/0/env/PIPELINE_BACKEND").asText()).isEqualTo("java");
        for (String f : new String[] {"survivors.json", "train_history.json", "holdout_history.json"}) {
            assertThat(outDir.resolve(f)).exists();
        }
        assertThat(JSON.readTree(outDir.resolve("train_history.json").toFile()).size()).isEqualTo(600);
        try (var s = Files.walk(outDir)) {
            assertThat(s.filter(p -> p.getFileName().toString().matches(".*\\.(part|partial|tmp)$")).toList()).isEmpty();
        }
    }

    @Test
    void wholeChainWritesSidecarChartAndPrediction() throws Exception {
        Path outDir = dir.resolve("chain");
        CliRun r = CliRun.of("demo", "--output-dir", outDir.toString(), "--seeds", "400", "--train-draws", "400",
                "--holdout-draws", "100", "--backend", "java");
        assertThat(r.exitCode()).as(r.err() + r.out()).isZero();
        assertThat(r.out()).contains("Planted seed rank: 1 of 401").contains("Leaderboard (validation):")
                .contains("Best model: ").contains("Chart: ").contains("Step 6: ");
        JsonNode sidecar = JSON.readTree(outDir.resolve("models/best_model.meta.json").toFile());
        assertThat(sidecar.at("/feature_schema/feature_schema_hash").asText()).isNotBlank();
        // Step 5 publishes its files in a run folder named by the sidecar (docs/training.md §7)
        assertThat(outDir.resolve("models").resolve(sidecar.path("run_folder").asText()).resolve("model_comparison.png"))
                .isNotEmptyFile();
        assertThat(outDir.resolve("predictions/next_draw_prediction.json")).isNotEmptyFile();
        assertThat(r.outLines().stream().filter(l -> l.matches("\\s+\\d\\. \\w+\\s+val mse .*")).count()).isEqualTo(4);
    }
}
