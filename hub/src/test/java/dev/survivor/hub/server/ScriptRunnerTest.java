package dev.survivor.hub.server;

import static dev.survivor.hub.server.HubServerTest.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.survivor.hub.client.HubClient;
import dev.survivor.hub.client.HubException;
import dev.survivor.hub.protocol.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** execute / stop / list_scripts / get_scripts_info / scan with real child processes. */
@Timeout(60)
class ScriptRunnerTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    @TempDir
    Path dir;

    @Test
    void operatorStartsAndStopsConfiguredScriptsOnly() throws Exception {
        Path scripts = dir.resolve("scripts.json");
        Files.writeString(scripts, """
                {"scripts": {
                  "echoer": {"command": ["sh", "-c", "echo hello from $0 $1; echo hub=$PIPELINE_HUB"],
                             "description": "prints two lines"},
                  "sleeper": {"command": ["sleep", "30"]}
                }}""");
        try (TestHub hub = new TestHub(dir, b -> b.scripts(scripts));
             HubClient op = hub.operator("op");
             HubClient plain = hub.client("w", "step3-worker", null)) {
            assertThat(op.command("list_scripts", null).toString()).isEqualTo("[\"echoer\",\"sleeper\"]");
            assertThatThrownBy(() -> plain.command("execute", F.objectNode().put("script", "sleeper")))
                    .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
            assertThatThrownBy(() -> op.command("execute", F.objectNode().put("script", "rm -rf /")))
                    .isInstanceOfSatisfying(HubException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_SCRIPT));

            var args = F.objectNode().put("script", "echoer");
            args.putArray("args").add("extra");
            JsonNode started = op.command("execute", args);
            assertThat(started.path("pid").asLong()).isPositive();
            awaitTrue(() -> {
                try {
                    JsonNode run = info(op, "echoer").path("run");
                    return !run.path("alive").asBoolean(true) && run.path("log").size() == 2;
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            JsonNode run = info(op, "echoer").path("run");
            assertThat(run.path("exit_code").asInt()).isZero();
            assertThat(run.path("log").get(0).asText()).isEqualTo("hello from extra");
            assertThat(run.path("log").get(1).asText()).isEqualTo("hub=127.0.0.1:" + hub.port());

            JsonNode sleeping = op.command("execute", F.objectNode().put("script", "sleeper"));
            assertThatThrownBy(() -> op.command("execute", F.objectNode().put("script", "sleeper")))
                    .hasMessageContaining("already running");
            JsonNode stopped = op.command("stop", F.objectNode().put("script", "sleeper"));
            assertThat(stopped.path("pid").asLong()).isEqualTo(sleeping.path("pid").asLong());
            assertThat(stopped.path("alive").asBoolean()).isFalse();
            assertThat(stopped.path("forced").asBoolean()).isFalse();
            assertThat(stopped.path("exit_code").asInt()).isEqualTo(143);
            assertThat(ProcessHandle.of(sleeping.path("pid").asLong()).map(ProcessHandle::isAlive).orElse(false))
                    .isFalse();

            assertThat(hub.server.core().store().countEvents("execute")).isEqualTo(2);
            assertThat(hub.server.core().store().countEvents("stop")).isEqualTo(1);
            Files.writeString(scripts, "{\"scripts\": {\"only\": {\"command\": [\"true\"]}}}");
            assertThat(op.command("scan", null).toString()).isEqualTo("[\"only\"]");
        }
    }

    private static JsonNode info(HubClient op, String name) throws Exception {
        for (JsonNode s : op.command("get_scripts_info", null)) {
            if (s.path("name").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no script " + name);
    }
}
