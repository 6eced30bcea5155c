package dev.survivor.hub.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.survivor.hub.protocol.MessageCodec;
import java.util.concurrent.atomic.LongAdder;

/** Hub-wide counters; cheap to bump from every connection thread. */
public final class HubStats {
    public final LongAdder connectionsAccepted = new LongAdder();
    public final LongAdder authFailures = new LongAdder();
    public final LongAdder messagesIn = new LongAdder();
    public final LongAdder messagesOut = new LongAdder();
    public final LongAdder protocolErrors = new LongAdder();
    public final LongAdder sharesStored = new LongAdder();
    public final LongAdder sharesDuplicate = new LongAdder();
    public final LongAdder broadcasts = new LongAdder();
    public final LongAdder parameterChanges = new LongAdder();
    public final LongAdder heartbeatTimeouts = new LongAdder();
    public final LongAdder slowConsumersDropped = new LongAdder();

    public ObjectNode toJson() {
        return MessageCodec.JSON.createObjectNode()
                .put("connections_accepted", connectionsAccepted.sum())
                .put("auth_failures", authFailures.sum())
                .put("messages_in", messagesIn.sum())
                .put("messages_out", messagesOut.sum())
                .put("protocol_errors", protocolErrors.sum())
                .put("shares_stored", sharesStored.sum())
                .put("shares_duplicate", sharesDuplicate.sum())
                .put("broadcasts", broadcasts.sum())
                .put("parameter_changes", parameterChanges.sum())
                .put("heartbeat_timeouts", heartbeatTimeouts.sum())
                .put("slow_consumers_dropped", slowConsumersDropped.sum());
    }
}
