package dev.survivor.models.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.survivor.models.synthetic.SyntheticSurvivors;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelsDemoTest {
    @TempDir
    Path dir;

    @Test
    void comparesAllFourAndRanksThePlantedSeed() throws Exception {
        Path s = SyntheticSurvivors.write(dir.resolve("survivors_with_scores.json"), 150, 9, 0);
        Path h = dir.resolve("history.json");
        Files.writeString(h, "[1, 2, 3, 4]");
        ModelsDemo.Result r = ModelsDemo.run(s, h, dir, SyntheticSurvivors.PLANTED, 1, 2, x -> { });
        assertThat(r.leaderboard()).hasSize(4).allMatch(l -> !l.contains("failed"));
        assertThat(r.chart()).isRegularFile();
        assertThat(r.prediction()).isRegularFile();
        assertThat(r.plantedRank()).isBetween(1, 150);
    }
}
