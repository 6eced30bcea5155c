package dev.survivor.kernels.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.survivor.kernels.features.ScorerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScorerConfigReaderTest {
    @TempDir
    Path dir;

    private Path file(String json) throws IOException {
        Path f = dir.resolve("config.json");
        Files.writeString(f, json);
        return f;
    }

    @Test
    void residueModsListWinsOverNumberedKeys() throws IOException {
        ScorerConfig c = ScorerConfigReader.read(file("""
                {"residue_mods": [7, 64, 997], "residue_mod_1": 17, "temporal_window_size": 60,
                 "temporal_num_windows": 4, "min_confidence_threshold": 0.2, "prng_type": "java_lcg", "mod": 1000}
                """));
        assertThat(c).isEqualTo(new ScorerConfig(new int[] {7, 64, 997}, 60, 4, 0.2));
    }

    @Test
    void shippedConfigWithNumberedKeysAndMlKeys() throws IOException {
        ScorerConfig c = ScorerConfigReader.read(file("""
                {"residue_mod_1": 17, "residue_mod_2": 150, "residue_mod_3": 1449, "max_offset": 13,
                 "temporal_window_size": 100, "temporal_num_windows": 9, "min_confidence_threshold": 0.2188928032781638,
                 "hidden_layers": "256_128_64", "dropout": 0.48, "learning_rate": 0.0001, "batch_size": 64}
                """));
        assertThat(c).isEqualTo(new ScorerConfig(new int[] {17, 150, 1449}, 100, 9, 0.2188928032781638));
    }

    @Test
    void missingKeysTakeReferenceDefaults() throws IOException {
        assertThat(ScorerConfigReader.read(file("{}"))).isEqualTo(ScorerConfig.DEFAULT);
        assertThat(ScorerConfigReader.read(file("{\"residue_mod_2\": 100, \"temporal_window_size\": 50.0}")))
                .isEqualTo(new ScorerConfig(new int[] {8, 100, 1000}, 50, 5, 0.1));
    }

    @Test
    void badValuesNameTheField() throws IOException {
        Path f = file("{\"residue_mods\": [7, 64]}");
        assertThatThrownBy(() -> ScorerConfigReader.read(f)).isInstanceOf(InputFileException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("residue_mods");
        Path g = file("{\"temporal_window_size\": \"big\"}");
        assertThatThrownBy(() -> ScorerConfigReader.read(g)).hasMessageContaining("'temporal_window_size'")
                .hasMessageContaining("\"big\"");
        Path h = file("{\"temporal_num_windows\": 2.5}");
        assertThatThrownBy(() -> ScorerConfigReader.read(h)).hasMessageContaining("temporal_num_windows");
        Path k = file("{\"min_confidence_threshold\": 2}");
        assertThatThrownBy(() -> ScorerConfigReader.read(k)).hasMessageContaining(k.toString())
                .hasMessageContaining("min_confidence_threshold");
        Path m = file("[1, 2]");
        assertThatThrownBy(() -> ScorerConfigReader.read(m)).hasMessageContaining("expected a JSON object");
        Path n = file("{\"residue_mods\": [7, 64, ");
        assertThatThrownBy(() -> ScorerConfigReader.read(n)).hasMessageContaining("malformed JSON");
        Path missing = dir.resolve("x.json");
        assertThatThrownBy(() -> ScorerConfigReader.read(missing)).hasMessage(missing + ": file not found");
    }
}
