package dev.survivor.pipeline.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.survivor.hub.server.ClientSession;
import dev.survivor.pipeline.CliRun;
import dev.survivor.pipeline.SelfLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** `pipeline step3 --jobs-file … --hub`: the coordinator publishes the dashboard's `jobs` list and shares the run. */
@Timeout(90)
class Step3WithHubTest {
    private static final String CLIENT = "coord-e2e";

    @TempDir
    Path dir;

    @Test
    void coordinatorPublishesJobsAndSharesTheRunReport() throws Exception {
        Path survivors = Files.writeString(dir.resolve("survivors.json"),
                IntStream.range(1, 41).mapToObj(Integer::toString).collect(Collectors.joining(",", "[", "]")));
        Path train = Files.writeString(dir.resolve("train.json"),
                IntStream.range(0, 100).mapToObj(i -> Integer.toString(i * 37 % 1000)).collect(Collectors.joining(",", "[", "]")));
        Path jobs = dir.resolve("scoring_jobs.json");
        CliRun g = CliRun.of("step3", "generate-jobs", "--survivors", survivors.toString(), "--train-history",
                train.toString(), "--chunk-size", "20", "-o", jobs.toString());
        assertThat(g.exitCode()).as(g.err()).isZero();

        try (TestHub hub = TestHub.start(dir)) {
            TestHub.Watch watch = hub.watch(CLIENT);
            CliRun run = CliRun.of("step3", "--jobs-file", jobs.toString(), "--cluster", cluster().toString(),
                    "--output-dir", dir.resolve("results").toString(), "--run-id", "hubrun",
                    "--scores-file", dir.resolve("scores.json").toString(), "--retry-backoff", "0.1",
                    "--hub", hub.address(), "--hub-token-file", hub.tokenFile.toString(), "--hub-client-id", CLIENT);
            ClientSession s = watch.stop();
            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            assertThat(run.out()).contains("status=complete successful=2 failed=0");

            assertThat(s).as("coordinator session seen on the hub").isNotNull();
            assertThat(s.role()).isEqualTo("step3-coordinator");
            JsonNode published = s.variables().get("jobs").value();
            assertThat(published).hasSize(2);
            for (JsonNode j : published) {
                assertThat(j.get("node").asText()).isEqualTo("localhost");
                assertThat(j.get("gpu").asInt()).isBetween(0, 1);
                assertThat(j.get("status").asText()).isEqualTo("done");
                assertThat(j.get("progress").asDouble()).isEqualTo(1.0);
                assertThat(j.get("failures").asInt()).isZero();
            }
            assertThat(StreamSupport.stream(published.spliterator(), false).map(j -> j.get("job").asText())
                    .collect(Collectors.toSet())).isEqualTo(Set.of("full_scoring_0000", "full_scoring_0001"));
            assertThat(s.variables().get("jobs_done").value().asInt()).isEqualTo(2);

            JsonNode shares = hub.server.core().store().recentShares("step3_run", 10);
            assertThat(shares).hasSize(1);
            JsonNode p = shares.get(0).get("payload");
            assertThat(p.get("run_id").asText()).isEqualTo("hubrun");
            assertThat(p.get("status").asText()).isEqualTo("complete");
            assertThat(p.get("successful").asInt()).isEqualTo(2);
            assertThat(p.get("jobs")).hasSize(2);
        }
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
