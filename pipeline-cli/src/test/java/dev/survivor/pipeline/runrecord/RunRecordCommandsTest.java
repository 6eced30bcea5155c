package dev.survivor.pipeline.runrecord;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.survivor.common.Sha256;
import dev.survivor.models.synthetic.SyntheticSurvivors;
import dev.survivor.pipeline.CliRun;
import dev.survivor.pipeline.SelfLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** step3 (--jobs-file), step5 and step6 write their run records; replay's checks work on them. */
@Timeout(120)
class RunRecordCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void step5AndStep6RecordTheirInputsAndOutputs() throws Exception {
        Path survivors = SyntheticSurvivors.write(dir.resolve("survivors_with_scores.json"), 120, 3, 0);
        Path models = dir.resolve("models");
        CliRun r5 = CliRun.of("step5", "--survivors", survivors.toString(), "--model-type", "xgboost",
                "--trials", "1", "--k-folds", "2", "--output-dir", models.toString(), "--threads", "1");
        assertThat(r5.exitCode()).as(r5.err()).isZero();
        JsonNode rec5 = JSON.readTree(models.resolve("run_record.json").toFile());
        assertThat(rec5.get("command").asText()).isEqualTo("step5");
        assertThat(rec5.get("options").get("--trials").asInt()).isEqualTo(1);
        assertThat(rec5.get("options").get("--metric").asText()).isEqualTo("mse");
        assertThat(rec5.get("inputs").get(0).get("option").asText()).isEqualTo("--survivors");
        assertThat(rec5.get("inputs").get(0).get("sha256").asText()).isEqualTo(Sha256.of(survivors));
        Path runFolder = Path.of(rec5.get("details").get("run_folder").asText());
        assertThat(runFolder.getParent()).isEqualTo(models.resolve("runs"));
        assertThat(paths(rec5.get("outputs"))).contains(models.resolve("best_model.meta.json").toString(),
                runFolder.resolve("training_history.json").toString(), runFolder.resolve("best_model.json").toString());
        assertThat(rec5.get("details").get("best_model").asText()).isEqualTo("xgboost");

        Path draws = Files.writeString(dir.resolve("draws.json"), "[{\"draw\": 5}, {\"draw\": 7}]");
        Path preds = dir.resolve("predictions");
        CliRun r6 = CliRun.of("step6", "--models-dir", models.toString(), "--survivors-forward",
                survivors.toString(), "--lottery-history", draws.toString(), "--output-dir", preds.toString());
        assertThat(r6.exitCode()).as(r6.err()).isZero();
        Path rec6File = preds.resolve("run_record.json");
        JsonNode rec6 = JSON.readTree(rec6File.toFile());
        assertThat(rec6.get("exit_status").asInt()).isZero();
        List<String> origins = new ArrayList<>();
        rec6.get("inputs").forEach(i -> origins.add(i.get("option").asText()));
        assertThat(origins).containsExactlyInAnyOrder("--survivors-forward", "--lottery-history",
                "--models-dir best_model.meta.json", "--models-dir checkpoint");
        assertThat(paths(rec6.get("outputs"))).contains(preds.resolve("next_draw_prediction.json").toString());

        CliRun dry = CliRun.of("replay", rec6File.toString(), "--dry-run");
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("Would run: pipeline step6 --models-dir " + models);

