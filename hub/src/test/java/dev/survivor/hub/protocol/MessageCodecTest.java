package dev.survivor.hub.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.survivor.hub.params.ParameterSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MessageCodecTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private static Message roundTrip(Message m) throws ProtocolException {
        byte[] line = MessageCodec.encode(m);
        assertThat(line[line.length - 1]).isEqualTo((byte) '\n');
        String text = new String(line, StandardCharsets.UTF_8);
        assertThat(text.indexOf('\n')).isEqualTo(text.length() - 1);
        return MessageCodec.decode(java.util.Arrays.copyOf(line, line.length - 1), m instanceof Message.Auth);
    }

    @Test
    void everyMessageTypeRoundTrips() throws ProtocolException {
        ObjectNode payload = F.objectNode().put("score", 0.93).put("note", "line1\nline2");
        List<Message> all = List.of(
                new Message.Auth("trainer-1", "sph_x"),
                new Message.Hello("step5-trainer", "xgboost", List.of("gpu", "cuda")),
                new Message.Sync("c", F.arrayNode(), F.arrayNode(), F.objectNode()),
                new Message.Heartbeat(),
                new Message.RegisterParameter(ParameterSpec.ofInt("batch_size", 64, 1, 4096, "seeds per batch")),
                new Message.RegisterParameter(ParameterSpec.ofChoice("backend", "cpu", List.of("cpu", "cuda"), "")),
                new Message.RegisterVariable("progress", F.numberNode(0.5), true),
                new Message.UpdateVariables(F.objectNode().put("seeds_per_s", 1.5e6)),
                new Message.SetParameter(7, "batch_size", F.numberNode(128), "op"),
                new Message.ParameterAck(7, "batch_size", F.numberNode(128), true, null),
                new Message.ParameterAck(8, "batch_size", F.numberNode(64), false, "busy"),
                new Message.Share("s1", "best_params", payload),
                new Message.ShareAck("s1", 3, false),
                new Message.Broadcast("a", payload),
                new Message.Direct("a", "b", payload),
                new Message.CollaborationRequest("c1", "a", "b", "cross-validate", payload),
                new Message.CollaborationAccept("c1", "b"),
                new Message.CollaborationReject("c1", "b", "busy"),
                new Message.CollaborationProgress("c1", "b", 0.25, "fold 1"),
                new Message.CollaborationComplete("c1", "b", true, payload),
                new Message.Command("r1", "status", F.objectNode()),
                new Message.Response("r1", "status", true, payload, null),
                new Message.Error(ErrorCode.INVALID_JSON, "bad", "r2"),
                new Message.Bye());
        for (Message m : all) {
            assertThat(roundTrip(m)).as(m.type()).isEqualTo(m);
        }
    }

    @Test
    void acceptsTheSeedsSpellingAndBareConnectorCommands() throws ProtocolException {
        assertThat(MessageCodec.decode("{\"message_type\":\"hello\",\"role\":\"operator\"}", false))
                .isEqualTo(new Message.Hello("operator", null, List.of()));
        assertThat(MessageCodec.decode("{\"message_type\":\"update_results\",\"values\":{\"a\":1}}", false))
                .isInstanceOf(Message.UpdateVariables.class);
        Message m = MessageCodec.decode("{\"type\":\"set_parameter\",\"request_id\":\"9\",\"client\":\"w\","
                + "\"name\":\"batch_size\",\"value\":5}", false);
        assertThat(m).isInstanceOf(Message.Command.class);
        Message.Command c = (Message.Command) m;
        assertThat(c.command()).isEqualTo("set_parameter");
        assertThat(c.requestId()).isEqualTo("9");
        assertThat(c.args().get("client").asText()).isEqualTo("w");
        assertThat(c.args().has("type")).isFalse();
    }

    @Test
    void registerParameterAcceptsSeedFieldNames() throws ProtocolException {
        Message m = MessageCodec.decode("{\"type\":\"REGISTER_PARAMETER\",\"name\":\"model\",\"value_type\":\"choice\","
                + "\"default\":\"xgb\",\"valid_values\":[\"xgb\",\"lgbm\"]}", false);
        ParameterSpec s = ((Message.RegisterParameter) m).spec();
        assertThat(s.choices()).containsExactly("xgb", "lgbm");
        assertThat(s.defaultValue().asText()).isEqualTo("xgb");
    }

    @Test
    void badInputGetsTheRightErrorCode() {
        assertCode("{not json", ErrorCode.INVALID_JSON);
        assertCode("[1,2]", ErrorCode.INVALID_JSON);
        assertCode("42", ErrorCode.INVALID_JSON);
        assertCode("{}", ErrorCode.MISSING_FIELD);
        assertCode("{\"type\":7}", ErrorCode.BAD_FIELD);
        assertCode("{\"type\":\"NOPE\"}", ErrorCode.UNKNOWN_TYPE);
        assertCode("{\"type\":\"SHARE\",\"kind\":\"x\"}", ErrorCode.MISSING_FIELD);
        assertCode("{\"type\":\"HELLO\",\"role\":{}}", ErrorCode.BAD_FIELD);
        assertCode("{\"type\":\"COLLABORATION_PROGRESS\",\"collab_id\":\"c\",\"progress\":1.5}", ErrorCode.BAD_FIELD);
        assertCode("{\"type\":\"REGISTER_PARAMETER\",\"name\":\"n\",\"param_type\":\"int\",\"default\":5,\"min\":6}",
                ErrorCode.BAD_FIELD);
        assertCode("[".repeat(500), ErrorCode.INVALID_JSON);
    }

    @Test
    void authLineNeedsClientIdAndToken() {
        assertThatThrownBy(() -> MessageCodec.decode("{\"client_id\":\"a\"}", true))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.MISSING_FIELD))
                .hasMessageContaining("token");
    }

    @Test
    void fuzzedInputOnlyEverRaisesProtocolException() {
        Random rnd = new Random(20261122);
        String[] pieces = {"{", "}", "\"type\"", ":", "\"SHARE\"", ",", "\"share_id\"", "\"x\"", "[", "]", "null",
            "1e999", "-", "\"payload\"", "\\u0000", "\"kind\"", "true", "\"message_type\"", "\"collab_id\""};
        int decoded = 0;
        for (int i = 0; i < 3000; i++) {
            byte[] line;
            if (i % 2 == 0) {
                line = new byte[rnd.nextInt(64)];
                rnd.nextBytes(line);
            } else {
                StringBuilder sb = new StringBuilder();
                for (int k = rnd.nextInt(12); k >= 0; k--) {
                    sb.append(pieces[rnd.nextInt(pieces.length)]);
                }
                line = sb.toString().getBytes(StandardCharsets.UTF_8);
            }
            try {
                MessageCodec.decode(line, rnd.nextBoolean());
                decoded++;
            } catch (ProtocolException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
        assertThat(decoded).isLessThan(3000);
    }

    private static void assertCode(String line, ErrorCode code) {
        assertThatThrownBy(() -> MessageCodec.decode(line, false)).as(line)
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.code()).isEqualTo(code));
    }
}
