package dev.survivor.pipeline.runrecord;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.survivor.common.Sha256;
import dev.survivor.kernels.prng.PrngFamily;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole record → replay cycle with real processes: `pipeline score` (relative paths, its own working directory)
 * writes a run record; `pipeline replay` checks the inputs and re-runs it as a new process; a changed input is
 * refused unless allowed; the dry run runs and writes nothing.
 */
@Timeout(180)
class ReplayEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void scoreIsRecordedAndReplayedWithTheSameResult() throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        long[] raw = PrngFamily.JAVA_LCG.generate(777L, 120, 0);
        Path train = Files.writeString(work.resolve("train.json"),
                LongStream.of(raw).map(v -> v % 1000).mapToObj(Long::toString).collect(Collectors.joining(",", "[", "]")));
        Path seeds = Files.writeString(work.resolve("survivors.json"),
                IntStream.range(1, 301).mapToObj(Integer::toString).collect(Collectors.joining(",", "[", "]")));
        String[] argv = {"score", "--seeds-file", "survivors.json", "--train-history", "train.json",
                "--output-file", "out/scores.json", "--backend", "java", "--batch-size", "100", "--threads", "1"};

        PipelineProcess score = PipelineProcess.run(work, argv);
        assertThat(score.exitCode()).as(score.both()).isZero();
        Path output = work.resolve("out/scores.json");
        Path recordFile = work.resolve("out/scores.run.json");
        assertThat(recordFile).isRegularFile();
        JsonNode record = JSON.readTree(recordFile.toFile());
        String runId = record.get("run_id").asText();
        assertThat(record.get("schema_version").asInt()).isEqualTo(1);
        assertThat(record.get("command").asText()).isEqualTo("score");
        assertThat(JSON.convertValue(record.get("argv"), List.class)).isEqualTo(List.of(argv));
        assertThat(record.get("working_directory").asText()).isEqualTo(work.toRealPath().toString());
        assertThat(record.get("replay_of").isNull()).isTrue();
        assertThat(record.get("exit_status").asInt()).isZero();
        assertThat(record.get("backend").asText()).isEqualTo("java");
        assertThat(record.get("options").get("--batch-size").asInt()).isEqualTo(100);
        assertThat(record.get("options").get("--mod").asInt()).as("defaults are recorded").isEqualTo(1000);
        assertThat(record.get("options").get("--prng-type").asText()).isEqualTo("java_lcg");
        assertThat(record.get("options").has("--help")).isFalse();
        assertThat(record.get("live_parameters").get(0).get("option").asText()).isEqualTo("--batch-size");
        assertThat(record.get("versions").get("java").asText()).isEqualTo(System.getProperty("java.version"));
        assertThat(hashes(record.get("inputs"))).isEqualTo(Map.of(
                seeds.toRealPath().toString(), Sha256.of(seeds), train.toRealPath().toString(), Sha256.of(train)));
        assertThat(hashes(record.get("outputs"))).isEqualTo(Map.of(output.toRealPath().toString(), Sha256.of(output)));
        JsonNode original = withoutTimestamps(output);

        // dry run, from another directory: prints the plan, runs and writes nothing
        Map<Path, Long> before = snapshot(work);
        PipelineProcess dry = PipelineProcess.run(dir, "replay", recordFile.toString(), "--dry-run");
        assertThat(dry.exitCode()).as(dry.both()).isZero();
        assertThat(dry.out()).contains("Would run: pipeline score --seeds-file survivors.json --train-history "
                        + "train.json --output-file out/scores.json --backend java --batch-size 100 --threads 1")
                .contains("Working directory: " + work.toRealPath())
                .contains("unchanged").contains("Dry run: nothing was run or written.");
        assertThat(snapshot(work)).isEqualTo(before);

        // real replay: the same records (each carries the time it was scored, metadata.timestamp, which alone
        // differs), a new run record naming the original, the original record kept
        PipelineProcess replay = PipelineProcess.run(dir, "replay", recordFile.toString());
        assertThat(replay.exitCode()).as(replay.both()).isZero();
        assertThat(replay.out()).contains("\"status\":\"success\"").contains("replay_of " + runId);
        assertThat(withoutTimestamps(output).equals(original)).as("replayed scores equal the original").isTrue();
        JsonNode again = JSON.readTree(recordFile.toFile());
        assertThat(again.get("replay_of").asText()).isEqualTo(runId);
        assertThat(again.get("run_id").asText()).isNotEqualTo(runId);
        assertThat(again.get("options")).isEqualTo(record.get("options"));
        assertThat(hashes(again.get("outputs"))).containsOnlyKeys(output.toRealPath().toString())
                .containsValue(Sha256.of(output));
        Path kept = work.resolve("out/scores." + runId + ".run.json");
        assertThat(JSON.readTree(kept.toFile())).isEqualTo(record);

        // an input changes: refused, clearly, and nothing runs
        String oldTrainSha = Sha256.of(train);
        Files.writeString(train, Files.readString(train).replace("]", ",5]"), StandardOpenOption.TRUNCATE_EXISTING);
        Map<Path, Long> beforeRefusal = snapshot(work);
        PipelineProcess refused = PipelineProcess.run(dir, "replay", kept.toString());
        assertThat(refused.exitCode()).as(refused.both()).isEqualTo(65);
        assertThat(refused.err()).contains("refusing to replay run " + runId + ": 1 input(s) changed")
                .contains("--train-history " + train.toRealPath() + ": recorded sha256 " + oldTrainSha
                        + ", now " + Sha256.of(train))
                .contains("--allow-changed-inputs");
        assertThat(refused.out()).contains("changed");
        assertThat(snapshot(work)).isEqualTo(beforeRefusal);
        PipelineProcess dryRefused = PipelineProcess.run(dir, "replay", kept.toString(), "--dry-run");
        assertThat(dryRefused.exitCode()).isEqualTo(65);

        // allowed: it runs on the new input and records the new hash
        PipelineProcess allowed = PipelineProcess.run(dir, "replay", kept.toString(), "--allow-changed-inputs");
        assertThat(allowed.exitCode()).as(allowed.both()).isZero();
        assertThat(allowed.err()).contains("replaying with 1 changed input(s)");
        JsonNode third = JSON.readTree(recordFile.toFile());
        assertThat(third.get("replay_of").asText()).isEqualTo(runId);
        assertThat(hashes(third.get("inputs")).get(train.toRealPath().toString())).isEqualTo(Sha256.of(train));
        assertThat(withoutTimestamps(output).equals(original)).as("scored against the new history").isFalse();
    }

    /** The scores file with each record's metadata.timestamp (the scoring time) removed. */
    private static JsonNode withoutTimestamps(Path scores) throws Exception {
        JsonNode n = JSON.readTree(scores.toFile());
        assertThat(n.size()).isEqualTo(300);
        n.forEach(r -> ((com.fasterxml.jackson.databind.node.ObjectNode) r.get("metadata")).remove("timestamp"));
        return n;
    }

    private static Map<String, String> hashes(JsonNode files) {
        Map<String, String> m = new TreeMap<>();
        files.forEach(f -> m.put(f.get("absolute_path").asText(), f.get("sha256").asText()));
        return m;
    }

    /** Every file under {@code root} with its modification time. */
    private static Map<Path, Long> snapshot(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            Map<Path, Long> m = new TreeMap<>();
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                m.put(p, Files.getLastModifiedTime(p).toMillis());
            }
            return m;
        }
    }
}