        // retraining changes the checkpoint Step 6 used: its replay is refused, naming the checkpoint
        Files.writeString(models.resolve("best_model.meta.json"), " ", java.nio.file.StandardOpenOption.APPEND);
        CliRun refused = CliRun.of("replay", rec6File.toString(), "--dry-run");
        assertThat(refused.exitCode()).isEqualTo(65);
        assertThat(refused.err()).contains("--models-dir best_model.meta.json " + models.resolve("best_model.meta.json"));
    }

    @Test
    void aFailedRunThatWroteNothingLeavesNoRecordFile() throws Exception {
        Path seeds = Files.writeString(dir.resolve("s.json"), "[1, 2, 3]");
        CliRun bad = CliRun.of("score", "--seeds-file", seeds.toString(), "--train-history",
                dir.resolve("missing.json").toString(), "--output-file", dir.resolve("o.json").toString(),
                "--backend", "java");
        assertThat(bad.exitCode()).isEqualTo(65);
        try (var s = Files.list(dir)) {
            assertThat(s.toList()).containsExactly(seeds);
        }
    }

    @Test
    void aBrokenRecordIsRejectedNamingTheField() throws Exception {
        Path rec = Files.writeString(dir.resolve("r.run.json"), """
                {"schema_version": 1, "run_id": "x", "command": "score", "argv": ["score"],
                 "working_directory": "/", "inputs": [{"option": "--seeds-file", "path": "s", "absolute_path": "/s",
                 "sha256": "nothex"}]}""");
        CliRun r = CliRun.of("replay", rec.toString(), "--dry-run");
        assertThat(r.exitCode()).isEqualTo(65);
        assertThat(r.err()).contains(rec + ": field 'inputs[0].sha256' must be 64 lower-case hex digits");
        Files.writeString(rec, "{\"schema_version\": 1, \"run_id\": \"x\", \"command\": \"score\", \"argv\": []}");
        assertThat(CliRun.of("replay", rec.toString()).err()).contains("field 'argv' must be a non-empty array");
        assertThat(CliRun.of("replay", dir.resolve("none.json").toString()).err()).contains("run record not found");
    }

    @Test
    void step3RecordsTheRunInItsRunDirectory() throws Exception {
        Path survivors = Files.writeString(dir.resolve("survivors.json"),
                IntStream.range(1, 41).mapToObj(Integer::toString).collect(Collectors.joining(",", "[", "]")));
        Path train = Files.writeString(dir.resolve("train.json"), IntStream.range(0, 100)
                .mapToObj(i -> Integer.toString(i * 37 % 1000)).collect(Collectors.joining(",", "[", "]")));
        Path jobs = dir.resolve("scoring_jobs.json");
        CliRun g = CliRun.of("step3", "generate-jobs", "--survivors", survivors.toString(), "--train-history",
                train.toString(), "--chunk-size", "20", "-o", jobs.toString());
        assertThat(g.exitCode()).as(g.err()).isZero();
        Path cluster = cluster();
        Path scores = dir.resolve("scores.json");
        CliRun run = CliRun.of("step3", "--jobs-file", jobs.toString(), "--cluster", cluster.toString(),
                "--output-dir", dir.resolve("results").toString(), "--run-id", "rec1",
                "--scores-file", scores.toString(), "--retry-backoff", "0.1");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("status=complete successful=2 failed=0");

        Path runDir = dir.resolve("results/rec1");
        JsonNode rec = JSON.readTree(runDir.resolve("run_record.json").toFile());
        assertThat(rec.get("command").asText()).isEqualTo("step3");
        assertThat(rec.get("details").get("status").asText()).isEqualTo("complete");
        assertThat(rec.get("backend").asText()).isEqualTo("cpu");
        List<String> origins = new ArrayList<>();
        rec.get("inputs").forEach(i -> origins.add(i.get("option").asText()));
        assertThat(origins).contains("--jobs-file", "--cluster", "jobs[full_scoring_0000] --seeds-file",
                "jobs[full_scoring_0000] --train-history", "jobs[full_scoring_0001] --seeds-file");
        assertThat(paths(rec.get("outputs"))).contains(scores.toString());
        // each worker recorded its job beside its output, and the aggregation was not confused by those records
        try (var s = Files.list(runDir)) {
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".run.json")).count())
                    .isEqualTo(2);
        }
        assertThat(JSON.readTree(scores.toFile())).hasSize(40);

        CliRun dry = CliRun.of("replay", runDir.resolve("run_record.json").toString(), "--dry-run");
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("note: step3 with --run-id resumes that run");
    }

    private static List<String> paths(JsonNode files) {
        List<String> l = new ArrayList<>();
        files.forEach(f -> l.add(f.get("absolute_path").asText()));
        return l;
    }

    /** One local node with two CPU "GPUs"; the worker is this test's classpath as a separate `pipeline` process. */
    private Path cluster() throws Exception {
        Path l = SelfLauncher.writeScript(dir.resolve("pipeline"), "-Xmx512m");
        return Files.writeString(dir.resolve("cluster.json"), """
                {"nodes": [{"hostname": "localhost", "gpu_count": 2, "backend": "cpu", "script_path": ".",
                  "java": "%s", "stagger_seconds": 0, "env": {"PIPELINE_BACKEND": "java"}}]}
                """.formatted(l));
    }
}
