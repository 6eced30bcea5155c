package dev.survivor.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.survivor.hub.auth.TokenStore;
import dev.survivor.hub.client.HubClient;
import dev.survivor.hub.params.ParameterSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The hub runs in its own JVM and is killed with SIGKILL; everything it acknowledged must still be there. */
@Timeout(90)
class RestartDurabilityTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    @TempDir
    Path dir;

    private record Child(Process process, int port) { }

    private Child startHub() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Xmx256m",
                "-Dorg.sqlite.tmpdir=" + dir, "-cp", System.getProperty("java.class.path"),
                HubMain.class.getName(), "--port", "0", "--http-port", "-1",
                "--db", dir.resolve("hub.db").toString(), "--tokens", dir.resolve("tokens.json").toString())
                .redirectErrorStream(true).start();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        String line;
        while ((line = r.readLine()) != null) {
            seen.add(line);
            if (line.startsWith("HUB_READY port=")) {
                int port = Integer.parseInt(line.substring("HUB_READY port=".length()).split(" ")[0]);
                Thread.ofVirtual().start(() -> r.lines().forEach(l -> { }));
                return new Child(p, port);
            }
        }
        throw new IOException("hub process exited before it was ready: " + seen);
    }

    @Test
    void acknowledgedSharesAndParameterChangesSurviveSigkill() throws Exception {
        TokenStore tokens = TokenStore.load(dir.resolve("tokens.json"));
        String clientToken = tokens.add("workers", TokenStore.Role.CLIENT);
        String opToken = tokens.add("ops", TokenStore.Role.OPERATOR);

        Child first = startHub();
        Set<Long> acked = new HashSet<>();
        JsonNode change;
        try {
            HubClient worker = HubClient.connect(HubClient.Options.of("127.0.0.1", first.port(), "coord-1",
                    clientToken, "step3-coordinator", null));
            HubClient op = HubClient.connect(HubClient.Options.of("127.0.0.1", first.port(), "op",
                    opToken, "operator", null));
            worker.registerParameter(ParameterSpec.ofInt("batch_size", 64, 1, 4096, ""), v -> { });
            for (int i = 0; i < 200; i++) {
                acked.add(worker.share("run-" + i, "run_summary", F.objectNode().put("i", i)).storedId());
            }
            CompletableFuture<JsonNode> ack = CompletableFuture.supplyAsync(() -> {
                try {
                    return op.setParameter("coord-1", "batch_size", F.numberNode(512));
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            while (worker.pendingParameterChanges() == 0) {
                Thread.sleep(5);
            }
            worker.applyPendingParameters();
            change = ack.get(10, TimeUnit.SECONDS);
            assertThat(change.path("status").asText()).isEqualTo("acknowledged");
        } finally {
            first.process().destroyForcibly();
            first.process().waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(acked).hasSize(200);

        Child second = startHub();
        try (HubClient op = HubClient.connect(HubClient.Options.of("127.0.0.1", second.port(), "op", opToken,
                "operator", null));
             HubClient worker = HubClient.connect(HubClient.Options.of("127.0.0.1", second.port(), "coord-1",
                     clientToken, "step3-coordinator", null))) {
            JsonNode shares = op.command("get_shares", F.objectNode().put("kind", "run_summary").put("limit", 1000));
            assertThat(shares).hasSize(200);
            Set<Long> stored = new HashSet<>();
            shares.forEach(s -> stored.add(s.path("id").asLong()));
            assertThat(stored).isEqualTo(acked);
            // a resend after the restart is recognised, not stored twice
            assertThat(worker.share("run-7", "run_summary", F.objectNode().put("i", 7)).duplicate()).isTrue();
            JsonNode audit = op.command("status", null).path("parameter_changes");
            assertThat(audit).hasSize(1);
            assertThat(audit.get(0).path("status").asText()).isEqualTo("acknowledged");
            assertThat(audit.get(0).path("value_in_force").asInt()).isEqualTo(512);
            assertThat(audit.get(0).path("change_id").isMissingNode()).isTrue();
            assertThat(audit.get(0).path("id").asLong()).isEqualTo(change.path("change_id").asLong());
        } finally {
            second.process().destroy();
            second.process().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
