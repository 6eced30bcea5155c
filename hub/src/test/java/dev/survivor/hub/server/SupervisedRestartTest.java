package dev.survivor.hub.server;

import static dev.survivor.hub.supervise.Await.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.survivor.hub.client.HubClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Supervised restart of hub-started scripts with real processes killed by SIGKILL and frozen by SIGSTOP. */
@Timeout(120)
class SupervisedRestartTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    @TempDir
    Path dir;

    @Test
    void killedScriptIsRestartedUpToMaxRestartsAndAnOperatorStopIsFinal() throws Exception {
        Path scripts = dir.resolve("scripts.json");
        Files.writeString(scripts, """
                {"scripts": {"sleeper": {"command": ["sh", "-c", "echo up $$; exec sleep 300"],
                  "restart": {"policy": "on-failure", "max_restarts": 2, "backoff_ms": 100}}}}""");
        try (TestHub hub = new TestHub(dir, b -> b.scripts(scripts)); HubClient op = hub.operator("op")) {
            long pid = op.command("execute", F.objectNode().put("script", "sleeper")).path("pid").asLong();
            for (int attempt = 1; attempt <= 2; attempt++) {
                long old = pid;
                kill(old);
                int n = attempt;
                awaitTrue(() -> run(op).path("restarts").asInt() == n && run(op).path("alive").asBoolean());
                pid = run(op).path("pid").asLong();
                assertThat(pid).isNotEqualTo(old);
                JsonNode r = op.command("list_restarts", null).get(0).path("detail");
                assertThat(r.path("script").asText()).isEqualTo("sleeper");
                assertThat(r.path("attempt").asInt()).isEqualTo(attempt);
                assertThat(r.path("reason").asText()).isEqualTo("signal 9");
                assertThat(r.path("old_pid").asLong()).isEqualTo(old);
                assertThat(r.path("pid").asLong()).isEqualTo(pid);
            }
            // the third death exceeds max_restarts: it stays down, and says so
            kill(pid);
            awaitTrue(() -> run(op).path("state").asText().equals("exited"));
            Thread.sleep(500);  // well past the 100-400 ms backoff: no late restart
            JsonNode run = run(op);
            assertThat(run.path("alive").asBoolean()).isFalse();
            assertThat(run.path("gave_up").asBoolean()).isTrue();
            assertThat(run.path("exit_code").asInt()).isEqualTo(137);
            assertThat(run.path("restarts").asInt()).isEqualTo(2);
            assertThat(hub.server.core().store().countEvents("restart")).isEqualTo(2);
            assertThat(hub.server.core().store().countEvents("restart_gave_up")).isEqualTo(1);
            assertThat(run.path("log").toString()).contains("restart 2/2");

            // an operator's stop (SIGTERM, non-zero exit) is never followed by a restart
            long fresh = op.command("execute", F.objectNode().put("script", "sleeper")).path("pid").asLong();
            JsonNode stopped = op.command("stop", F.objectNode().put("script", "sleeper"));
            assertThat(stopped.path("exit_code").asInt()).isEqualTo(143);
            Thread.sleep(500);
            assertThat(run(op).path("state").asText()).isEqualTo("stopped");
            assertThat(run(op).path("pid").asLong()).isEqualTo(fresh);
            assertThat(hub.server.core().store().countEvents("restart")).isEqualTo(2);
            assertThat(hub.server.core().snapshot().path("restarts")).hasSize(2);
        }
    }

    @Test
    void executeArgumentsCarryThePolicyAndAFrozenHubClientIsKilledAndRestarted() throws Exception {
        Path token = dir.resolve("worker.token");
        Path scripts = dir.resolve("scripts.json");
        Files.writeString(scripts, "{\"scripts\": {}}");  // the command needs the hub's token; filled in below
        try (TestHub hub = new TestHub(dir, b -> b.scripts(scripts).heartbeatTimeout(Duration.ofSeconds(2)))) {
            Files.writeString(token, hub.clientToken);
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            var scriptsJson = F.objectNode();
            var cmd = scriptsJson.putObject("scripts").putObject("hb").putArray("command");
            for (String s : new String[] {java, "-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp",
                    System.getProperty("java.class.path"), HeartbeatChild.class.getName(), token.toString(),
                    "hb-child"}) {
                cmd.add(s);
            }
            Files.writeString(scripts, scriptsJson.toString());
            hub.server.core().scripts().scan();
            try (HubClient op = HubClient.connect(hub.options("op", hub.operatorToken, "operator", null)
                    .withHeartbeat(Duration.ofMillis(300)))) {
                var args = F.objectNode().put("script", "hb");
                args.putObject("restart").put("policy", "on-failure").put("max_restarts", 1).put("backoff_ms", 100);
                long pid = op.command("execute", args).path("pid").asLong();
                awaitTrue(() -> hub.server.core().session("hb-child").filter(ClientSession::helloDone).isPresent());
                assertThat(hub.server.core().session("hb-child").get().capabilities()).contains("script:hb");

                // SIGSTOP: the process lives but sends nothing; the hub notices, kills the tree and restarts it
                new ProcessBuilder("kill", "-STOP", Long.toString(pid)).start().waitFor();
                awaitTrue(60, () -> run(op).path("restarts").asInt() == 1 && run(op).path("pid").asLong() != pid);
                awaitTrue(() -> !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
                JsonNode r = op.command("list_restarts", null).get(0).path("detail");
                assertThat(r.path("reason").asText()).isEqualTo("heartbeat");
                assertThat(r.path("old_pid").asLong()).isEqualTo(pid);
                assertThat(hub.server.core().store().countEvents("heartbeat_lost")).isEqualTo(1);
                // the restarted process connects again under the same id
                awaitTrue(() -> hub.server.core().session("hb-child").filter(ClientSession::helloDone).isPresent());
                op.command("stop", F.objectNode().put("script", "hb"));
            }
        }
    }

    private static void kill(long pid) throws Exception {
        assertThat(new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor()).isZero();
    }

    private static JsonNode run(HubClient op) {
        try {
            for (JsonNode s : op.command("get_scripts_info", null)) {
                if (s.path("run").isObject()) {
                    return s.path("run");
                }
            }
            return F.objectNode();
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }
}
