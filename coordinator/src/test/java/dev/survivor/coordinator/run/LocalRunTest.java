package dev.survivor.coordinator.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.survivor.coordinator.config.ClusterConfig;
import dev.survivor.coordinator.io.Json;
import dev.survivor.coordinator.support.FakeWorker;
import dev.survivor.coordinator.support.Processes;
import dev.survivor.coordinator.support.Project;
import dev.survivor.coordinator.validate.FailureMode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local node: real worker processes, every failure mode, retries, resume, manifest and aggregation. */
class LocalRunTest {
    @TempDir
    Path tmp;

    private ClusterConfig localCluster(Path faults, int gpus) throws Exception {
        return Project.cluster(tmp, """
                {"nodes": [{"hostname": "localhost", "gpu_count": %d, "backend": "cuda", "script_path": ".",
                  "stagger_seconds": 0, "env": {"FAULT_DIR": "%s", "NODE_NAME": "local"}}]}
                """.formatted(gpus, faults));
    }

    private RunOptions options(Project p, ClusterConfig c, String runId, int retries) {
        return new RunOptions(p.jobsFile, c, p.dir.resolve("full_scoring_results"), runId, false, retries, false,
                Duration.ofMillis(50), p.dir.resolve("survivors_with_scores.json"));
    }

    @Test
    void everyFailureModeIsRetriedAndNothingIsLost() throws Exception {
        Project p = Project.create(tmp.resolve("proj"), 70, 10, 60);
        FakeWorker.install(p.dir);
        p.useScript(FakeWorker.NAME);
        p.setTimeout("full_scoring_0005", 2);
        Path faults = Files.createDirectories(tmp.resolve("faults"));
        Files.writeString(faults.resolve("chunk_0000.json"), "short");
        Files.writeString(faults.resolve("chunk_0001.json"), "truncate");
        Files.writeString(faults.resolve("chunk_0002.json"), "crash");
        Files.writeString(faults.resolve("chunk_0003.json"), "empty");
        Files.writeString(faults.resolve("chunk_0004.json"), "fail");
        Files.writeString(faults.resolve("chunk_0005.json"), "hang");

        RunReport r = Coordinator.run(options(p, localCluster(faults, 2), "r1", 3), ProgressListener.NONE);

        assertThat(r.allSucceeded()).isTrue();
        assertThat(r.jobs()).hasSize(7);
        assertThat(firstFailure(r, "full_scoring_0000")).isEqualTo(FailureMode.RECORD_COUNT);
        assertThat(firstFailure(r, "full_scoring_0001")).isEqualTo(FailureMode.INVALID_JSON);
        assertThat(firstFailure(r, "full_scoring_0002")).isEqualTo(FailureMode.INVALID_JSON); // partial file left by the crash
        assertThat(firstFailure(r, "full_scoring_0003")).isEqualTo(FailureMode.FILE_EMPTY);
        assertThat(firstFailure(r, "full_scoring_0004")).isEqualTo(FailureMode.FILE_MISSING);
        assertThat(firstFailure(r, "full_scoring_0005")).isEqualTo(FailureMode.TIMEOUT);
        assertThat(job(r, "full_scoring_0006").attempts()).hasSize(1);
        // the hung worker and its child were killed
        long pid = Long.parseLong(Files.readString(faults.resolve("chunk_0005.json.pid")).strip());
        long child = Long.parseLong(Files.readString(faults.resolve("chunk_0005.json.child")).strip());
        assertThat(Processes.running(pid)).isFalse();
        assertThat(Processes.running(child)).isFalse();
        // retries went to the other GPU
        for (JobReport j : r.jobs()) {
            if (j.attempts().size() == 2) {
                assertThat(j.attempts().get(1).gpu()).isNotEqualTo(j.attempts().get(0).gpu());
            }
        }
        // every survivor exactly once, sorted by score descending
        JsonNode all = Json.MAPPER.readTree(p.dir.resolve("survivors_with_scores.json").toFile());
        assertThat(all.size()).isEqualTo(70);
        Set<Long> seeds = new HashSet<>();
        double prev = Double.MAX_VALUE;
        for (JsonNode n : all) {
            assertThat(seeds.add(n.get("seed").longValue())).isTrue();
            assertThat(n.get("score").doubleValue()).isLessThanOrEqualTo(prev);
            prev = n.get("score").doubleValue();
        }
        for (long s = 1; s <= 70; s++) {
            assertThat(seeds).contains(s * 7919);
        }
        // manifest
        JsonNode m = Json.MAPPER.readTree(r.manifest().toFile());
        assertThat(m.get("run_id").asText()).isEqualTo("r1");
        assertThat(m.get("jobs_completed").asInt()).isEqualTo(7);
        assertThat(m.get("jobs_failed").asInt()).isZero();
        JsonNode j5 = find(m.get("jobs"), "full_scoring_0005");
        assertThat(j5.get("attempts")).hasSize(2);
        assertThat(j5.get("attempts").get(0).get("failure_mode").asText()).isEqualTo("TIMEOUT");
        assertThat(j5.get("input_sha256").asText()).hasSize(64);
        assertThat(j5.get("output_sha256").asText()).hasSize(64);
        // the timeline shows both the failed attempts (red) and the successful ones (green)
        assertThat(m.get("timeline_png").asText()).isEqualTo(TimelineChart.FILE);
        BufferedImage timeline = ImageIO.read(r.manifest().resolveSibling(TimelineChart.FILE).toFile());
        assertThat(timeline.getWidth()).isEqualTo(1000);
        assertThat(pixels(timeline, 0x2E7D32)).isGreaterThan(100);
        assertThat(pixels(timeline, 0xC62828)).isGreaterThan(100);
        // GPU visibility for a cuda node
        String log = Files.readString(faults.resolve("invocations.log"));
        assertThat(log).contains("gpu=0 cuda=0 hip= rocr=").contains("gpu=1 cuda=1 hip= rocr=");
    }

