package dev.survivor.pipeline.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.survivor.hub.client.HubClient;
import dev.survivor.hub.params.ParameterSpec;
import dev.survivor.hub.protocol.MessageCodec;
import dev.survivor.pipeline.CliRun;
import dev.survivor.pipeline.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The real `pipeline hub …` commands against a hub started by `pipeline hub serve`. */
@Timeout(120)
class HubCliTest {
    @TempDir
    Path dir;

    @Test
    void tokenServeStatusSetInfoListAndHarness() throws Exception {
        Path tokens = dir.resolve("tokens.json");
        Path opFile = dir.resolve("op.token");
        CliRun add = CliRun.of("hub", "token", "add", "ops", "--operator", "--tokens", tokens.toString(),
                "--out", opFile.toString());
        assertThat(add.exitCode()).as(add.err()).isZero();
        assertThat(add.lastOutLine()).startsWith("sph_");
        assertThat(Files.readString(opFile).strip()).isEqualTo(add.lastOutLine());
        assertThat(Files.readString(tokens)).doesNotContain(add.lastOutLine());
        CliRun worker = CliRun.of("hub", "token", "add", "workers", "--tokens", tokens.toString());
        String workerToken = worker.lastOutLine();
        assertThat(CliRun.of("hub", "token", "list", "--tokens", tokens.toString()).out())
                .contains("ops").contains("operator").contains("workers");

        StringWriter serveOut = new StringWriter();
        AtomicInteger serveExit = new AtomicInteger(-1);
        Thread serve = new Thread(() -> serveExit.set(Main.commandLine(new PrintWriter(serveOut, true),
                new PrintWriter(new StringWriter(), true)).execute("hub", "serve", "--port", "0", "--http-port", "-1",
                "--db", dir.resolve("hub.db").toString(), "--tokens", tokens.toString())));
        serve.start();
        int port = awaitPort(serveOut);
        String hub = "127.0.0.1:" + port;
        AtomicBoolean running = new AtomicBoolean(true);
        try (HubClient coord = HubClient.connect(HubClient.Options.of("127.0.0.1", port, "coord", workerToken,
                "step3-coordinator", null))) {
            coord.registerParameter(ParameterSpec.ofInt("batch_size", 64, 1, 4096, "seeds per batch"), v -> { });
            Thread safePoints = Thread.ofVirtual().start(() -> {
                while (running.get()) {
                    try {
                        coord.applyPendingParameters();
                        Thread.sleep(20);
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            List<String> conn = List.of("--hub", hub, "--hub-token-file", opFile.toString());

            CliRun status = run("status", conn);
            assertThat(status.exitCode()).as(status.err()).isZero();
            assertThat(status.out()).contains("coord").contains("step3-coordinator");

            CliRun set = run("set", conn, "coord", "batch_size", "128");
            assertThat(set.exitCode()).as(set.err()).isZero();
            assertThat(set.out()).contains("coord batch_size = 128 (acknowledged");
            assertThat(coord.parameter("batch_size").asInt()).isEqualTo(128);

            CliRun bad = run("set", conn, "coord", "batch_size", "99999");
            assertThat(bad.exitCode()).isEqualTo(65);
            assertThat(bad.err()).contains("outside the range [1, 4096]");

            CliRun info = run("info", conn, "coord");
            assertThat(info.exitCode()).as(info.err()).isZero();
            JsonNode infoJson = MessageCodec.JSON.readTree(info.out());
            assertThat(infoJson.path("parameters").get(0).path("value").asInt()).isEqualTo(128);

            CliRun list = run("list", conn);
            assertThat(list.out()).contains("coord").contains("batch_size=128");

            CliRun noToken = CliRun.of("hub", "status", "--hub", hub);
            if (System.getenv("PIPELINE_HUB_TOKEN_FILE") == null) {
                assertThat(noToken.exitCode()).isEqualTo(64);
                assertThat(noToken.err()).contains("--hub-token-file");
            }
            running.set(false);
            safePoints.join();
        } finally {
            serve.interrupt();
            serve.join(30_000);
        }
        assertThat(serveExit.get()).isZero();

        Path report = dir.resolve("report.json");
        Path chart = dir.resolve("chart.png");
        CliRun harness = CliRun.of("hub", "harness", "--scenario", "multi_spec", "--duration", "1",
                "--export", report.toString(), "--chart", chart.toString());
        assertThat(harness.exitCode()).as(harness.err()).isZero();
        JsonNode r = MessageCodec.JSON.readTree(report.toFile());
        assertThat(r.path("scenario").asText()).isEqualTo("multi_spec");
        assertThat(r.path("clients")).hasSize(4);
        assertThat(Files.size(chart)).isGreaterThan(1000);
        assertThat(harness.err()).contains("4/4 clients succeeded");

        CliRun unknown = CliRun.of("hub", "harness", "--scenario", "chaos");
        assertThat(unknown.exitCode()).isEqualTo(65);
        assertThat(unknown.err()).contains("unknown scenario 'chaos'");
    }

    private static CliRun run(String cmd, List<String> conn, String... rest) {
        List<String> args = new ArrayList<>(List.of("hub", cmd));
        args.addAll(conn);
        args.addAll(List.of(rest));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static int awaitPort(StringWriter out) throws InterruptedException {
        Pattern p = Pattern.compile("hub listening on 127\\.0\\.0\\.1:(\\d+)");
        for (int i = 0; i < 600; i++) {
            Matcher m = p.matcher(out.toString());
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("hub serve did not start: " + out);
    }

}
