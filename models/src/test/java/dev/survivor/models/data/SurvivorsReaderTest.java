package dev.survivor.models.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.survivor.kernels.io.InputFileException;
import dev.survivor.models.synthetic.SyntheticSurvivors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SurvivorsReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsStep3ShapedFileWithNanTokens() throws Exception {
        Path f = SyntheticSurvivors.write(dir.resolve("s.json"), 30, 1, 5);
        assertThat(Files.readString(f)).contains(": NaN");
        SurvivorTable t = SurvivorsReader.read(f, SurvivorsReader.Options.training());
        assertThat(t.rows()).isEqualTo(30);
        assertThat(t.schema().hash()).isEqualTo("7733d30a913545ca");
        int col = t.schema().names().indexOf("batt_ac_decay_rate");
        assertThat(Float.isNaN(t.data().get(1, col))).isTrue();
        assertThat(Float.isNaN(t.data().get(0, col))).isFalse();
        assertThat(t.data().y()[0]).isEqualTo(1.2f);
        assertThat(t.seeds()[0]).isEqualTo(SyntheticSurvivors.PLANTED);
    }

    @Test
    void acceptsObjectWithSurvivorsArrayAndFeatureLevelTarget() throws Exception {
        Path f = dir.resolve("o.json");
        Files.writeString(f, """
                {"meta": {"x": [1, 2]}, "survivors": [
                  {"seed": 18446744073709551615, "features": {"b": 2.5, "a": 1, "score": 9, "holdout_quality": 0.25},
                   "holdout_quality": 0.9}
                ]}""");
        SurvivorTable t = SurvivorsReader.read(f, SurvivorsReader.Options.training());
        assertThat(t.schema().names()).containsExactly("a", "b");
        assertThat(t.data().x()).containsExactly(1f, 2.5f);
        assertThat(t.data().y()).containsExactly(0.25f);
        assertThat(Long.toUnsignedString(t.seeds()[0])).isEqualTo("18446744073709551615");
    }

    @Test
    void missingFeatureInLaterRowIsAnErrorNamingElementAndFeature() throws Exception {
        Path f = dir.resolve("m.json");
        Files.writeString(f, """
                [{"features": {"a": 1, "b": 2}, "holdout_quality": 0.1},
                 {"features": {"a": 1}, "holdout_quality": 0.2}]""");
        assertThatThrownBy(() -> SurvivorsReader.read(f, SurvivorsReader.Options.training()))
                .isInstanceOf(InputFileException.class)
                .hasMessageContaining("m.json").hasMessageContaining("element 1").hasMessageContaining("[b]");
    }

    @Test
    void missingTargetIsAnError() throws Exception {
        Path f = dir.resolve("t.json");
        Files.writeString(f, "[{\"features\": {\"a\": 1}}]");
        assertThatThrownBy(() -> SurvivorsReader.read(f, SurvivorsReader.Options.training()))
                .hasMessageContaining("holdout_quality").hasMessageContaining("element 0");
    }

    @Test
    void truncatedFileIsAnErrorNamingTheFile() throws Exception {
        Path f = SyntheticSurvivors.write(dir.resolve("full.json"), 5, 2, 0);
        String text = Files.readString(f);
        Path cut = dir.resolve("cut.json");
        Files.writeString(cut, text.substring(0, text.length() / 2));
        assertThatThrownBy(() -> SurvivorsReader.read(cut, SurvivorsReader.Options.training()))
                .isInstanceOf(InputFileException.class).hasMessageStartingWith(cut.toString());
    }

    @Test
    void nullFeatureValueAndNonObjectElementsAreErrors() throws Exception {
        Path f = dir.resolve("n.json");
        Files.writeString(f, "[{\"features\": {\"a\": null}, \"holdout_quality\": 0.1}]");
        assertThatThrownBy(() -> SurvivorsReader.read(f, SurvivorsReader.Options.training()))
                .hasMessageContaining("feature \"a\" is null");
        Path g = dir.resolve("i.json");
        Files.writeString(g, "[12, 13]");
        assertThatThrownBy(() -> SurvivorsReader.read(g, SurvivorsReader.Options.training()))
                .hasMessageContaining("element 0");
    }

    @Test
    void predictionModeRefusesAnotherSchema() throws Exception {
        Path f = SyntheticSurvivors.write(dir.resolve("r.json"), 3, 3, 0,
                n -> n.equals("pred_mean") ? "pred_average" : n, false);
        FeatureSchema expected = SurvivorsReader.read(SyntheticSurvivors.write(dir.resolve("ok.json"), 3, 3, 0),
                SurvivorsReader.Options.training()).schema();
        assertThatThrownBy(() -> SurvivorsReader.read(f, SurvivorsReader.Options.prediction(expected)))
                .isInstanceOfSatisfying(SchemaMismatchException.class, e -> {
                    assertThat(e.expectedHash()).isEqualTo("7733d30a913545ca");
                    assertThat(e.missing()).isEqualTo(List.of("pred_mean"));
                    assertThat(e.extra()).isEqualTo(List.of("pred_average"));
                });
    }
}
