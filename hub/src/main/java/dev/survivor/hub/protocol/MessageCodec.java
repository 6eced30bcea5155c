package dev.survivor.hub.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.survivor.hub.params.ParameterSpec;
import dev.survivor.hub.params.ParameterType;
import dev.survivor.hub.protocol.Message.*;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * JSON line ↔ {@link Message}. Accepts {@code "type": "HELLO"} and the seeds' {@code "message_type": "hello"};
 * the connector's bare command types ({@code {"type":"status"}}) decode as {@link Command}. Pure: no I/O.
 */
public final class MessageCodec {

    /** Shared, thread-safe mapper with nesting limits so a hostile line cannot exhaust the stack. */
    public static final ObjectMapper JSON = new ObjectMapper();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
    }

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** Connector commands that may also be sent as a message type of their own. */
    public static final Set<String> COMMANDS = Set.of("STATUS", "LIST_SCRIPTS", "GET_SCRIPTS_INFO", "SCAN",
            "EXECUTE", "STOP", "CONTROL", "GET_COLLABORATIONS", "GET_PARAMETER", "SET_PARAMETER", "LIST_CLIENTS",
            "GET_SHARES");

    private MessageCodec() { }

    /** Decodes one line. With {@code expectAuth} the line must be the {@code {client_id, token}} object. */
    public static Message decode(byte[] line, boolean expectAuth) throws ProtocolException {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (IOException e) {
            throw new ProtocolException(ErrorCode.INVALID_JSON, "not valid JSON: " + firstLine(e.getMessage()));
        }
        if (node == null || !node.isObject()) {
            throw new ProtocolException(ErrorCode.INVALID_JSON, "expected a JSON object per line");
        }
        if (expectAuth) {
            return new Auth(text(node, "client_id"), text(node, "token"));
        }
        return decode((ObjectNode) node);
    }

    public static Message decode(String line, boolean expectAuth) throws ProtocolException {
        return decode(line.getBytes(StandardCharsets.UTF_8), expectAuth);
    }

    private static Message decode(ObjectNode n) throws ProtocolException {
        String type = typeName(n);
        if (COMMANDS.contains(type)) {
            ObjectNode args = n.has("args") && n.get("args").isObject() ? (ObjectNode) n.get("args") : n.deepCopy();
            args.remove(List.of("type", "message_type", "request_id"));
            return new Command(optText(n, "request_id"), type.toLowerCase(Locale.ROOT), args);
        }
        return switch (type) {
            case "HELLO" -> new Hello(text(n, "role"), optText(n, "specialization"), strings(n, "capabilities"));
            case "SYNC" -> new Sync(optText(n, "client_id"), n.path("clients"), n.path("collaborations"),
                    n.path("parameters"));
            case "HEARTBEAT", "PING" -> new Heartbeat();
            case "REGISTER_PARAMETER" -> new RegisterParameter(spec(n));
            case "REGISTER_VARIABLE" -> new RegisterVariable(text(n, "name"), orNull(n.get("value")),
                    n.path("read_only").asBoolean(true));
            case "UPDATE_VARIABLES", "UPDATE_RESULTS", "RESULTS" -> new UpdateVariables(object(n, "values"));
            case "APPLY_PARAMETER" -> new SetParameter(longField(n, "request_id"), text(n, "name"),
                    orNull(n.get("value")), optText(n, "from"));
            case "PARAMETER_ACK" -> new ParameterAck(longField(n, "request_id"), text(n, "name"),
                    orNull(n.get("value")), n.path("applied").asBoolean(true), optText(n, "reason"));
            case "SHARE" -> new Share(text(n, "share_id"), text(n, "kind"), orNull(n.get("payload")));
            case "SHARE_ACK" -> new ShareAck(text(n, "share_id"), n.path("stored_id").asLong(),
                    n.path("duplicate").asBoolean());
            case "BROADCAST" -> new Broadcast(optText(n, "from"), orNull(n.get("payload")));
            case "DIRECT", "MESSAGE", "TARGETED" -> new Direct(optText(n, "from"), text(n, "to"),
                    orNull(n.get("payload")));
            case "COLLABORATION_REQUEST" -> new CollaborationRequest(optText(n, "collab_id"), optText(n, "from"),
                    text(n, "to"), text(n, "task"), orNull(n.get("payload")));
            case "COLLABORATION_ACCEPT" -> new CollaborationAccept(text(n, "collab_id"), optText(n, "from"));
            case "COLLABORATION_REJECT" -> new CollaborationReject(text(n, "collab_id"), optText(n, "from"),
                    optText(n, "reason"));
            case "COLLABORATION_PROGRESS" -> new CollaborationProgress(text(n, "collab_id"), optText(n, "from"),
                    fraction(n), optText(n, "note"));
            case "COLLABORATION_COMPLETE" -> new CollaborationComplete(text(n, "collab_id"), optText(n, "from"),
                    n.path("success").asBoolean(true), orNull(n.get("result")));
            case "COMMAND" -> new Command(optText(n, "request_id"), text(n, "command").toLowerCase(Locale.ROOT),
                    n.has("args") ? object(n, "args") : F.objectNode());
            case "RESPONSE" -> new Response(optText(n, "request_id"), optText(n, "command"),
                    n.path("ok").asBoolean(), orNull(n.get("data")), optText(n, "error"));
            case "ERROR" -> new Message.Error(errorCode(n), optText(n, "message"), optText(n, "request_id"));
            case "BYE" -> new Bye();
            default -> throw new ProtocolException(ErrorCode.UNKNOWN_TYPE, "unknown message type '" + type + "'");
        };
    }

    /** Encodes a message as one line, terminator included. */
    public static byte[] encode(Message m) {
        try {
            byte[] json = JSON.writeValueAsBytes(toJson(m));
            byte[] line = new byte[json.length + 1];
            System.arraycopy(json, 0, line, 0, json.length);
            line[json.length] = '\n';
            return line;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + m.getClass().getSimpleName(), e);
        }
    }

    public static String encodeToString(Message m) {
        return new String(encode(m), StandardCharsets.UTF_8);
    }

    public static ObjectNode toJson(Message m) {
        ObjectNode n = F.objectNode();
        if (!(m instanceof Auth)) {
            n.put("type", typeOf(m));
        }
        switch (m) {
            case Auth a -> n.put("client_id", a.clientId()).put("token", a.token());
            case Hello h -> {
                n.put("role", h.role()).put("specialization", h.specialization());
                ArrayNode caps = n.putArray("capabilities");
                h.capabilities().forEach(caps::add);
            }
            case Sync s -> {
                n.put("client_id", s.clientId());
                n.set("clients", s.clients());
                n.set("collaborations", s.collaborations());
                n.set("parameters", s.parameters());
            }
            case Heartbeat h -> { }
            case RegisterParameter r -> specToJson(r.spec(), n);
            case RegisterVariable v -> n.put("name", v.name()).put("read_only", v.readOnly()).set("value", v.value());
            case UpdateVariables u -> n.set("values", u.values());
            case SetParameter s -> {
                n.put("request_id", s.requestId()).put("name", s.name()).put("from", s.from());
                n.set("value", s.value());
            }
            case ParameterAck a -> {
                n.put("request_id", a.requestId()).put("name", a.name()).put("applied", a.applied());
                n.set("value", a.value());
                if (a.reason() != null) {
                    n.put("reason", a.reason());
                }
            }
            case Share s -> n.put("share_id", s.shareId()).put("kind", s.kind()).set("payload", s.payload());
            case ShareAck a -> n.put("share_id", a.shareId()).put("stored_id", a.storedId())
                    .put("duplicate", a.duplicate());
            case Broadcast b -> n.put("from", b.from()).set("payload", b.payload());
            case Direct d -> n.put("from", d.from()).put("to", d.to()).set("payload", d.payload());
            case CollaborationRequest r -> n.put("collab_id", r.collabId()).put("from", r.from()).put("to", r.to())
                    .put("task", r.task()).set("payload", r.payload());
            case CollaborationAccept a -> n.put("collab_id", a.collabId()).put("from", a.from());
            case CollaborationReject r -> n.put("collab_id", r.collabId()).put("from", r.from())
                    .put("reason", r.reason());
            case CollaborationProgress p -> n.put("collab_id", p.collabId()).put("from", p.from())
                    .put("progress", p.progress()).put("note", p.note());
            case CollaborationComplete c -> n.put("collab_id", c.collabId()).put("from", c.from())
                    .put("success", c.success()).set("result", c.result());
            case Command c -> {
                n.put("request_id", c.requestId()).put("command", c.command());
                n.set("args", c.args());
            }
            case Response r -> {
                n.put("request_id", r.requestId()).put("command", r.command()).put("ok", r.ok());
                n.set("data", r.data());
                if (r.error() != null) {
                    n.put("error", r.error());
                }
            }
            case Message.Error e -> n.put("code", e.code().name()).put("message", e.message())
                    .put("request_id", e.requestId());
            case Bye b -> { }
        }
        return n;
    }

    static String typeOf(Message m) {
        return switch (m) {
            case Auth a -> "AUTH";
            case Hello h -> "HELLO";
            case Sync s -> "SYNC";
            case Heartbeat h -> "HEARTBEAT";
            case RegisterParameter r -> "REGISTER_PARAMETER";
            case RegisterVariable r -> "REGISTER_VARIABLE";
            case UpdateVariables u -> "UPDATE_VARIABLES";
            case SetParameter s -> "APPLY_PARAMETER";
            case ParameterAck a -> "PARAMETER_ACK";
            case Share s -> "SHARE";
            case ShareAck s -> "SHARE_ACK";
            case Broadcast b -> "BROADCAST";
            case Direct d -> "DIRECT";
            case CollaborationRequest r -> "COLLABORATION_REQUEST";
            case CollaborationAccept a -> "COLLABORATION_ACCEPT";
            case CollaborationReject r -> "COLLABORATION_REJECT";
            case CollaborationProgress p -> "COLLABORATION_PROGRESS";
            case CollaborationComplete c -> "COLLABORATION_COMPLETE";
            case Command c -> "COMMAND";
            case Response r -> "RESPONSE";
            case Message.Error e -> "ERROR";
            case Bye b -> "BYE";
        };
    }

    public static ObjectNode specToJson(ParameterSpec s, ObjectNode n) {
        n.put("name", s.name()).put("param_type", s.type().wireName()).put("description", s.description());
        n.set("default", s.defaultValue());
        if (s.min() != null) {
            n.put("min", s.min());
        }
        if (s.max() != null) {
            n.put("max", s.max());
        }
        if (!s.choices().isEmpty()) {
            ArrayNode c = n.putArray("choices");
            s.choices().forEach(c::add);
        }
        return n;
    }

    public static ParameterSpec spec(JsonNode n) throws ProtocolException {
        String name = text(n, "name");
        try {
            String typeText = n.hasNonNull("param_type") ? n.get("param_type").asText() : text(n, "value_type");
            Double min = n.hasNonNull("min") ? number(n, "min") : null;
            Double max = n.hasNonNull("max") ? number(n, "max") : null;
            List<String> choices = strings(n, n.has("choices") ? "choices" : "valid_values");
            return new ParameterSpec(name, ParameterType.parse(typeText), orNull(n.get("default")), min, max,
                    choices, optText(n, "description"));
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, e.getMessage());
        }
    }

    private static String typeName(JsonNode n) throws ProtocolException {
        JsonNode t = n.has("type") ? n.get("type") : n.get("message_type");
        if (t == null || t.isNull()) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "missing field 'type' (or 'message_type')");
        }
        if (!t.isTextual()) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, "field 'type' must be a string");
        }
        return t.asText().trim().toUpperCase(Locale.ROOT);
    }

    static String text(JsonNode n, String field) throws ProtocolException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "missing field '" + field + "'");
        }
        if (!v.isTextual() || v.asText().isEmpty()) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, "field '" + field + "' must be a non-empty string");
        }
        return v.asText();
    }

    static String optText(JsonNode n, String field) throws ProtocolException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode()) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, "field '" + field + "' must be a string");
        }
        return v.asText();
    }

    private static long longField(JsonNode n, String field) throws ProtocolException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "missing field '" + field + "'");
        }
        if (v.canConvertToLong() && v.isIntegralNumber()) {
            return v.asLong();
        }
        if (v.isTextual()) {
            try {
                return Long.parseLong(v.asText());
            } catch (NumberFormatException ignored) {
                // reported below
            }
        }
        throw new ProtocolException(ErrorCode.BAD_FIELD, "field '" + field + "' must be an integer");
    }

    private static double number(JsonNode n, String field) throws ProtocolException {
        JsonNode v = n.get(field);
        if (v == null || !v.isNumber()) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, "field '" + field + "' must be a number");
        }
        return v.asDouble();
    }

    private static double fraction(JsonNode n) throws ProtocolException {
        double p = n.has("progress") ? number(n, "progress") : 0.0;
        if (!(p >= 0 && p <= 1)) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, "field 'progress' must be within [0, 1], got " + p);
        }
        return p;
    }

    private static ObjectNode object(JsonNode n, String field) throws ProtocolException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "missing field '" + field + "'");
        }
        if (!v.isObject()) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, "field '" + field + "' must be an object");
        }
        return (ObjectNode) v;
    }

    private static List<String> strings(JsonNode n, String field) throws ProtocolException {
        JsonNode v = n.get(field);
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isArray()) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, "field '" + field + "' must be an array of strings");
        }
        for (JsonNode e : v) {
            if (!e.isValueNode()) {
                throw new ProtocolException(ErrorCode.BAD_FIELD, "field '" + field + "' must hold strings only");
            }
            out.add(e.asText());
        }
        return out;
    }

    private static ErrorCode errorCode(JsonNode n) {
        try {
            return ErrorCode.valueOf(n.path("code").asText());
        } catch (IllegalArgumentException e) {
            return ErrorCode.INTERNAL;
        }
    }

    private static JsonNode orNull(JsonNode v) {
        return v == null ? NullNode.instance : v;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int i = s.indexOf('\n');
        return i < 0 ? s : s.substring(0, i);
    }
}
