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

    @Test
    void aFileMixingHoldoutAlignmentsIsRefusedNamingBothValuesAndTheRecord() throws Exception {
        Path f = dir.resolve("mixed.json");
        Files.writeString(f, """
                [{"seed": 1, "features": {"a": 1}, "holdout_quality": 0.1, "metadata": {"holdout_alignment": "continuation"}},
                 {"seed": 2, "features": {"a": 2}, "holdout_quality": 0.2, "metadata": {"holdout_alignment": "continuation"}},
                 {"seed": 3, "features": {"a": 3}, "holdout_quality": 0.3, "metadata": {"prng_type": "java_lcg"}}]""");
        assertThatThrownBy(() -> SurvivorsReader.read(f, SurvivorsReader.Options.training()))
                .isInstanceOf(InputFileException.class)
                .hasMessageStartingWith(f.toString())
                .hasMessageContaining("mixes holdout alignments")
                .hasMessageContaining("element 0 is \"continuation\"")
                .hasMessageContaining("element 2 (line 3) is \"reference\" (no metadata.holdout_alignment");
        Path one = dir.resolve("one.json");
        Files.writeString(one, """
                [{"seed": 1, "features": {"a": 1}, "holdout_quality": 0.1},
                 {"seed": 2, "features": {"a": 2}, "holdout_quality": 0.2, "metadata": {"holdout_alignment": "reference"}}]""");
        assertThat(SurvivorsReader.read(one, SurvivorsReader.Options.training()).holdoutAlignment()).isEqualTo("reference");
        Path bad = dir.resolve("bad-alignment.json");
        Files.writeString(bad, "[{\"features\": {\"a\": 1}, \"holdout_quality\": 0.1, "
                + "\"metadata\": {\"holdout_alignment\": \"sideways\"}}]");
        assertThatThrownBy(() -> SurvivorsReader.read(bad, SurvivorsReader.Options.training()))
                .hasMessageContaining("\"sideways\" is not one of [continuation, reference]");
    }

    @Test
    void infiniteFeaturesAreRefusedAndTheFirstNanIsRemembered() throws Exception {
        Path inf = dir.resolve("inf.json");
        Files.writeString(inf, "[{\"features\": {\"a\": 1, \"b\": 2}, \"holdout_quality\": 0.1},"
                + "{\"features\": {\"a\": Infinity, \"b\": 2}, \"holdout_quality\": 0.1}]");
        assertThatThrownBy(() -> SurvivorsReader.read(inf, SurvivorsReader.Options.training()))
                .isInstanceOf(InputFileException.class)
                .hasMessageContaining("element 1").hasMessageContaining("feature \"a\" is Infinity");
        Path nan = dir.resolve("nan.json");
        Files.writeString(nan, "[{\"seed\": 5, \"features\": {\"a\": 1, \"b\": 2}, \"holdout_quality\": 0.1},"
                + "{\"seed\": 6, \"features\": {\"b\": NaN, \"a\": 2}, \"holdout_quality\": 0.1}]");
        SurvivorTable t = SurvivorsReader.read(nan, SurvivorsReader.Options.training());
        assertThat(t.firstNanDescription()).isEqualTo("element 1 (seed 6), feature b");
    }

    @Test
    void anchorsAreReadOnlyAsAnchorsAndNeverAsSurvivors() throws Exception {
        Path anchors = dir.resolve("anchors.json");
        Files.writeString(anchors, """
                [{"anchor_id": 0, "anchor_noise": 0.1, "features": {"a": 9, "b": 8}, "holdout_quality": 0.9,
                  "metadata": {"prng_type": "anchor", "mod": 1000, "holdout_alignment": "continuation"}},
                 {"anchor_id": 1, "anchor_noise": 0.3, "features": {"b": 5, "a": 6}, "holdout_quality": 0.7,
                  "metadata": {"prng_type": "anchor", "mod": 1000, "holdout_alignment": "continuation"}}]""");
        FeatureSchema schema = new FeatureSchema(List.of("a", "b"), FeatureSchema.hashOf(List.of("a", "b")));
        SurvivorTable a = SurvivorsReader.read(anchors, SurvivorsReader.Options.anchors(schema));
        assertThat(a.rows()).isEqualTo(2);
        assertThat(a.anchorNoise()).containsExactly(0.1f, 0.3f);
        assertThat(a.data().x()).containsExactly(9f, 8f, 6f, 5f);
        assertThat(a.data().y()).containsExactly(0.9f, 0.7f);
        assertThatThrownBy(() -> SurvivorsReader.read(anchors, SurvivorsReader.Options.training()))
                .isInstanceOf(InputFileException.class)
                .hasMessageContaining("element 0 (line 1) is an anchor row (anchor_id 0)")
                .hasMessageContaining("--anchors");
        assertThatThrownBy(() -> SurvivorsReader.read(anchors, SurvivorsReader.Options.prediction(schema)))
                .hasMessageContaining("is an anchor row");
        Path survivors = dir.resolve("not-anchors.json");
        Files.writeString(survivors, "[{\"seed\": 3, \"features\": {\"a\": 1, \"b\": 2}, \"holdout_quality\": 0.1}]");
        assertThatThrownBy(() -> SurvivorsReader.read(survivors, SurvivorsReader.Options.anchors(schema)))
                .hasMessageContaining("is not an anchor row (it has a \"seed\")");
        Path otherSchema = dir.resolve("anchors-c.json");
        Files.writeString(otherSchema, "[{\"anchor_id\": 0, \"anchor_noise\": 0.1, \"features\": {\"a\": 9, \"c\": 8},"
                + " \"holdout_quality\": 0.9}]");
        assertThatThrownBy(() -> SurvivorsReader.read(otherSchema, SurvivorsReader.Options.anchors(schema)))
                .isInstanceOf(SchemaMismatchException.class);
    }

    @Test
    void aSurvivorWithoutHoldoutFieldsNamesTheMissingField() throws Exception {
        Path f = dir.resolve("no-holdout.json");
        Files.writeString(f, "[{\"seed\": 3, \"features\": {\"a\": 1, \"b\": 2}, \"metadata\": {}}]");
        assertThatThrownBy(() -> SurvivorsReader.read(f, SurvivorsReader.Options.training()))
                .isInstanceOf(InputFileException.class)
                .hasMessageContaining("has no \"holdout_quality\" field");
    }

    @Test
    void duplicateSeedsFormOneGroup() throws Exception {
        Path f = dir.resolve("dups.json");
        Files.writeString(f, """
                [{"seed": 7, "features": {"a": 1}, "holdout_quality": 0.1},
                 {"seed": 8, "features": {"a": 2}, "holdout_quality": 0.2},
                 {"seed": 7, "features": {"a": 1}, "holdout_quality": 0.1},
                 {"features": {"a": 4}, "holdout_quality": 0.4},
                 {"features": {"a": 4}, "holdout_quality": 0.4},
                 {"features": {"a": 4}, "holdout_quality": 0.5}]""");
        RowGroups g = RowGroups.of(SurvivorsReader.read(f, SurvivorsReader.Options.training()));
        assertThat(g.groupOf()).containsExactly(0, 1, 0, 2, 2, 3);
        assertThat(g.duplicateRows()).isEqualTo(2);
        assertThat(g.duplicatedGroups()).isEqualTo(2);
    }
}
