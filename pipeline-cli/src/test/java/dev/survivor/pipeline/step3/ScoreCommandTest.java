package dev.survivor.pipeline.step3;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.survivor.common.ExitCodes;
import dev.survivor.kernels.features.FeatureCatalogue;
import dev.survivor.kernels.prng.PrngFamily;
import dev.survivor.pipeline.CliRun;
import dev.survivor.pipeline.doctor.UnavailableTestBackendProvider;
import dev.survivor.pipeline.runrecord.RunRecorder;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pipeline score} through the real command line: the happy path and every kind of bad input. */
class ScoreCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long PLANTED = 987_654_321L;

    @TempDir
    Path dir;
    Path survivors;
    Path train;
    Path holdout;
    Path outDir;
    Path out;

    @BeforeEach
    void inputs() throws IOException {
        long[] raw = PrngFamily.JAVA_LCG.generate(PLANTED, 300, 0);
        int[] draws = new int[raw.length];
        for (int i = 0; i < raw.length; i++) {
            draws[i] = (int) (raw[i] % 1000);
        }
        train = write("train.json", ints(draws, 0, 240));
        holdout = write("holdout.json", ints(draws, 240, 300));
        survivors = write("survivors.json", """
                [%d, 18446744073709551615,
                 {"seed": 5, "skip_min": 2, "skip_range": "3-29", "forward_count": 120, "sessions": ["midday"]},
                 {"candidate_seed": 6}]""".formatted(PLANTED));
        outDir = dir.resolve("results");
        out = outDir.resolve("chunk_0000.json");
    }

    private static String ints(int[] v, int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> Integer.toString(v[i])).collect(Collectors.joining(",", "[", "]"));
    }

    private Path write(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        return f;
    }

    private List<String> args(String... extra) {
        List<String> a = new ArrayList<>(List.of("score", "--seeds-file", survivors.toString(), "--train-history",
                train.toString(), "--output-file", out.toString(), "--threads", "1"));
        a.addAll(List.of(extra));
        return a;
    }

    private CliRun score(String... extra) {
        return CliRun.of(args(extra).toArray(String[]::new));
    }

    private List<Path> outputDirContents() throws IOException {
        if (!Files.exists(outDir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(outDir)) {
            return s.toList();
        }
    }

    @Test
    void scoresEverySurvivorInOrderAndReportsStatus() throws Exception {
        CliRun r = score("--holdout-history", holdout.toString(), "--backend", "java");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(outputDirContents()).containsExactlyInAnyOrder(out, RunRecorder.besideFile(out));
        JsonNode root = JSON.readTree(out.toFile());
        assertThat(root.size()).isEqualTo(4);
        assertThat(root.get(0).get("seed").longValue()).isEqualTo(PLANTED);
        assertThat(root.get(1).get("seed").bigIntegerValue()).isEqualTo(new BigInteger("18446744073709551615"));
        assertThat(root.get(2).get("seed").longValue()).isEqualTo(5);
        assertThat(root.get(3).get("seed").longValue()).isEqualTo(6);
        JsonNode planted = root.get(0);
        assertThat(planted.get("score").doubleValue()).isEqualTo(100.0);
        assertThat(planted.get("holdout_hits").doubleValue()).isEqualTo(1.0);
        assertThat(planted.get("features").size()).isEqualTo(FeatureCatalogue.TOTAL_COUNT);
        assertThat(planted.get("holdout_features").size()).isEqualTo(FeatureCatalogue.PER_SEED_COUNT);
        assertThat(planted.get("holdout_quality").isNumber()).isTrue();
        JsonNode meta = planted.get("metadata");
        assertThat(meta.get("prng_type").asText()).isEqualTo("java_lcg");
        assertThat(meta.get("mod").asInt()).isEqualTo(1000);
        assertThat(meta.get("backend").asText()).isEqualTo("java");
        assertThat(meta.has("worker_hostname")).isTrue();
        assertThat(meta.has("worker_gpu")).isTrue();
        assertThat(meta.get("timestamp").isNumber()).isTrue();
        JsonNode s5 = root.get(2).get("features");
        assertThat(s5.get("skip_range").doubleValue()).isEqualTo(26.0);
        assertThat(s5.get("forward_count").doubleValue()).isEqualTo(120.0);

        JsonNode status = JSON.readTree(r.lastOutLine());
        assertThat(status.get("status").asText()).isEqualTo("success");
        assertThat(status.get("count").asInt()).isEqualTo(4);
        assertThat(status.get("feature_count").asInt()).isEqualTo(91);
        assertThat(status.get("backend").asText()).isEqualTo("java");
        assertThat(status.get("output_file").asText()).isEqualTo(out.toAbsolutePath().toString());
        assertThat(status.get("gpu_id").asInt()).isZero();
        assertThat(status.has("hostname")).isTrue();
        assertThat(status.get("elapsed_seconds").isNumber()).isTrue();
        assertThat(status.get("seeds_per_second").isNumber()).isTrue();
    }

    @Test
    void withoutHoldoutTheHoldoutFieldsAreAbsent() throws Exception {
        CliRun r = score("--gpu-id", "3", "--batch-size", "1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode first = JSON.readTree(out.toFile()).get(0);
        assertThat(first.has("holdout_hits")).isFalse();
        assertThat(first.has("holdout_features")).isFalse();
        assertThat(first.has("holdout_quality")).isFalse();
        assertThat(JSON.readTree(r.lastOutLine()).get("gpu_id").asInt()).isEqualTo(3);
    }

    @Test
    void scorerConfigRenamesResidueFeatures() throws Exception {
        Path cfg = write("cfg.json", "{\"residue_mods\": [7, 64, 997], \"temporal_window_size\": 60}");
        CliRun r = score("--scorer-config", cfg.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode f = JSON.readTree(out.toFile()).get(0).get("features");
        assertThat(f.has("residue_997_match_rate")).isTrue();
        assertThat(f.has("residue_1000_match_rate")).isFalse();
    }

    /** One error line naming {@code mustContain}, exit 65, an error status line, and no output at all. */
    private void assertBadInput(CliRun r, String... mustContain) throws IOException {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.errLines()).as(r.err()).hasSize(1);
        assertThat(r.errLines().getFirst()).startsWith("pipeline score: error: ").contains(mustContain);
        JsonNode status = JSON.readTree(r.lastOutLine());
        assertThat(status.get("status").asText()).isEqualTo("error");
        assertThat(status.get("error").asText()).contains(mustContain);
        assertThat(outputDirContents()).isEmpty();
    }

    @Test
    void missingSeedsFile() throws IOException {
        Files.delete(survivors);
        assertBadInput(score(), survivors.toString(), "file not found");
    }

    @Test
    void malformedSurvivorsJson() throws IOException {
        write("survivors.json", "[1, 2,\n 3 x]");
        assertBadInput(score(), survivors.toString(), "malformed JSON", "line 2");
    }

    @Test
    void malformedHistoryJson() throws IOException {
        write("train.json", "[1, 2");
        assertBadInput(score(), train.toString(), "malformed JSON");
    }

    @Test
    void drawOutsideMod() throws IOException {
        write("train.json", "[1, 2, 1000, 4]");
        assertBadInput(score(), train.toString(), "element 2", "1000", "0..999");
        write("train.json", "[1, 2, 3, 4]");
        write("holdout.json", "[{\"draw\": 5}, {\"draw\": 17}]");
        assertBadInput(score("--holdout-history", holdout.toString(), "--mod", "10"), holdout.toString(), "element 1",
                "17", "0..9");
    }

    @Test
    void negativeSeed() throws IOException {
        write("survivors.json", "[1, {\"seed\": -7}]");
        assertBadInput(score(), survivors.toString(), "element 1", "-7", "negative");
    }

    @Test
    void nonIntegerSeed() throws IOException {
        write("survivors.json", "[1, 2, 3.25]");
        assertBadInput(score(), survivors.toString(), "element 2", "3.25", "not an integer");
        write("survivors.json", "[18446744073709551616]");
        assertBadInput(score(), "element 0", "18446744073709551616", "2^64-1");
    }

    @Test
    void unknownPrngName() throws IOException {
        assertBadInput(score("--prng-type", "java_lgc"), "unknown PRNG family 'java_lgc'", "java_lcg");
        assertBadInput(score("--prng-type", "mt19937_reverse"), "mt19937_reverse", "no scoring generator");
    }

    @Test
    void emptyHistoryAndEmptySurvivors() throws IOException {
        write("train.json", "[]");
        assertBadInput(score(), train.toString(), "history is empty");
        inputs();
        write("survivors.json", "[]");
        assertBadInput(score(), survivors.toString(), "contains no survivors");
    }

    @Test
    void nonNumericMetadataFailsMidStreamAndLeavesNoFile() throws IOException {
        // batch size 1: three records are already written to the temporary file when element 3 fails
        write("survivors.json", "[1, 2, 3, {\"seed\": 44, \"intersection_ratio\": \"high\"}, 5]");
        assertBadInput(score("--batch-size", "1"), survivors.toString(), "element 3", "44", "intersection_ratio",
                "\"high\"");
    }

    @Test
    void badScorerConfig() throws IOException {
        Path cfg = write("cfg.json", "{\"residue_mods\": [7, 64]}");
        assertBadInput(score("--scorer-config", cfg.toString()), cfg.toString(), "residue_mods");
    }

    @Test
    void missingRequiredOptionIsAUsageError() throws IOException {
        CliRun r = CliRun.of("score", "--seeds-file", survivors.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--train-history").contains("--output-file");
        assertThat(outputDirContents()).isEmpty();
    }

    @Test
    void unavailableAndUnknownBackends() throws IOException {
        CliRun r = score("--backend", UnavailableTestBackendProvider.NAME);
        assertThat(r.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains("not available");
        assertThat(outputDirContents()).isEmpty();
        assertBadInput(score("--backend", "warp-drive"), "unknown backend 'warp-drive'");
    }

    @Test
    void verboseAddsTheStackTrace() throws IOException {
        write("train.json", "[]");
        CliRun r = score("--verbose");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains("history is empty").contains("\tat dev.survivor.");
    }
}
