package dev.survivor.hub.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.survivor.hub.auth.TokenStore;
import dev.survivor.hub.params.ParameterSpec;
import dev.survivor.hub.protocol.MessageCodec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** What the hub knows about one authenticated client: identity, HELLO data, parameters, variables, reputation. */
public final class ClientSession {

    /** A registered parameter and the value the client last acknowledged as in force. */
    public record ParameterState(ParameterSpec spec, JsonNode value) { }

    public record VariableState(JsonNode value, boolean readOnly) { }

    private final String clientId;
    private final TokenStore.Entry token;
    private final ClientConnection connection;
    private final Instant connectedAt = Instant.now();
    private volatile String role;
    private volatile String specialization;
    private volatile List<String> capabilities = List.of();
    final Map<String, ParameterState> parameters = new ConcurrentHashMap<>();
    final Map<String, VariableState> variables = new ConcurrentHashMap<>();
    final LongAdder messagesIn = new LongAdder();
    final LongAdder sharesStored = new LongAdder();
    private double reputation;
    private long successes;
    private long failures;

    ClientSession(String clientId, TokenStore.Entry token, ClientConnection connection, double reputation,
                  long successes, long failures) {
        this.clientId = clientId;
        this.token = token;
        this.connection = connection;
        this.reputation = reputation;
        this.successes = successes;
        this.failures = failures;
    }

    public String clientId() {
        return clientId;
    }

    public TokenStore.Entry token() {
        return token;
    }

    public boolean isOperator() {
        return token.role() == TokenStore.Role.OPERATOR;
    }

    public ClientConnection connection() {
        return connection;
    }

    public String role() {
        return role;
    }

    public boolean helloDone() {
        return role != null;
    }

    void hello(String role, String specialization, List<String> capabilities) {
        this.specialization = specialization;
        this.capabilities = List.copyOf(capabilities);
        this.role = role;
    }

    public String specialization() {
        return specialization;
    }

    public List<String> capabilities() {
        return capabilities;
    }

    public synchronized double reputation() {
        return reputation;
    }

    /** Applies one collaboration outcome; returns {reputation, successes, failures} after it. */
    synchronized double[] recordOutcome(Reputation rule, boolean success) {
        reputation = rule.update(reputation, success);
        if (success) {
            successes++;
        } else {
            failures++;
        }
        return new double[] {reputation, successes, failures};
    }

    public Map<String, ParameterState> parameters() {
        return parameters;
    }

    public Map<String, VariableState> variables() {
        return variables;
    }

    public ObjectNode toJson() {
        ObjectNode n = MessageCodec.JSON.createObjectNode();
        n.put("client_id", clientId).put("role", role).put("specialization", specialization)
                .put("token_name", token.name()).put("connected_at", connectedAt.toString())
                .put("idle_ms", (System.nanoTime() - connection.lastSeenNanos()) / 1_000_000)
                .put("messages_in", messagesIn.sum()).put("shares", sharesStored.sum());
        synchronized (this) {
            n.put("reputation", reputation).put("successes", successes).put("failures", failures);
        }
        ArrayNode caps = n.putArray("capabilities");
        capabilities.forEach(caps::add);
        ArrayNode params = n.putArray("parameters");
        parameters.values().stream().sorted((a, b) -> a.spec().name().compareTo(b.spec().name())).forEach(p -> {
            ObjectNode o = MessageCodec.specToJson(p.spec(), params.addObject());
            o.set("value", p.value());
        });
        ObjectNode vars = n.putObject("variables");
        variables.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> vars.putObject(e.getKey())
                .put("read_only", e.getValue().readOnly()).set("value", e.getValue().value()));
        return n;
    }
}
