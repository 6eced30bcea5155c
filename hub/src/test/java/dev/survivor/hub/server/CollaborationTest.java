package dev.survivor.hub.server;

import static dev.survivor.hub.server.HubServerTest.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.survivor.hub.client.HubClient;
import dev.survivor.hub.client.HubException;
import dev.survivor.hub.protocol.ErrorCode;
import dev.survivor.hub.protocol.Message;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class CollaborationTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    @TempDir
    Path dir;

    @Test
    void requestAcceptProgressCompleteAndReputationGatesRequests() throws Exception {
        try (TestHub hub = new TestHub(dir);
             HubClient a = hub.client("a", "step5-trainer", "xgboost");
             HubClient b = hub.client("b", "step5-trainer", "lightgbm")) {
            BlockingQueue<Message> atA = new LinkedBlockingQueue<>();
            BlockingQueue<Message> atB = new LinkedBlockingQueue<>();
            a.onMessage(atA::add);
            b.onMessage(atB::add);

            String id = a.requestCollaboration("b", "cross-validate", F.objectNode().put("folds", 5));
            Message.CollaborationRequest req = (Message.CollaborationRequest) atB.poll(5, TimeUnit.SECONDS);
            assertThat(req.from()).isEqualTo("a");
            assertThat(req.collabId()).isEqualTo(id);
            b.acceptCollaboration(id);
            assertThat(atA.poll(5, TimeUnit.SECONDS)).isEqualTo(new Message.CollaborationAccept(id, "b"));
            b.collaborationProgress(id, 0.5, "fold 3/5");
            assertThat(atA.poll(5, TimeUnit.SECONDS)).isEqualTo(new Message.CollaborationProgress(id, "b", 0.5, "fold 3/5"));
            b.completeCollaboration(id, true, F.objectNode().put("cv", 0.88));
            Message done = atA.poll(5, TimeUnit.SECONDS);
            assertThat(done).isInstanceOf(Message.CollaborationComplete.class);
            assertThat(((Message.CollaborationComplete) done).success()).isTrue();
            double afterSuccess = hub.server.core().session("b").orElseThrow().reputation();
            assertThat(afterSuccess).isCloseTo(0.6, org.assertj.core.data.Offset.offset(1e-9));

            // b fails three collaborations in a row: 0.6 -> 0.48 -> 0.384 -> 0.3072 -> 0.24576 after four
            for (int i = 0; i < 4; i++) {
                String c = a.requestCollaboration("b", "retrain", F.nullNode());
                atB.poll(5, TimeUnit.SECONDS);
                b.acceptCollaboration(c);
                b.completeCollaboration(c, false, F.textNode("diverged"));
                atA.poll(5, TimeUnit.SECONDS);
                atA.poll(5, TimeUnit.SECONDS);
            }
            awaitTrue(() -> hub.server.core().session("b").orElseThrow().reputation() < 0.3);
            assertThatThrownBy(() -> b.requestCollaboration("a", "help", F.nullNode()))
                    .isInstanceOfSatisfying(HubException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.LOW_REPUTATION);
                        assertThat(e.getMessage()).contains("below the trust threshold 0.300");
                    });
            JsonNode collabs = a.command("get_collaborations", null);
            assertThat(collabs).hasSize(5);
            assertThat(collabs.toString()).contains("\"completed\"").contains("\"failed\"");
        }
        // reputation is persisted, so a restarted hub still distrusts b
        try (var store = dev.survivor.hub.store.HubStore.open(dir.resolve("hub.db"))) {
            double[] rep = store.reputationOf("b").orElseThrow();
            assertThat(rep[0]).isLessThan(0.3);
            assertThat(rep[1]).isEqualTo(1);
            assertThat(rep[2]).isEqualTo(4);
        }
    }

    @Test
    void silentClientIsMarkedGoneAndItsCollaborationsFail() throws Exception {
        try (TestHub hub = new TestHub(dir, b -> b.heartbeatTimeout(Duration.ofMillis(800)))) {
            HubClient live = HubClient.connect(hub.options("live", hub.clientToken, "step3-coordinator", null)
                    .withHeartbeat(Duration.ofMillis(100)));
            HubClient silent = HubClient.connect(hub.options("silent", hub.clientToken, "step3-worker", "gpu1")
                    .withHeartbeat(Duration.ZERO));
            try (live; silent) {
                BlockingQueue<Message> atLive = new LinkedBlockingQueue<>();
                live.onMessage(atLive::add);
                String id = live.requestCollaboration("silent", "score-chunk", F.nullNode());
                awaitTrue(() -> !silent.isConnected());
                Message m = atLive.poll(5, TimeUnit.SECONDS);
                assertThat(m).isInstanceOf(Message.CollaborationComplete.class);
                Message.CollaborationComplete c = (Message.CollaborationComplete) m;
                assertThat(c.collabId()).isEqualTo(id);
                assertThat(c.success()).isFalse();
                assertThat(c.result().asText()).contains("no message or heartbeat");
                assertThat(live.isConnected()).isTrue();
                assertThat(hub.server.core().stats().heartbeatTimeouts.sum()).isEqualTo(1);
                assertThat(hub.server.core().store().countEvents("gone")).isEqualTo(1);
                assertThat(hub.server.core().store().collaborations(false, 10).get(0).path("status").asText())
                        .isEqualTo("failed");
            }
        }
    }
}
