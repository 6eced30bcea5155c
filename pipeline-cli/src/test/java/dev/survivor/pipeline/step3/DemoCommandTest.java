package dev.survivor.pipeline.step3;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.survivor.pipeline.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo at a reduced size (the default one is run by hand: `./pipeline demo`). */
class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void plantedSeedRanksFirst() throws Exception {
        Path outDir = dir.resolve("demo");
        CliRun r = CliRun.of("demo", "--output-dir", outDir.toString(), "--seeds", "300", "--train-draws", "600",
                "--holdout-draws", "150", "--threads", "1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> rows = r.outLines().stream().filter(l -> l.matches("\\s*\\d+\\s+\\d+\\s.*")).toList();
        assertThat(rows).hasSize(10);
        assertThat(rows.getFirst()).matches("\\s*1\\s+123456789012345\\s.*<- planted");
        assertThat(r.out()).contains("seeds/s").contains("Planted seed rank: 1 of 301");
        Path scores = outDir.resolve("scores.json");
        assertThat(r.out()).contains(scores.toAbsolutePath().toString());
        JsonNode all = new ObjectMapper().readTree(scores.toFile());
        assertThat(all.size()).isEqualTo(301);
        for (String f : new String[] {"survivors.json", "train_history.json", "holdout_history.json"}) {
            assertThat(outDir.resolve(f)).exists();
        }
        assertThat(new ObjectMapper().readTree(outDir.resolve("train_history.json").toFile()).size()).isEqualTo(600);
        try (var s = Files.list(outDir)) {
            assertThat(s.filter(p -> p.getFileName().toString().endsWith(".partial")).toList()).isEmpty();
        }
    }
}
