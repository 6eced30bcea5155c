package dev.survivor.hub.wrap;

import static dev.survivor.hub.supervise.Await.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.survivor.hub.client.HubClient;
import dev.survivor.hub.params.ParameterSpec;
import dev.survivor.hub.params.ParameterType;
import dev.survivor.hub.server.HubCore;
import dev.survivor.hub.server.TestHub;
import dev.survivor.hub.supervise.RestartPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wrap} end to end with real processes: a real argparse program (python3; a POSIX sh stand-in printing the
 * same argparse help where python3 is missing) that spawns a grandchild, prints JSON and plain lines, is killed
 * with SIGKILL and restarted with an operator's pending change, and is finally stopped with its whole tree.
 */
@Timeout(90)
public class WrapEndToEndTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    static final String PYTHON_PROG = """
            import argparse, json, subprocess, time
            p = argparse.ArgumentParser(prog="prog.py", formatter_class=argparse.ArgumentDefaultsHelpFormatter)
            p.add_argument("-b", "--batch-size", type=int, default=64, help="seeds per batch")
            p.add_argument("--mode", choices=["fast", "slow"], default="fast", help="how to run")
            p.add_argument("--verbose", action="store_true", help="more output")
            p.add_argument("--rate", type=float, default=0.5, help="learning rate")
            p.add_argument("input", help="input file")
            a = p.parse_args()
            print("starting with batch_size=%d" % a.batch_size, flush=True)
            g = subprocess.Popen(["sleep", "300"])
            print(json.dumps({"seen_batch_size": a.batch_size, "seen_mode": a.mode, "grandchild_pid": g.pid,
                              "progress": 0.5}), flush=True)
            print(json.dumps({"result": {"score": a.batch_size * a.rate}}), flush=True)
            print("plain log line", flush=True)
            while True:
                time.sleep(1)
            """;

    public static final String SH_PROG = """
            #!/bin/sh
            for a in "$@"; do
              if [ "$a" = "--help" ]; then
                cat <<'EOF'
            usage: prog.py [-h] [-b BATCH_SIZE] [--mode {fast,slow}] [--verbose] [--rate RATE] input

            positional arguments:
              input                 input file

            options:
              -h, --help            show this help message and exit
              -b BATCH_SIZE, --batch-size BATCH_SIZE
                                    seeds per batch (default: 64)
              --mode {fast,slow}    how to run (default: fast)
              --verbose             more output (default: False)
              --rate RATE           learning rate (default: 0.5)
            EOF
                exit 0
              fi
            done
            bs=64; mode=fast
            while [ $# -gt 0 ]; do
              case "$1" in -b|--batch-size) bs=$2; shift;; --mode) mode=$2; shift;; --rate) shift;; esac
              shift
            done
            echo "starting with batch_size=$bs"
            sleep 300 &
            echo "{\\"seen_batch_size\\": $bs, \\"seen_mode\\": \\"$mode\\", \\"grandchild_pid\\": $!, \\"progress\\": 0.5}"
            echo "{\\"result\\": {\\"score\\": $bs}}"
            echo "plain log line"
            wait
            """;

    @TempDir
    Path dir;

    static boolean hasPython() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import argparse").redirectErrorStream(true).start();
            return p.waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    /** The program to wrap: python3 + argparse when available, else the sh stand-in. */
    List<String> program() throws Exception {
        if (hasPython() && !Boolean.getBoolean("wrap.test.sh")) {
            Path prog = dir.resolve("prog.py");
            Files.writeString(prog, PYTHON_PROG);
            return new ArrayList<>(List.of("python3", prog.toString()));
        }
        Path prog = dir.resolve("prog.sh");
        Files.writeString(prog, SH_PROG);
        return new ArrayList<>(List.of("sh", prog.toString()));
    }

    @Test
    void wrappedProgramIsSteeredRestartedAndStoppedWithItsTree() throws Exception {
        List<String> cmd = program();
        cmd.addAll(List.of("--batch-size", "32", "in.txt"));
        WrappedCommand wrapped = new WrappedCommand(cmd, Wrapper.discover(cmd, Duration.ofSeconds(30)));
        List<ParameterSpec> specs = wrapped.specs();
        assertThat(specs).extracting(ParameterSpec::name).containsExactly("batch_size", "mode", "verbose", "rate");
        assertThat(specs).extracting(ParameterSpec::type).containsExactly(ParameterType.INT, ParameterType.CHOICE,
                ParameterType.BOOL, ParameterType.FLOAT);
        assertThat(specs.get(0).defaultValue().asInt()).isEqualTo(64);

        try (TestHub hub = new TestHub(dir);
             HubClient op = hub.operator("op");
             HubClient client = HubClient.connect(hub.options("wrap-prog", hub.clientToken, HubCore.WRAPPED_ROLE,
                     "prog"))) {
            Wrapper w = new Wrapper(client, wrapped, RestartPolicy.onFailure(1, Duration.ofMillis(200)),
                    Duration.ofSeconds(3), 50, null);
            w.register();
            CompletableFuture<Integer> exit = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                try {
                    exit.complete(w.run());
                } catch (Throwable t) {
                    exit.completeExceptionally(t);
                }
            });

            // parameters registered with the given value in force; JSON lines are variables, the rest the log
            JsonNode first = awaitWrapped(hub, v -> v.path("seen_batch_size").asInt() == 32
                    && v.path("log").toString().contains("plain log line"));
            assertThat(param(op, "batch_size").path("value").asInt()).isEqualTo(32);
            assertThat(param(op, "mode").path("choices").toString()).isEqualTo("[\"fast\",\"slow\"]");
            assertThat(first.path("state").asText()).isEqualTo("running");
            assertThat(first.path("progress").asDouble()).isEqualTo(0.5);
            assertThat(first.path("log").toString()).contains("starting with batch_size=32")
                    .doesNotContain("seen_batch_size");
            long pid1 = first.path("pid").asLong();
            long grandchild1 = first.path("grandchild_pid").asLong();
            assertThat(alive(grandchild1)).isTrue();
            awaitTrue(() -> shares(op).contains("\"score\""));
            JsonNode wrappedRow = op.command("status", null).path("wrapped").get(0);
            assertThat(wrappedRow.path("client_id").asText()).isEqualTo("wrap-prog");
            assertThat(wrappedRow.path("pid").asLong()).isEqualTo(pid1);

            // an operator's change is validated, acknowledged as pending, and does not touch the running process
            JsonNode ack = op.setParameter("wrap-prog", "batch_size", IntNode.valueOf(128));
            assertThat(ack.path("status").asText()).isEqualTo("acknowledged");
            assertThat(ack.path("reason").asText()).isEqualTo(Wrapper.APPLIES_NOTE);
            assertThat(ack.path("value_in_force").asInt()).isEqualTo(128);
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> op.setParameter("wrap-prog", "mode", F.textNode("warp")))
                    .hasMessageContaining("not one of [fast, slow]");
            assertThat(alive(pid1)).isTrue();
            awaitWrapped(hub, v -> v.path("pending_restart").asBoolean());

            // SIGKILL: the wrapper restarts it per policy with the new value, records the restart, and cleans up
            // the killed process's orphaned grandchild
            kill("-9", pid1);
            JsonNode second = awaitWrapped(hub, v -> v.path("seen_batch_size").asInt() == 128
                    && v.path("pid").asLong() != pid1 && v.path("state").asText().equals("running"));
            assertThat(second.path("restarts").asInt()).isEqualTo(1);
            assertThat(second.path("command").toString()).contains("\"--batch-size\",\"128\"");
            awaitTrue(() -> !alive(grandchild1));
            JsonNode restarts = op.command("list_restarts", null);
            assertThat(restarts).hasSize(1);
            assertThat(restarts.get(0).path("detail").path("reason").asText()).isEqualTo("signal 9");
            assertThat(restarts.get(0).path("detail").path("source").asText()).isEqualTo("wrap");
            assertThat(restarts.get(0).path("detail").path("old_pid").asLong()).isEqualTo(pid1);

            // the hub's execute on a wrapper restarts its program now; that is not a failure restart
            long pidBefore = second.path("pid").asLong();
            assertThat(op.command("execute", F.objectNode().put("script", "wrap-prog")).path("wrapped").asBoolean())
                    .isTrue();
            JsonNode third = awaitWrapped(hub, v -> v.path("pid").asLong() != pidBefore
                    && v.path("state").asText().equals("running") && v.path("grandchild_pid").asLong() != 0
                    && v.path("grandchild_pid").asLong() != second.path("grandchild_pid").asLong());
            assertThat(alive(pidBefore)).isFalse();
            assertThat(third.path("restarts").asInt()).isEqualTo(1);

            // the hub's stop: the whole tree goes, no restart follows, the wrapper reports and ends
            long pid2 = third.path("pid").asLong();
            long grandchild2 = third.path("grandchild_pid").asLong();
            assertThat(alive(grandchild2)).isTrue();
            JsonNode stop = op.command("stop", F.objectNode().put("script", "wrap-prog"));
            assertThat(stop.path("wrapped").asBoolean()).isTrue();
            assertThat(exit.get(30, java.util.concurrent.TimeUnit.SECONDS)).isZero();
            assertThat(alive(pid2)).isFalse();
            assertThat(alive(grandchild2)).isFalse();
            JsonNode last = awaitWrapped(hub, v -> v.path("state").asText().equals("stopped"));
            assertThat(last.path("exit_code").asInt()).isEqualTo(143);
            assertThat(op.command("list_restarts", null)).hasSize(1);
        }
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    static void kill(String signal, long pid) throws Exception {
        assertThat(new ProcessBuilder("kill", signal, Long.toString(pid)).inheritIO().start().waitFor()).isZero();
    }

    private static String shares(HubClient op) {
        try {
            return op.command("get_shares", F.objectNode().put("kind", Wrapper.RESULT_KIND)).toString();
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    private static JsonNode param(HubClient op, String name) throws Exception {
        return op.command("get_parameter", F.objectNode().put("client", "wrap-prog").put("name", name));
    }

    /** Waits until the wrapper's variables (values only) satisfy {@code ok}; returns them. */
    static JsonNode awaitWrapped(TestHub hub, Predicate<JsonNode> ok) throws Exception {
        JsonNode[] last = new JsonNode[1];
        awaitTrue(() -> {
            var s = hub.server.core().session("wrap-prog");
            if (s.isEmpty()) {
                return false;
            }
            var vals = F.objectNode();
            s.get().variables().forEach((k, v) -> vals.set(k, v.value()));
            last[0] = vals;
            return ok.test(vals);
        });
        return last[0];
    }
}
