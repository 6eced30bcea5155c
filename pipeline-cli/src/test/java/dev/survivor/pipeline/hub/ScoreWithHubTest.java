package dev.survivor.pipeline.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.survivor.hub.server.ClientSession;
import dev.survivor.kernels.prng.PrngFamily;
import dev.survivor.pipeline.CliRun;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** `pipeline score --hub` against a real hub on loopback: the worker's variables and its run summary arrive. */
@Timeout(60)
class ScoreWithHubTest {
    private static final String CLIENT = "worker-gpu3";

    @TempDir
    Path dir;

    @Test
    void scorePublishesVariablesAndSharesItsSummary() throws Exception {
        long[] raw = PrngFamily.JAVA_LCG.generate(12345L, 200, 0);
        Path train = Files.writeString(dir.resolve("train.json"),
                LongStream.of(raw).map(v -> v % 1000).mapToObj(Long::toString).collect(Collectors.joining(",", "[", "]")));
        Path seeds = Files.writeString(dir.resolve("survivors.json"),
                IntStream.range(1, 2001).mapToObj(Integer::toString).collect(Collectors.joining(",", "[", "]")));
        Path out = dir.resolve("out.json");

        try (TestHub hub = TestHub.start(dir)) {
            TestHub.Watch watch = hub.watch(CLIENT);
            CliRun score = CliRun.of("score", "--seeds-file", seeds.toString(), "--train-history", train.toString(),
                    "--output-file", out.toString(), "--backend", "java", "--gpu-id", "3", "--batch-size", "100",
                    "--hub", hub.address(), "--hub-token-file", hub.tokenFile.toString(), "--hub-client-id", CLIENT);
            ClientSession s = watch.stop();
            assertThat(score.exitCode()).as(score.err()).isZero();
            assertThat(score.lastOutLine()).contains("\"status\":\"success\"").contains("\"count\":2000");

            assertThat(s).as("worker session seen on the hub").isNotNull();
            assertThat(s.role()).isEqualTo("step3-worker");
            assertThat(s.specialization()).isEqualTo("3");
            assertThat(s.variables().get("progress").value().asDouble()).isEqualTo(1.0);
            assertThat(s.variables().get("seeds_done").value().asLong()).isEqualTo(2000);
            assertThat(s.variables().get("backend").value().asText()).isEqualTo("java");
            assertThat(s.variables().get("seeds_per_second").value().asDouble()).isPositive();

            JsonNode shares = hub.server.core().store().recentShares("step3_summary", 10);
            assertThat(shares).hasSize(1);
            JsonNode p = shares.get(0).get("payload");
            assertThat(shares.get(0).get("client_id").asText()).isEqualTo(CLIENT);
            assertThat(p.get("count").asLong()).isEqualTo(2000);
            assertThat(p.get("backend").asText()).isEqualTo("java");
            assertThat(p.get("gpu_id").asInt()).isEqualTo(3);
            assertThat(p.get("output_file").asText()).isEqualTo(out.toString());
        }
    }

    @Test
    void anUnreachableHubCostsOneWarningAndTheRunRecordSaysSo() throws Exception {
        Path tokenFile = Files.writeString(dir.resolve("t.token"), "sph_nothing\n");
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        Path out = dir.resolve("out.json");
        CliRun score = CliRun.of("score", "--seeds-file", Files.writeString(dir.resolve("s.json"), "[1]").toString(),
                "--train-history", Files.writeString(dir.resolve("t.json"), "[1,2,3]").toString(),
                "--output-file", out.toString(), "--backend", "java",
                "--hub", "127.0.0.1:" + closedPort, "--hub-token-file", tokenFile.toString());
        assertThat(score.exitCode()).as(score.err()).isZero();
        assertThat(score.lastOutLine()).contains("\"status\":\"success\"");
        assertThat(out).exists();
        assertThat(score.err().lines().filter(l -> l.contains("hub"))).singleElement().asString()
                .startsWith("warning: hub 127.0.0.1:" + closedPort + " not reachable")
                .endsWith("continuing without it");

        JsonNode record = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(dir.resolve("out.run.json").toFile());
        assertThat(record.get("hub").get("status").asText()).isEqualTo("unreachable");
        assertThat(record.get("hub").get("address").asText()).isEqualTo("127.0.0.1:" + closedPort);
        assertThat(record.get("hub").get("error").asText()).isNotBlank();
    }
}
