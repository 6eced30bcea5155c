package dev.survivor.hub.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.survivor.hub.client.HubClient;
import dev.survivor.hub.client.HubException;
import dev.survivor.hub.params.ParameterSpec;
import dev.survivor.hub.protocol.ErrorCode;
import dev.survivor.hub.protocol.Message;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** End to end over real loopback sockets: auth, robustness, parameters, messages. */
@Timeout(60)
class HubServerTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    @TempDir
    Path dir;

    @Test
    void goodTokenGetsSyncBadOrMissingTokenGetsOneErrorLineAndIsClosed() throws Exception {
        try (TestHub hub = new TestHub(dir); HubClient w = hub.client("w1", "step3-worker", "gpu0")) {
            Message.Sync sync = w.sync();
            assertThat(sync.clientId()).isEqualTo("w1");
            assertThat(sync.clients().toString()).contains("\"w1\"").contains("step3-worker");

            try (RawConnection raw = new RawConnection(hub.port())) {
                JsonNode err = raw.send("{\"client_id\":\"x\",\"token\":\"sph_wrong\"}").read();
                assertThat(err.path("type").asText()).isEqualTo("ERROR");
                assertThat(err.path("code").asText()).isEqualTo("AUTH_FAILED");
                assertThat(raw.closedByHub()).isTrue();
            }
            try (RawConnection raw = new RawConnection(hub.port())) {
                JsonNode err = raw.send("{\"client_id\":\"x\"}").read();
                assertThat(err.path("code").asText()).isEqualTo("NOT_AUTHENTICATED");
                assertThat(err.path("message").asText()).contains("token");
                assertThat(raw.closedByHub()).isTrue();
            }
            try (RawConnection raw = new RawConnection(hub.port())) {
                // a protocol message before the auth line is refused the same way
                assertThat(raw.send("{\"type\":\"STATUS\"}").read().path("code").asText())
                        .isEqualTo("NOT_AUTHENTICATED");
                assertThat(raw.closedByHub()).isTrue();
            }
            try (RawConnection raw = new RawConnection(hub.port())) {
                assertThat(raw.send("{\"client_id\":\"" + "x".repeat(2 << 20) + "\"}").read().path("code").asText())
                        .isEqualTo("LINE_TOO_LONG");
                assertThat(raw.closedByHub()).isTrue();
            }
            assertThatThrownBy(() -> HubClient.connect(hub.options("x", "", "operator", null)))
                    .isInstanceOfSatisfying(HubException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_AUTHENTICATED));
            assertThatThrownBy(() -> HubClient.connect(hub.options("x", hub.clientToken + "x", "operator", null)))
                    .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.AUTH_FAILED));
            assertThat(hub.server.core().stats().authFailures.sum()).isEqualTo(2);
            // the authenticated client was never disturbed
            assertThat(w.command("status", null).path("hub").path("connected").asInt()).isEqualTo(1);
        }
    }

    @Test
    void anotherTokenCannotTakeOverAClientIdAndAnIdIsConnectedOnlyOnce() throws Exception {
        try (TestHub hub = new TestHub(dir)) {
            try (HubClient w = hub.client("trainer-1", "step5-trainer", "xgboost")) {
                assertThat(w.isConnected()).isTrue();
                assertThatThrownBy(() -> hub.client("trainer-1", "step5-trainer", "xgboost"))
                        .isInstanceOfSatisfying(HubException.class,
                                e -> assertThat(e.code()).isEqualTo(ErrorCode.CLIENT_ID_IN_USE));
            }
            // replay of trainer-1's id with a different (valid) token
            assertThatThrownBy(() -> HubClient.connect(hub.options("trainer-1", hub.otherToken, "step5-trainer", null)))
                    .isInstanceOfSatisfying(HubException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.AUTH_FAILED);
                        assertThat(e.getMessage()).contains("belongs to another token");
                    });
            // its own token may reconnect once the first connection is gone
            awaitTrue(() -> hub.server.core().session("trainer-1").isEmpty());
            try (HubClient again = hub.client("trainer-1", "step5-trainer", "xgboost")) {
                assertThat(again.isConnected()).isTrue();
            }
        }
    }

    @Test
    void malformedInputGetsErrorRepliesAndTheHubKeepsServingEveryone() throws Exception {
        try (TestHub hub = new TestHub(dir, b -> b.maxLineBytes(4096));
             HubClient bystander = hub.client("bystander", "step6", null);
             RawConnection raw = new RawConnection(hub.port())) {
            raw.send("{\"client_id\":\"fuzzer\",\"token\":\"" + hub.clientToken + "\"}");
            assertThat(raw.send("{\"type\":\"STATUS\"}").read().path("code").asText()).isEqualTo("HELLO_REQUIRED");
            assertThat(raw.send("{\"type\":\"HELLO\",\"role\":\"step6\"}").read().path("type").asText())
                    .isEqualTo("SYNC");
            String[] bad = {"{oops", "[]", "\"text\"", "{\"type\":\"WHAT\"}", "{\"type\":\"SHARE\"}",
                "{\"type\":\"SYNC\"}", "{\"type\":\"PARAMETER_ACK\",\"request_id\":99,\"name\":\"x\"}",
                "{\"type\":\"DIRECT\",\"to\":\"nobody\",\"payload\":1}", "{\"type\":\"set_parameter\"}",
                "{\"type\":\"COMMAND\",\"command\":\"format_disk\"}", "x".repeat(10_000)};
            String[] codes = {"INVALID_JSON", "INVALID_JSON", "INVALID_JSON", "UNKNOWN_TYPE", "MISSING_FIELD",
                "UNKNOWN_TYPE", "BAD_FIELD", "UNKNOWN_CLIENT", "FORBIDDEN", "UNKNOWN_COMMAND", "LINE_TOO_LONG"};
            for (int i = 0; i < bad.length; i++) {
                JsonNode reply = raw.send(bad[i]).read();
                assertThat(reply.path("type").asText()).as(bad[i]).isEqualTo("ERROR");
                assertThat(reply.path("code").asText()).as(bad[i]).isEqualTo(codes[i]);
            }
            raw.sendBytes(new byte[] {(byte) 0xff, (byte) 0xfe, '{', '\n'});
            assertThat(raw.read().path("code").asText()).isEqualTo("INVALID_JSON");
            // still served, and so is everyone else
            JsonNode ok = raw.send("{\"type\":\"COMMAND\",\"command\":\"status\",\"request_id\":\"q\"}").read();
            assertThat(ok.path("type").asText()).isEqualTo("RESPONSE");
            assertThat(ok.path("request_id").asText()).isEqualTo("q");
            assertThat(bystander.share("k", F.objectNode().put("v", 1)).duplicate()).isFalse();
            assertThat(hub.server.core().stats().protocolErrors.sum()).isGreaterThanOrEqualTo(bad.length + 2);
        }
    }

    @Test
    void parameterChangeIsValidatedDeliveredAppliedAtTheSafePointAcknowledgedAndAudited() throws Exception {
        try (TestHub hub = new TestHub(dir);
             HubClient worker = hub.client("coord", "step3-coordinator", null);
             HubClient op = hub.operator("alice-cli")) {
            AtomicReference<JsonNode> applied = new AtomicReference<>();
            worker.registerParameter(ParameterSpec.ofInt("batch_size", 64, 1, 4096, "seeds per batch"), applied::set);
            worker.registerParameter(ParameterSpec.ofChoice("backend", "cpu", List.of("cpu", "cuda"), ""), v -> {
                throw new IllegalStateException("backend cannot change mid-run");
            });
            awaitTrue(() -> hub.server.core().session("coord").map(s -> s.parameters().size() == 2).orElse(false));

            assertThatThrownBy(() -> op.setParameter("coord", "batch_size", F.numberNode(5000)))
                    .isInstanceOfSatisfying(HubException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_VALUE);
                        assertThat(e.getMessage()).contains("outside the range [1, 4096]");
                    });
            assertThatThrownBy(() -> op.setParameter("coord", "nope", F.numberNode(1)))
                    .isInstanceOfSatisfying(HubException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_PARAMETER));
            try (HubClient plain = hub.client("peer", "step6", null)) {
                assertThatThrownBy(() -> plain.setParameter("coord", "batch_size", F.numberNode(2)))
                        .isInstanceOfSatisfying(HubException.class,
                                e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
            }

            CompletableFuture<JsonNode> ack = CompletableFuture.supplyAsync(() -> {
                try {
                    return op.setParameter("coord", "batch_size", F.textNode("256"));
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            // the worker keeps 64 until it reaches a safe point
            awaitTrue(() -> worker.pendingParameterChanges() == 1);
            assertThat(worker.parameter("batch_size").asLong()).isEqualTo(64);
            assertThat(ack).isNotDone();
            assertThat(worker.applyPendingParameters()).isEqualTo(1);
            JsonNode result = ack.get(10, TimeUnit.SECONDS);
            assertThat(result.path("status").asText()).isEqualTo("acknowledged");
            assertThat(result.path("value_in_force").asLong()).isEqualTo(256);
            assertThat(applied.get().asLong()).isEqualTo(256);
            assertThat(worker.parameter("batch_size").asLong()).isEqualTo(256);
            JsonNode got = op.command("get_parameter", F.objectNode().put("client", "coord").put("name", "batch_size"));
            assertThat(got.path("value").asLong()).isEqualTo(256);

            // a change the component refuses at its safe point is reported, not silently dropped
            CompletableFuture<Throwable> refused = CompletableFuture.supplyAsync(() -> {
                try {
                    op.setParameter("coord", "backend", F.textNode("cuda"));
                    return null;
                } catch (Exception e) {
                    return e;
                }
            });
            awaitTrue(() -> worker.pendingParameterChanges() == 1);
            assertThat(worker.applyPendingParameters()).isZero();
            assertThat(refused.get(10, TimeUnit.SECONDS)).hasMessageContaining("refused")
                    .hasMessageContaining("backend cannot change mid-run");
            assertThat(worker.parameter("backend").asText()).isEqualTo("cpu");

            JsonNode audit = hub.server.core().store().parameterChanges(10);
            assertThat(audit).hasSize(2);
            assertThat(audit.get(1).path("requested_by").asText()).isEqualTo("alice-cli");
            assertThat(audit.get(1).path("old_value").asLong()).isEqualTo(64);
            assertThat(audit.get(1).path("new_value").asLong()).isEqualTo(256);
            assertThat(audit.get(1).path("status").asText()).isEqualTo("acknowledged");
            assertThat(audit.get(1).path("acknowledged_at").asText()).isNotEmpty();
            assertThat(audit.get(0).path("status").asText()).isEqualTo("refused");
        }
    }

    @Test
    void broadcastsDirectMessagesAndSharesReachTheRightPeers() throws Exception {
        try (TestHub hub = new TestHub(dir);
             HubClient a = hub.client("a", "step5-trainer", "xgboost");
             HubClient b = hub.client("b", "step5-trainer", "lightgbm");
             HubClient c = hub.client("c", "step6", null)) {
            BlockingQueue<Message> atB = new LinkedBlockingQueue<>();
            BlockingQueue<Message> atC = new LinkedBlockingQueue<>();
            b.onMessage(atB::add);
            c.onMessage(atC::add);
            a.broadcast(F.objectNode().put("hello", "all"));
            a.sendTo("c", F.objectNode().put("only", "c"));
            assertThat(atB.poll(5, TimeUnit.SECONDS)).isEqualTo(new Message.Broadcast("a", F.objectNode().put("hello", "all")));
            Message first = atC.poll(5, TimeUnit.SECONDS);
            Message second = atC.poll(5, TimeUnit.SECONDS);
            assertThat(List.of(first, second)).contains(new Message.Direct("a", "c", F.objectNode().put("only", "c")));
            assertThat(atB.poll(300, TimeUnit.MILLISECONDS)).isNull();

            Message.ShareAck s1 = a.share("best-1", "best_params", F.objectNode().put("max_depth", 6).put("cv", 0.91));
            Message.ShareAck again = a.share("best-1", "best_params", F.objectNode().put("max_depth", 6));
            assertThat(again.duplicate()).isTrue();
            assertThat(again.storedId()).isEqualTo(s1.storedId());
            JsonNode shares = c.command("get_shares", F.objectNode().put("kind", "best_params"));
            assertThat(shares).hasSize(1);
            assertThat(shares.get(0).path("payload").path("cv").asDouble()).isEqualTo(0.91);
        }
    }

    static void awaitTrue(java.util.function.BooleanSupplier cond) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not reached within 10 s");
            }
            Thread.sleep(10);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
