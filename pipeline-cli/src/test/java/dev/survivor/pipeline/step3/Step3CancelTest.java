package dev.survivor.pipeline.step3;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.survivor.pipeline.CliRun;
import dev.survivor.pipeline.SelfLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping {@code pipeline step3 --jobs-file} (SIGTERM, as Ctrl-C's SIGINT does) kills the running workers, starts
 * no retry, and still writes a manifest that accounts for every job. The coordinator is a real separate process.
 */
class Step3CancelTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void stoppedCoordinatorKillsItsWorkersAndWritesTheManifest() throws Exception {
        Files.writeString(dir.resolve("survivors.json"), "[1,2,3,4,5,6,7,8,9,10,11,12]");
        Files.writeString(dir.resolve("train.json"), "[1,2,3,4,5,6,7,8]");
        CliRun g = CliRun.of("step3", "generate-jobs", "--survivors", dir.resolve("survivors.json").toString(),
                "--train-history", dir.resolve("train.json").toString(), "--chunk-size", "3",
                "-o", dir.resolve("jobs.json").toString());
        assertThat(g.exitCode()).as(g.err()).isZero();
        Path pids = dir.resolve("worker.pids");
        Path worker = Files.writeString(dir.resolve("hang.sh"),
                "#!/bin/sh\necho $$ >> '" + pids + "'\nexec sleep 300\n");
        Files.setPosixFilePermissions(worker, PosixFilePermissions.fromString("rwxr-xr-x"));
        JsonNode jobs = JSON.readTree(dir.resolve("jobs.json").toFile());
        jobs.forEach(j -> ((ObjectNode) j).put("script", worker.toString()));
        JSON.writeValue(dir.resolve("jobs.json").toFile(), jobs);
        Files.writeString(dir.resolve("cluster.json"), """
                {"nodes": [{"hostname": "localhost", "gpu_count": 2, "backend": "cpu", "script_path": ".",
                  "stagger_seconds": 0}]}
                """);

        List<String> cmd = new java.util.ArrayList<>(SelfLauncher.command(List.of("-Xmx256m")));
        cmd.addAll(List.of("step3", "--jobs-file", dir.resolve("jobs.json").toString(), "--cluster",
                dir.resolve("cluster.json").toString(), "--output-dir", dir.resolve("out").toString(),
                "--run-id", "stopped", "--max-retries", "3", "--retry-backoff", "0.1"));
        Process coordinator = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(dir.resolve("coordinator.out").toFile())
                .redirectError(dir.resolve("coordinator.err").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (lines(pids).size() < 2 && System.nanoTime() < deadline && coordinator.isAlive()) {
            Thread.sleep(100);
        }
        List<Long> started = lines(pids).stream().map(Long::parseLong).toList();
        assertThat(started).as(Files.readString(dir.resolve("coordinator.err"))).hasSize(2); // both GPU slots busy

        coordinator.destroy(); // SIGTERM
        assertThat(coordinator.waitFor(60, TimeUnit.SECONDS)).isTrue();

        for (long pid : started) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("worker " + pid).isFalse();
        }
        assertThat(lines(pids)).hasSize(2); // nothing retried or started after the stop
        JsonNode m = JSON.readTree(dir.resolve("out/stopped/scripts_run_manifest.json").toFile());
        assertThat(m.get("status").asText()).isEqualTo("cancelled");
        assertThat(m.get("jobs_failed").asInt()).isEqualTo(jobs.size());
        assertThat(m.get("jobs").toString()).contains("SIGTERM");
    }

    private static List<String> lines(Path f) throws Exception {
        return Files.exists(f) ? Files.readAllLines(f).stream().filter(l -> !l.isBlank()).toList() : List.of();
    }
}
