package dev.survivor.kernels.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.survivor.kernels.features.FeatureCatalogue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SurvivorReaderTest {
    @TempDir
    Path dir;

    private Path file(String json) throws IOException {
        Path f = dir.resolve("survivors.json");
        Files.writeString(f, json);
        return f;
    }

    private static List<Survivor> readAll(Path f, int batch) {
        List<Survivor> all = new ArrayList<>();
        try (SurvivorSource r = SurvivorSources.open(f)) {
            for (List<Survivor> b = r.nextBatch(batch); !b.isEmpty(); b = r.nextBatch(batch)) {
                assertThat(b.size()).isLessThanOrEqualTo(batch);
                all.addAll(b);
            }
        }
        return all;
    }

    @Test
    void readsIntegerSeedsUpTo2To64MinusOneInBatches() throws IOException {
        Path f = file("[0, 12345, 9223372036854775808, 18446744073709551615, 7]");
        List<Survivor> s = readAll(f, 2);
        assertThat(s).extracting(Survivor::seed)
                .containsExactly(0L, 12345L, Long.MIN_VALUE, -1L, 7L);
        assertThat(s.get(0).metadata()).containsOnly(0.0);
        assertThat(SurvivorReader.count(f)).isEqualTo(5);
    }

    @Test
    void readsObjectsWithSeedOrCandidateSeedAndMetadata() throws IOException {
        Path f = file("""
                [{"seed": 5, "skip_min": 3, "skip_range": "3-29", "forward_count": 120, "sessions": ["midday"],
                  "prng_type": "java_lcg", "score": 0.5},
                 {"candidate_seed": 6, "intersection_ratio": 0.25, "skip_best": 7},
                 {"seed": 8, "forward_count": null}]
                """);
        List<Survivor> s = readAll(f, 10);
        assertThat(s).extracting(Survivor::seed).containsExactly(5L, 6L, 8L);
        List<String> names = FeatureCatalogue.METADATA;
        assertThat(s.get(0).metadata()[names.indexOf("skip_range")]).isEqualTo(26.0);
        assertThat(s.get(0).metadata()[names.indexOf("forward_count")]).isEqualTo(120.0);
        assertThat(s.get(0).holdoutSkip()).isEqualTo(3);
        assertThat(s.get(1).metadata()[names.indexOf("intersection_ratio")]).isEqualTo(0.25);
        assertThat(s.get(1).holdoutSkip()).isEqualTo(7);
        assertThat(s.get(2).metadata()).containsOnly(0.0);
    }

    @Test
    void countSkipsNestedContent() throws IOException {
        Path f = file("[{\"seed\": 1, \"sessions\": [\"a\", {\"x\": [1,2]}]}, 2, {\"seed\": 3}]");
        assertThat(SurvivorReader.count(f)).isEqualTo(3);
        assertThat(SurvivorSources.count(f)).isEqualTo(3);
    }

    @Test
    void negativeSeedNamesFileElementAndValue() throws IOException {
        Path f = file("[1, 2, -5]");
        assertThatThrownBy(() -> readAll(f, 10)).isInstanceOf(InputFileException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("element 2")
                .hasMessageContaining("-5").hasMessageContaining("negative");
    }

    @Test
    void fractionalAndNanSeedsAreNotIntegers() throws IOException {
        Path f = file("[1.5]");
        assertThatThrownBy(() -> readAll(f, 10)).hasMessageContaining("element 0")
                .hasMessageContaining("1.5").hasMessageContaining("not an integer");
        Path g = file("[3, NaN]");
        assertThatThrownBy(() -> readAll(g, 10)).hasMessageContaining("element 1")
                .hasMessageContaining("NaN").hasMessageContaining("not an integer");
    }

    @Test
    void seedAbove2To64MinusOneIsRejected() throws IOException {
        Path f = file("[{\"seed\": 18446744073709551616}]");
        assertThatThrownBy(() -> readAll(f, 10)).hasMessageContaining("element 0 field 'seed'")
                .hasMessageContaining("18446744073709551616").hasMessageContaining("larger than 2^64-1");
    }

    @Test
    void stringSeedAndMissingSeedAreRejected() throws IOException {
        Path f = file("[\"12\"]");
        assertThatThrownBy(() -> readAll(f, 10)).hasMessageContaining("element 0").hasMessageContaining("\"12\"");
        Path g = file("[{\"seed\": 1}, {\"forward_count\": 3}]");
        assertThatThrownBy(() -> readAll(g, 10)).hasMessageContaining("element 1")
                .hasMessageContaining("no 'seed' or 'candidate_seed'");
        Path h = file("[[1, 2]]");
        assertThatThrownBy(() -> readAll(h, 10)).hasMessageContaining("element 0").hasMessageContaining("an array");
    }

    @Test
    void nonNumericMetadataNamesElementSeedAndField() throws IOException {
        Path f = file("[{\"seed\": 1}, {\"seed\": 99, \"forward_count\": \"many\"}]");
        assertThatThrownBy(() -> readAll(f, 10)).isInstanceOf(InputFileException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("element 1")
                .hasMessageContaining("99").hasMessageContaining("forward_count").hasMessageContaining("many");
    }

    @Test
    void malformedJsonGivesLineAndColumn() throws IOException {
        Path f = file("[1,\n 2,\n 3 4]");
        assertThatThrownBy(() -> readAll(f, 10)).hasMessageContaining("malformed JSON")
                .hasMessageContaining("line 3");
        Path truncated = file("[1, 2, {\"seed\": 3");
        assertThatThrownBy(() -> SurvivorReader.count(truncated)).hasMessageContaining("malformed JSON");
        Path trailing = file("[1] [2]");
        assertThatThrownBy(() -> readAll(trailing, 10)).hasMessageContaining("after the closing ']'");
    }

    @Test
    void notAnArrayEmptyFileAndMissingFile() throws IOException {
        Path f = file("{\"seed\": 1}");
        assertThatThrownBy(() -> SurvivorReader.open(f)).hasMessageContaining("expected a JSON array")
                .hasMessageContaining("found an object");
        Path empty = file("");
        assertThatThrownBy(() -> SurvivorReader.open(empty)).hasMessageContaining("is empty");
        Path missing = dir.resolve("nope.json");
        assertThatThrownBy(() -> SurvivorSources.open(missing)).isInstanceOf(InputFileException.class)
                .hasMessage(missing + ": file not found");
        assertThatThrownBy(() -> SurvivorSources.open(dir)).hasMessageContaining("is a directory");
    }
}