    @Test
    void persistentFailureGivesUpWithAPreciseReportAndResumeSkipsValidOutputs() throws Exception {
        Project p = Project.create(tmp.resolve("proj"), 30, 10, 60);
        FakeWorker.install(p.dir);
        p.useScript(FakeWorker.NAME);
        Path faults = Files.createDirectories(tmp.resolve("faults"));
        Files.writeString(faults.resolve("chunk_0001.json.always"), "short");
        ClusterConfig c = localCluster(faults, 1);

        RunReport r = Coordinator.run(options(p, c, "resume1", 2), ProgressListener.NONE);
        assertThat(r.allSucceeded()).isFalse();
        JobReport bad = job(r, "full_scoring_0001");
        assertThat(bad.attempts()).hasSize(3);
        assertThat(bad.attempts()).allMatch(a -> a.failure() == FailureMode.RECORD_COUNT);
        assertThat(bad.last().error()).contains("Expected 10 records, found 1");
        assertThat(Files.exists(p.dir.resolve("survivors_with_scores.json"))).isFalse();
        JsonNode m = Json.MAPPER.readTree(r.manifest().toFile());
        assertThat(m.get("failures").get(0).get("failure_mode").asText()).isEqualTo("RECORD_COUNT");

        // fix the cause and start again with the same run id: only the failed job runs
        Files.delete(faults.resolve("chunk_0001.json.always"));
        Files.delete(faults.resolve("invocations.log"));
        RunReport again = Coordinator.run(options(p, c, "resume1", 2), ProgressListener.NONE);
        assertThat(again.allSucceeded()).isTrue();
        assertThat(again.jobs().stream().filter(JobReport::resumed).count()).isEqualTo(2);
        assertThat(Files.readAllLines(faults.resolve("invocations.log"))).hasSize(1).allMatch(l -> l.startsWith("chunk_0001.json"));
        assertThat(Json.MAPPER.readTree(p.dir.resolve("survivors_with_scores.json").toFile()).size()).isEqualTo(30);
    }

    @Test
    void preservePathsKeepsTheJobsOwnOutputPaths() throws Exception {
        Project p = Project.create(tmp.resolve("proj"), 20, 10, 60);
        FakeWorker.install(p.dir);
        p.useScript(FakeWorker.NAME);
        Path faults = Files.createDirectories(tmp.resolve("faults"));
        RunOptions o = new RunOptions(p.jobsFile, localCluster(faults, 2), p.dir.resolve("full_scoring_results"), null,
                true, 0, false, Duration.ZERO, null);
        RunReport r = Coordinator.run(o, ProgressListener.NONE);
        assertThat(r.allSucceeded()).isTrue();
        assertThat(p.dir.resolve("full_scoring_results/chunk_0000.json")).exists();
        assertThat(p.dir.resolve("full_scoring_results/chunk_0001.json")).exists();
        assertThat(r.jobs()).allMatch(j -> j.output().getParent().equals(p.dir.resolve("full_scoring_results")));
    }

    @Test
    void dryRunCreatesNothing() throws Exception {
        Project p = Project.create(tmp.resolve("proj"), 30, 10, 60);
        FakeWorker.install(p.dir);
        p.useScript(FakeWorker.NAME);
        RunOptions o = new RunOptions(p.jobsFile, localCluster(tmp, 2), p.dir.resolve("full_scoring_results"), "dry",
                false, 3, true, Duration.ofSeconds(5), p.dir.resolve("survivors_with_scores.json"));
        List<Path> before = list(p.dir);
        RunReport r = Coordinator.run(o, ProgressListener.NONE);
        assertThat(r.status()).isEqualTo("dry_run");
        java.io.StringWriter sw = new java.io.StringWriter();
        DryRunPrinter.printText(Coordinator.plan(o), o, new java.io.PrintWriter(sw));
        assertThat(sw.toString()).contains("GPU 0: 2 job(s)").contains("GPU 1: 1 job(s)")
                .contains("env: {CUDA_VISIBLE_DEVICES=1").contains("--gpu-id 1")
                .contains("Totals: 3 jobs, 30 seeds").contains("DRY RUN complete");
        JsonNode json = DryRunPrinter.toJson(Coordinator.plan(o), o);
        assertThat(json.get("jobs")).hasSize(3);
        assertThat(json.get("jobs").get(0).get("argv").toString()).contains("--output-file");
        assertThat(list(p.dir)).isEqualTo(before);
        assertThat(Files.exists(tmp.resolve("faults"))).isFalse();
    }

    private static List<Path> list(Path dir) throws Exception {
        try (var s = Files.walk(dir)) {
            return new ArrayList<>(s.sorted().toList());
        }
    }

    static JobReport job(RunReport r, String id) {
        return r.jobs().stream().filter(j -> j.job().jobId().equals(id)).findFirst().orElseThrow();
    }

    static FailureMode firstFailure(RunReport r, String id) {
        return job(r, id).attempts().getFirst().failure();
    }

    static JsonNode find(JsonNode jobs, String id) {
        for (JsonNode j : jobs) {
            if (j.get("job_id").asText().equals(id)) {
                return j;
            }
        }
        throw new AssertionError(id);
    }

    private static int pixels(BufferedImage img, int rgb) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                n += (img.getRGB(x, y) & 0xFFFFFF) == rgb ? 1 : 0;
            }
        }
        return n;
    }
}
