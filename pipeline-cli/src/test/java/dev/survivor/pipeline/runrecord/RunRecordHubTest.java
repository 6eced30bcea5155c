package dev.survivor.pipeline.runrecord;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import dev.survivor.kernels.prng.PrngFamily;
import dev.survivor.pipeline.CliRun;
import dev.survivor.pipeline.hub.TestHub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a real hub: an operator changes the worker's live batch_size mid-run; the run record lists the change, is
 * stored in the hub's SQLite as a share of kind run_record, and a replay puts the final value on the command line.
 */
@Timeout(90)
class RunRecordHubTest {
    private static final String CLIENT = "recorded-worker";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void liveChangeIsRecordedAndTheRecordIsStoredOnTheHub() throws Exception {
        long[] raw = PrngFamily.JAVA_LCG.generate(99L, 100, 0);
        Path train = Files.writeString(dir.resolve("train.json"),
                LongStream.of(raw).map(v -> v % 1000).mapToObj(Long::toString).collect(Collectors.joining(",", "[", "]")));
        Path seeds = Files.writeString(dir.resolve("survivors.json"),
                IntStream.range(1, 20001).mapToObj(Integer::toString).collect(Collectors.joining(",", "[", "]")));
        Path out = dir.resolve("out.json");
        Path db;
        Path tokenFile;
        try (TestHub hub = TestHub.start(dir)) {
            db = hub.database;
            tokenFile = hub.tokenFile;
            // the operator's change goes out as soon as the worker has registered its live parameter
            TestHub.Change operator = hub.changeWhenRegistered(CLIENT, "batch_size", IntNode.valueOf(500));
            CliRun score = CliRun.of("score", "--seeds-file", seeds.toString(), "--train-history", train.toString(),
                    "--output-file", out.toString(), "--backend", "java", "--threads", "1", "--batch-size", "5",
                    "--hub", hub.address(), "--hub-token-file", tokenFile.toString(), "--hub-client-id", CLIENT);
            CompletableFuture<?> ack = operator.stop();
            assertThat(score.exitCode()).as(score.err()).isZero();
            assertThat(ack).as("the operator's change was sent").isNotNull();
            ack.get(10, TimeUnit.SECONDS);

            Path recordFile = dir.resolve("out.run.json");
            JsonNode record = JSON.readTree(recordFile.toFile());
            JsonNode change = record.get("live_changes").get(0);
            assertThat(change.get("name").asText()).isEqualTo("batch_size");
            assertThat(change.get("option").asText()).isEqualTo("--batch-size");
            assertThat(change.get("old").asInt()).isEqualTo(5);
            assertThat(change.get("new").asInt()).isEqualTo(500);
            assertThat(change.get("at").asText()).isNotBlank();
            assertThat(record.get("options").get("--batch-size").asInt()).as("as started").isEqualTo(5);
            assertThat(record.get("options").get("--hub-token-file").asText()).isEqualTo(tokenFile.toString());
            assertThat(record.toString()).doesNotContain(Files.readString(tokenFile).trim());

            JsonNode shares = hub.server.core().store().recentShares(RunRecorder.SHARE_KIND, 10);
            assertThat(shares).hasSize(1);
            assertThat(shares.get(0).get("client_id").asText()).isEqualTo(CLIENT);
            assertThat(shares.get(0).get("payload").get("run_id").asText()).isEqualTo(record.get("run_id").asText());
            assertThat(shares.get(0).get("payload").get("live_changes")).isEqualTo(record.get("live_changes"));

            // a failed run leaves no file (bad input writes nothing) but its record reaches the hub
            CliRun failed = CliRun.of("score", "--seeds-file", seeds.toString(), "--train-history",
                    dir.resolve("missing.json").toString(), "--output-file", dir.resolve("failed.json").toString(),
                    "--backend", "java", "--hub", hub.address(), "--hub-token-file", tokenFile.toString());
            assertThat(failed.exitCode()).isEqualTo(65);
            assertThat(dir.resolve("failed.run.json")).doesNotExist();
            JsonNode failedShare = hub.server.core().store().recentShares(RunRecorder.SHARE_KIND, 10).get(0).get("payload");
            assertThat(failedShare.get("exit_status").asInt()).isEqualTo(65);
            assertThat(failedShare.get("error").asText()).contains("missing.json");
            assertThat(failedShare.get("inputs").get(1).get("sha256").isNull()).isTrue();

            CliRun dry = CliRun.of("replay", recordFile.toString(), "--dry-run", "--no-hub");
            assertThat(dry.exitCode()).as(dry.err()).isZero();
            assertThat(dry.out()).contains("--threads 1 --batch-size 500").doesNotContain("--hub")
                    .contains("live change replayed: --batch-size 500");
        }
        // persisted: the share is in the hub's SQLite file after the hub has stopped
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM shares WHERE kind = 'run_record'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(2);
        }
    }
}
