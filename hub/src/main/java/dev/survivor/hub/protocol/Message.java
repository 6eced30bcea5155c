package dev.survivor.hub.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.survivor.hub.params.ParameterSpec;
import java.util.List;

/**
 * Every message of the hub protocol. One JSON object per line; {@link MessageCodec} maps between the two. Fields
 * named {@code from} are filled in by the hub when it forwards a message (a client cannot choose its sender id).
 */
public sealed interface Message {

    /** Wire name of this message's type (upper case). */
    default String type() {
        return MessageCodec.typeOf(this);
    }

    /** First line from a client; it has no type field. */
    record Auth(String clientId, String token) implements Message { }

    record Hello(String role, String specialization, List<String> capabilities) implements Message { }

    /** Hub's answer to HELLO: a snapshot of active clients, open collaborations and parameters. */
    record Sync(String clientId, JsonNode clients, JsonNode collaborations, JsonNode parameters) implements Message { }

    record Heartbeat() implements Message { }

    record RegisterParameter(ParameterSpec spec) implements Message { }

    record RegisterVariable(String name, JsonNode value, boolean readOnly) implements Message { }

    /** Variable values and results (the seeds' update_results). */
    record UpdateVariables(ObjectNode values) implements Message { }

    /** Hub → client: apply this value at the next safe point and acknowledge with {@link ParameterAck}. */
    record SetParameter(long requestId, String name, JsonNode value, String from) implements Message { }

    /** Client → hub: the value now in force (or why it was refused). */
    record ParameterAck(long requestId, String name, JsonNode value, boolean applied, String reason)
            implements Message { }

    record Share(String shareId, String kind, JsonNode payload) implements Message { }

    record ShareAck(String shareId, long storedId, boolean duplicate) implements Message { }

    record Broadcast(String from, JsonNode payload) implements Message { }

    record Direct(String from, String to, JsonNode payload) implements Message { }

    record CollaborationRequest(String collabId, String from, String to, String task, JsonNode payload)
            implements Message { }

    record CollaborationAccept(String collabId, String from) implements Message { }

    record CollaborationReject(String collabId, String from, String reason) implements Message { }

    record CollaborationProgress(String collabId, String from, double progress, String note) implements Message { }

    record CollaborationComplete(String collabId, String from, boolean success, JsonNode result)
            implements Message { }

    /** Control command (status, list_scripts, get_scripts_info, scan, execute, stop, control, ...). */
    record Command(String requestId, String command, ObjectNode args) implements Message { }

    record Response(String requestId, String command, boolean ok, JsonNode data, String error) implements Message { }

    record Error(ErrorCode code, String message, String requestId) implements Message { }

    record Bye() implements Message { }
}
