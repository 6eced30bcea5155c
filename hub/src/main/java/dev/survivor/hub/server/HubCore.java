package dev.survivor.hub.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.survivor.hub.auth.TokenStore;
import dev.survivor.hub.params.ParameterSpec;
import dev.survivor.hub.protocol.ErrorCode;
import dev.survivor.hub.protocol.Message;
import dev.survivor.hub.protocol.MessageCodec;
import dev.survivor.hub.protocol.ProtocolException;
import dev.survivor.hub.store.HubStore;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The hub's state and the operations on it, shared by the TCP dispatcher and the dashboard. Clients, parameters
 * and collaborations live in memory for speed and are written through to {@link HubStore}.
 */
public final class HubCore {
    private static final Logger LOG = Logger.getLogger(HubCore.class.getName());
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_.:@-]{1,128}");

    /** A parameter change delivered to a client and not yet acknowledged. */
    private record PendingChange(long id, String clientId, String name, CompletableFuture<ObjectNode> result) { }

    /** In-memory view of one collaboration. */
    static final class Collab {
        final String id;
        final String requester;
        final String target;
        final String task;
        String status = "requested";
        double progress;

        Collab(String id, String requester, String target, String task) {
            this.id = id;
            this.requester = requester;
            this.target = target;
            this.task = task;
        }
    }

    private final HubConfig config;
    private final HubStore store;
    private final TokenStore tokens;
    private final HubStats stats = new HubStats();
    private final ScriptRunner scripts;
    private final Instant startedAt = Instant.now();
    private final Map<String, ClientSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, Collab> collabs = new ConcurrentHashMap<>();
    private final Map<Long, PendingChange> pending = new ConcurrentHashMap<>();
    private volatile boolean shuttingDown;

    public HubCore(HubConfig config, HubStore store, TokenStore tokens, ScriptRunner scripts) {
        this.config = config;
        this.store = store;
        this.tokens = tokens;
        this.scripts = scripts;
        scripts.events((kind, detail) -> event(kind, detail.path("script").asText(null), detail));
    }

    /** HELLO role of the clients {@code pipeline hub wrap} runs; their child is controlled with stop/execute. */
    public static final String WRAPPED_ROLE = "wrapped-script";
    /** HELLO capability prefix tying a client to the hub-started script it runs in ({@code script:NAME}). */
    public static final String SCRIPT_CAPABILITY = "script:";

    /** Set by the server before it closes the database, so late disconnects are not reported as failures. */
    void shuttingDown() {
        shuttingDown = true;
    }

    public HubStats stats() {
        return stats;
    }

    public HubStore store() {
        return store;
    }

    public TokenStore tokens() {
        return tokens;
    }

    public ScriptRunner scripts() {
        return scripts;
    }

    public Optional<ClientSession> session(String clientId) {
        return Optional.ofNullable(sessions.get(clientId));
    }

    public List<ClientSession> sessions() {
        return sessions.values().stream().sorted(Comparator.comparing(ClientSession::clientId)).toList();
    }

    // ---- connection lifecycle ----

    ClientSession authenticate(ClientConnection conn, Message.Auth auth) throws ProtocolException {
        tokens.reloadIfChanged();
        TokenStore.Entry entry = tokens.verify(auth.token()).orElseThrow(() -> {
            stats.authFailures.increment();
            return new ProtocolException(ErrorCode.AUTH_FAILED, "invalid token");
        });
        if (!CLIENT_ID.matcher(auth.clientId()).matches()) {
            stats.authFailures.increment();
            throw new ProtocolException(ErrorCode.BAD_FIELD, "client_id must be 1-128 of [A-Za-z0-9_.:@-]");
        }
        double[] rep;
        try {
            Optional<String> owner = store.tokenNameOf(auth.clientId());
            if (owner.isPresent() && !owner.get().equals(entry.name())) {
                stats.authFailures.increment();
                throw new ProtocolException(ErrorCode.AUTH_FAILED,
                        "client id '" + auth.clientId() + "' belongs to another token");
            }
            rep = store.reputationOf(auth.clientId())
                    .orElse(new double[] {config.reputation().initial(), 0, 0});
        } catch (SQLException e) {
            throw storeFailure(e);
        }
        ClientSession s = new ClientSession(auth.clientId(), entry, conn, rep[0], (long) rep[1], (long) rep[2]);
        if (sessions.putIfAbsent(auth.clientId(), s) != null) {
            stats.authFailures.increment();
            throw new ProtocolException(ErrorCode.CLIENT_ID_IN_USE,
                    "client id '" + auth.clientId() + "' is already connected");
        }
        try {
            store.clientConnected(auth.clientId(), entry.name());
        } catch (SQLException e) {
            sessions.remove(auth.clientId(), s);
            throw storeFailure(e);
        }
        return s;
    }

    Message.Sync hello(ClientSession s, Message.Hello h) throws ProtocolException {
        s.hello(h.role(), h.specialization(), h.capabilities());
        try {
            store.clientHello(s.clientId(), h.role(), h.specialization(), h.capabilities());
            store.event("hello", s.clientId(), MessageCodec.JSON.createObjectNode().put("role", h.role()));
        } catch (SQLException e) {
            throw storeFailure(e);
        }
        return sync(s.clientId());
    }

    Message.Sync sync(String clientId) throws ProtocolException {
        ArrayNode clients = MessageCodec.JSON.createArrayNode();
        ObjectNode params = MessageCodec.JSON.createObjectNode();
        for (ClientSession c : sessions()) {
            clients.addObject().put("client_id", c.clientId()).put("role", c.role())
                    .put("specialization", c.specialization()).put("reputation", c.reputation());
            ObjectNode p = params.putObject(c.clientId());
            c.parameters.forEach((k, v) -> p.set(k, v.value()));
        }
        try {
            return new Message.Sync(clientId, clients, store.collaborations(true, 100), params);
        } catch (SQLException e) {
            throw storeFailure(e);
        }
    }

    /** Called once per closed connection: the client is gone, its open collaborations fail. */
    void disconnected(ClientSession s, String reason) {
        if (!sessions.remove(s.clientId(), s)) {
            return;
        }
        try {
            store.clientStatus(s.clientId(), "gone");
            store.event("gone", s.clientId(), MessageCodec.JSON.createObjectNode().put("reason", reason));
            for (String id : store.failCollaborationsOf(s.clientId(), "client " + s.clientId() + " gone: " + reason)) {
                Collab c = collabs.remove(id);
                if (c != null) {
                    String other = c.requester.equals(s.clientId()) ? c.target : c.requester;
                    if (c.target.equals(s.clientId())) {
                        persistOutcome(s, false);
                    }
                    sendTo(other, new Message.CollaborationComplete(id, s.clientId(), false,
                            MessageCodec.JSON.getNodeFactory().textNode("participant gone: " + reason)));
                }
            }
        } catch (SQLException e) {
            LOG.log(shuttingDown ? Level.FINE : Level.WARNING, "could not record that " + s.clientId() + " is gone", e);
        }
        pending.values().removeIf(p -> {
            if (!p.clientId().equals(s.clientId())) {
                return false;
            }
            resolveChange(p, "undelivered", null, "client disconnected before acknowledging");
            return true;
        });
    }

    // ---- script interface ----

    void registerParameter(ClientSession s, ParameterSpec spec) throws ProtocolException {
        s.parameters.put(spec.name(), new ClientSession.ParameterState(spec, spec.defaultValue()));
        try {
            store.saveParameter(s.clientId(), spec.name(), MessageCodec.specToJson(spec,
                    MessageCodec.JSON.createObjectNode()), spec.defaultValue());
        } catch (SQLException e) {
            throw storeFailure(e);
        }
    }

    void registerVariable(ClientSession s, String name, JsonNode value, boolean readOnly) {
        s.variables.put(name, new ClientSession.VariableState(value, readOnly));
    }

    void updateVariables(ClientSession s, ObjectNode values) {
        values.properties().forEach(e -> s.variables.merge(e.getKey(),
                new ClientSession.VariableState(e.getValue(), true),
                (old, neu) -> new ClientSession.VariableState(neu.value(), old.readOnly())));
    }

    /**
     * Validates a change against the parameter's spec, audits it and delivers it. The future completes when the
     * client acknowledges (with the value now in force), refuses, or disconnects.
     */
    public CompletableFuture<ObjectNode> requestParameterChange(String requestedBy, String clientId, String name,
                                                                JsonNode proposed) throws ProtocolException {
        ClientSession target = sessions.get(clientId);
        if (target == null) {
            throw new ProtocolException(ErrorCode.UNKNOWN_CLIENT, "no connected client '" + clientId + "'");
        }
        JsonNode value;
        JsonNode old;
        ClientSession.ParameterState p = target.parameters.get(name);
        if (p != null) {
            try {
                value = p.spec().validate(proposed);
            } catch (ParameterSpec.InvalidValueException e) {
                throw new ProtocolException(ErrorCode.INVALID_VALUE, e.getMessage());
            }
            old = p.value();
        } else {
            ClientSession.VariableState v = target.variables.get(name);
            if (v == null) {
                throw new ProtocolException(ErrorCode.UNKNOWN_PARAMETER,
                        "client '" + clientId + "' has no parameter '" + name + "'; it has "
                                + target.parameters.keySet());
            }
            if (v.readOnly()) {
                throw new ProtocolException(ErrorCode.FORBIDDEN, "variable '" + name + "' is read-only");
            }
            value = proposed;
            old = v.value();
        }
        long id;
        try {
            id = store.changeRequested(clientId, name, old, value, requestedBy);
        } catch (SQLException e) {
            throw storeFailure(e);
        }
        stats.parameterChanges.increment();
        PendingChange change = new PendingChange(id, clientId, name, new CompletableFuture<>());
        pending.put(id, change);
        target.connection().send(new Message.SetParameter(id, name, value, requestedBy));
        return change.result();
    }

    void parameterAck(ClientSession s, Message.ParameterAck ack) throws ProtocolException {
        PendingChange p = pending.get(ack.requestId());
        if (p == null || !p.clientId().equals(s.clientId())) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, "no pending parameter change " + ack.requestId());
        }
        pending.remove(ack.requestId());
        if (ack.applied()) {
            s.parameters.computeIfPresent(p.name(), (k, st) -> new ClientSession.ParameterState(st.spec(), ack.value()));
            s.variables.computeIfPresent(p.name(), (k, st) -> new ClientSession.VariableState(ack.value(), false));
            ClientSession.ParameterState st = s.parameters.get(p.name());
            if (st != null) {
                try {
                    store.saveParameter(s.clientId(), p.name(), MessageCodec.specToJson(st.spec(),
                            MessageCodec.JSON.createObjectNode()), ack.value());
                } catch (SQLException e) {
                    throw storeFailure(e);
                }
            }
            resolveChange(p, "acknowledged", ack.value(), ack.reason());
        } else {
            resolveChange(p, "refused", ack.value(), ack.reason());
        }
    }

    private void resolveChange(PendingChange p, String status, JsonNode inForce, String reason) {
        try {
            store.changeResolved(p.id(), status, inForce, reason);
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "could not audit parameter change " + p.id(), e);
        }
        ObjectNode r = MessageCodec.JSON.createObjectNode().put("change_id", p.id()).put("client", p.clientId())
                .put("name", p.name()).put("status", status).put("reason", reason);
        r.set("value_in_force", inForce);
        p.result().complete(r);
    }

    // ---- supervision ----

    /** Called before a silent client is disconnected: a hub-started script it belongs to is killed and restarted. */
    void heartbeatLost(ClientSession s) {
        event("heartbeat_lost", s.clientId(), MessageCodec.JSON.createObjectNode().put("role", s.role()));
        for (String cap : s.capabilities()) {
            if (cap.startsWith(SCRIPT_CAPABILITY)) {
                scripts.heartbeatLost(cap.substring(SCRIPT_CAPABILITY.length()));
            }
        }
    }

    /** A connected {@code pipeline hub wrap} client, if {@code name} is one. */
    Optional<ClientSession> wrapped(String name) {
        ClientSession s = sessions.get(name);
        return s != null && WRAPPED_ROLE.equals(s.role()) ? Optional.of(s) : Optional.empty();
    }

    /**
     * Asks a wrapper to {@code stop} its child (and exit) or {@code restart} it with the parameters now in force.
     * The order travels as an uncorrelated RESPONSE, which only the hub can send, so no client can forge it.
     */
    JsonNode controlWrapped(ClientSession target, String action, String by) {
        ObjectNode data = MessageCodec.JSON.createObjectNode().put("by", by).put("script", target.clientId())
                .put("action", action);
        target.connection().send(new Message.Response("hub-" + action + "-" + UUID.randomUUID(), action, true,
                data, null));
        return data.deepCopy().put("wrapped", true).put("requested", true);
    }

    /** A wrapper reports that it restarted its child; recorded like the hub's own restarts. */
    JsonNode recordRestart(ClientSession s, ObjectNode args) {
        ObjectNode d = args.deepCopy().put("script", s.clientId()).put("source", "wrap");
        event("restart", s.clientId(), d);
        return d;
    }

    public ArrayNode restarts(int limit) throws ProtocolException {
        try {
            return store.events("restart", limit);
        } catch (SQLException e) {
            throw storeFailure(e);
        }
    }

    // ---- shares and messages ----

    /** Stores the share; the ack is ready once it is committed (see {@link HubStore#submitShare}). */
    CompletableFuture<Message.ShareAck> share(ClientSession s, Message.Share share) {
        return store.submitShare(s.clientId(), share.shareId(), share.kind(), share.payload()).thenApply(stored -> {
            if (stored.duplicate()) {
                stats.sharesDuplicate.increment();
            } else {
                stats.sharesStored.increment();
                s.sharesStored.increment();
            }
            return new Message.ShareAck(share.shareId(), stored.id(), stored.duplicate());
        });
    }

    void broadcast(ClientSession from, JsonNode payload) {
        stats.broadcasts.increment();
        Message.Broadcast b = new Message.Broadcast(from.clientId(), payload);
        for (ClientSession c : sessions.values()) {
            if (c != from && c.helloDone()) {
                c.connection().send(b);
            }
        }
    }

    void direct(ClientSession from, String to, JsonNode payload) throws ProtocolException {
        requireClient(to).connection().send(new Message.Direct(from.clientId(), to, payload));
    }

    // ---- collaborations ----

    String collaborationRequest(ClientSession from, Message.CollaborationRequest r) throws ProtocolException {
        ClientSession target = requireClient(r.to());
        if (!config.reputation().trusted(from.reputation())) {
            throw new ProtocolException(ErrorCode.LOW_REPUTATION, String.format(
                    "reputation %.3f of '%s' is below the trust threshold %.3f", from.reputation(),
                    from.clientId(), config.reputation().trustThreshold()));
        }
        String id = r.collabId() != null ? r.collabId() : UUID.randomUUID().toString();
        Collab c = new Collab(id, from.clientId(), r.to(), r.task());
        if (collabs.putIfAbsent(id, c) != null) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, "collaboration id '" + id + "' already exists");
        }
        try {
            store.collaborationOpened(id, from.clientId(), r.to(), r.task(), r.payload());
        } catch (SQLException e) {
            collabs.remove(id);
            throw storeFailure(e);
        }
        target.connection().send(new Message.CollaborationRequest(id, from.clientId(), r.to(), r.task(),
                r.payload()));
        return id;
    }

    void collaborationAnswer(ClientSession s, String collabId, boolean accepted, String reason)
            throws ProtocolException {
        Collab c = requireCollab(collabId);
        if (!c.target.equals(s.clientId())) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "only the target may answer collaboration " + collabId);
        }
        synchronized (c) {
            c.status = accepted ? "accepted" : "rejected";
        }
        try {
            store.collaborationUpdated(collabId, c.status, 0, reason, null);
        } catch (SQLException e) {
            throw storeFailure(e);
        }
        if (!accepted) {
            collabs.remove(collabId);
        }
        sendTo(c.requester, accepted ? new Message.CollaborationAccept(collabId, s.clientId())
                : new Message.CollaborationReject(collabId, s.clientId(), reason));
    }

    void collaborationProgress(ClientSession s, Message.CollaborationProgress p) throws ProtocolException {
        Collab c = requireParticipant(s, p.collabId());
        synchronized (c) {
            c.progress = p.progress();
        }
        try {
            store.collaborationUpdated(c.id, c.status, p.progress(), p.note(), null);
        } catch (SQLException e) {
            throw storeFailure(e);
        }
        sendTo(other(c, s), new Message.CollaborationProgress(c.id, s.clientId(), p.progress(), p.note()));
    }

    void collaborationComplete(ClientSession s, Message.CollaborationComplete m) throws ProtocolException {
        Collab c = requireParticipant(s, m.collabId());
        collabs.remove(c.id);
        try {
            store.collaborationUpdated(c.id, m.success() ? "completed" : "failed", m.success() ? 1.0 : c.progress,
                    null, m.result());
        } catch (SQLException e) {
            throw storeFailure(e);
        }
        ClientSession worker = sessions.get(c.target);
        if (worker != null) {
            persistOutcome(worker, m.success());
        }
        sendTo(other(c, s), new Message.CollaborationComplete(c.id, s.clientId(), m.success(), m.result()));
    }

    private void persistOutcome(ClientSession worker, boolean success) {
        double[] r = worker.recordOutcome(config.reputation(), success);
        try {
            store.clientReputation(worker.clientId(), r[0], (long) r[1], (long) r[2]);
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "could not store reputation of " + worker.clientId(), e);
        }
    }

    private static String other(Collab c, ClientSession s) {
        return c.requester.equals(s.clientId()) ? c.target : c.requester;
    }

    private Collab requireCollab(String id) throws ProtocolException {
        Collab c = collabs.get(id);
        if (c == null) {
            throw new ProtocolException(ErrorCode.UNKNOWN_COLLABORATION, "no open collaboration '" + id + "'");
        }
        return c;
    }

    private Collab requireParticipant(ClientSession s, String id) throws ProtocolException {
        Collab c = requireCollab(id);
        if (!c.requester.equals(s.clientId()) && !c.target.equals(s.clientId())) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "'" + s.clientId() + "' is not part of " + id);
        }
        return c;
    }

    ClientSession requireClient(String id) throws ProtocolException {
        ClientSession c = sessions.get(id);
        if (c == null) {
            throw new ProtocolException(ErrorCode.UNKNOWN_CLIENT, "no connected client '" + id + "'");
        }
        return c;
    }

    private void sendTo(String clientId, Message m) {
        ClientSession c = sessions.get(clientId);
        if (c != null) {
            c.connection().send(m);
        }
    }

    /** Records an event; a failure to record is logged, never fatal for the request that caused it. */
    void event(String kind, String clientId, JsonNode detail) {
        try {
            store.event(kind, clientId, detail);
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "could not record event " + kind, e);
        }
    }

    // ---- views ----

    /** Everything the dashboard and {@code status} show, as one JSON object. */
    public ObjectNode snapshot() throws ProtocolException {
        ObjectNode root = MessageCodec.JSON.createObjectNode();
        ObjectNode hub = root.putObject("hub");
        hub.put("started_at", startedAt.toString())
                .put("uptime_s", (Instant.now().toEpochMilli() - startedAt.toEpochMilli()) / 1000.0)
                .put("connected", sessions.size());
        hub.set("stats", stats.toJson());
        ArrayNode clients = root.putArray("clients");
        ArrayNode jobs = root.putArray("step3_jobs");
        ArrayNode board = root.putArray("step5_leaderboard");
        for (ClientSession c : sessions()) {
            clients.add(c.toJson());
            ClientSession.VariableState j = c.variables.get("jobs");
            if (j != null && j.value().isArray()) {
                for (JsonNode job : j.value()) {
                    ObjectNode o = job.isObject() ? ((ObjectNode) job).deepCopy()
                            : MessageCodec.JSON.createObjectNode().set("job", job);
                    jobs.add(o.put("coordinator", c.clientId()));
                }
            }
            if ("step5-trainer".equals(c.role())) {
                ObjectNode o = board.addObject().put("client_id", c.clientId()).put("model", c.specialization());
                o.set("best_score", value(c, "best_score"));
                o.set("trials", value(c, "trials"));
                o.set("current_model", value(c, "current_model"));
            }
        }
        sortLeaderboard(board);
        try {
            root.set("collaborations", store.collaborations(false, 50));
            root.set("shares", store.recentShares(null, 25));
            root.set("parameter_changes", store.parameterChanges(25));
            hub.put("shares_total", store.countShares());
        } catch (SQLException e) {
            throw storeFailure(e);
        }
        root.set("scripts", scripts.info());
        ArrayNode wrapped = root.putArray("wrapped");
        for (ClientSession c : sessions()) {
            if (WRAPPED_ROLE.equals(c.role())) {
                ObjectNode w = wrapped.addObject().put("client_id", c.clientId());
                for (String v : List.of("state", "pid", "restarts", "exit_code", "last_exit", "started_at",
                        "command", "pending_restart", "log")) {
                    w.set(v, value(c, v));
                }
            }
        }
        root.set("restarts", restarts(25));
        return root;
    }

    private static JsonNode value(ClientSession c, String name) {
        ClientSession.VariableState v = c.variables.get(name);
        return v == null ? MessageCodec.JSON.nullNode() : v.value();
    }

    private static void sortLeaderboard(ArrayNode board) {
        List<JsonNode> rows = new java.util.ArrayList<>();
        board.forEach(rows::add);
        rows.sort(Comparator.comparingDouble((JsonNode r) -> r.path("best_score").isNumber()
                ? -r.path("best_score").asDouble() : Double.POSITIVE_INFINITY));
        board.removeAll();
        board.addAll(rows);
    }

    static ProtocolException storeFailure(SQLException e) {
        LOG.log(Level.SEVERE, "hub database failure", e);
        return new ProtocolException(ErrorCode.INTERNAL, "hub database failure: " + e.getMessage());
    }
}
