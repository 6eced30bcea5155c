package dev.survivor.hub.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.survivor.hub.protocol.ErrorCode;
import dev.survivor.hub.protocol.Message;
import dev.survivor.hub.protocol.Message.*;
import dev.survivor.hub.protocol.MessageCodec;
import dev.survivor.hub.protocol.ProtocolException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Routes decoded messages to {@link HubCore}. Enforces the connection protocol (auth line, then HELLO, then
 * anything) and turns every {@link ProtocolException} into an ERROR reply on that connection only.
 */
public final class Dispatcher {
    private static final Logger LOG = Logger.getLogger(Dispatcher.class.getName());

    /** Commands that change something: they need an operator token. */
    private static final Set<String> OPERATOR_COMMANDS = Set.of("set_parameter", "control", "execute", "stop", "scan");

    private final HubCore core;
    private final Duration ackTimeout;

    public Dispatcher(HubCore core, Duration ackTimeout) {
        this.core = core;
        this.ackTimeout = ackTimeout;
    }

    void handle(ClientConnection conn, Message m) {
        ClientSession s = conn.session();
        if (s == null) {
            authenticate(conn, (Auth) m);
            return;
        }
        s.messagesIn.increment();
        String requestId = correlation(m);
        try {
            if (!s.helloDone() && !(m instanceof Hello || m instanceof Heartbeat || m instanceof Bye)) {
                throw new ProtocolException(ErrorCode.HELLO_REQUIRED, "send HELLO before " + m.type());
            }
            dispatch(conn, s, m);
        } catch (ProtocolException e) {
            core.stats().protocolErrors.increment();
            conn.send(new Message.Error(e.code(), e.getMessage(), requestId));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "handling " + m.type() + " from " + s.clientId() + " failed", e);
            conn.send(new Message.Error(ErrorCode.INTERNAL, "internal error: " + e, requestId));
        }
    }

    /** The id a client waits on for this message's reply, so an ERROR can be matched to its request. */
    static String correlation(Message m) {
        return switch (m) {
            case Command c -> c.requestId();
            case CollaborationRequest r -> r.collabId();
            case Share s -> s.shareId();
            default -> null;
        };
    }

    private void authenticate(ClientConnection conn, Auth auth) {
        try {
            conn.session(core.authenticate(conn, auth));
        } catch (ProtocolException e) {
            conn.sendAndClose(new Message.Error(e.code(), e.getMessage(), null), "authentication failed");
        }
    }

    private void dispatch(ClientConnection conn, ClientSession s, Message m) throws ProtocolException {
        switch (m) {
            case Hello h -> conn.send(core.hello(s, h));
            case Heartbeat h -> { }
            case Bye b -> conn.close("client said BYE");
            case RegisterParameter r -> core.registerParameter(s, r.spec());
            case RegisterVariable v -> core.registerVariable(s, v.name(), v.value(), v.readOnly());
            case UpdateVariables u -> core.updateVariables(s, u.values());
            case ParameterAck a -> core.parameterAck(s, a);
            case Share sh -> core.share(s, sh).whenComplete((ack, err) -> conn.send(ack != null ? ack
                    : new Message.Error(ErrorCode.INTERNAL, "share not stored: " + err.getMessage(), sh.shareId())));
            case Broadcast b -> core.broadcast(s, b.payload());
            case Direct d -> core.direct(s, d.to(), d.payload());
            case CollaborationRequest r -> {
                String id = core.collaborationRequest(s, r);
                conn.send(new Response(r.collabId(), "collaboration_request", true,
                        MessageCodec.JSON.createObjectNode().put("collab_id", id).put("to", r.to()), null));
            }
            case CollaborationAccept a -> core.collaborationAnswer(s, a.collabId(), true, null);
            case CollaborationReject r -> core.collaborationAnswer(s, r.collabId(), false, r.reason());
            case CollaborationProgress p -> core.collaborationProgress(s, p);
            case CollaborationComplete c -> core.collaborationComplete(s, c);
            case Command c -> command(conn, s, c);
            case Auth a -> throw new ProtocolException(ErrorCode.BAD_FIELD, "already authenticated");
            case Sync x -> throw hubOnly(m);
            case SetParameter x -> throw hubOnly(m);
            case ShareAck x -> throw hubOnly(m);
            case Response x -> throw hubOnly(m);
            case Message.Error x -> LOG.fine(() -> "client " + s.clientId() + " reported " + x);
        }
    }

    private static ProtocolException hubOnly(Message m) {
        return new ProtocolException(ErrorCode.UNKNOWN_TYPE, m.type() + " is sent by the hub, not to it");
    }

    private void command(ClientConnection conn, ClientSession s, Command c) throws ProtocolException {
        if (OPERATOR_COMMANDS.contains(c.command()) && !s.isOperator()) {
            throw new ProtocolException(ErrorCode.FORBIDDEN,
                    "command '" + c.command() + "' needs an operator token; '" + s.token().name() + "' is not one");
        }
        ObjectNode a = c.args();
        JsonNode data = switch (c.command()) {
            case "status" -> core.snapshot();
            case "list_clients" -> core.snapshot().get("clients");
            case "get_collaborations" -> core.snapshot().get("collaborations");
            case "list_scripts" -> core.scripts().names();
            case "get_scripts_info" -> core.scripts().info();
            case "scan" -> core.scripts().scan();
            case "execute" -> audited(s, "execute", execute(s, arg(a, "script"), a));
            case "stop" -> audited(s, "stop", stop(s, arg(a, "script")));
            case "record_restart" -> core.recordRestart(s, a);
            case "list_restarts" -> core.restarts(Math.min(1000, a.path("limit").asInt(100)));
            case "get_shares" -> {
                try {
                    yield core.store().recentShares(a.hasNonNull("kind") ? a.get("kind").asText() : null,
                            Math.min(1000, a.path("limit").asInt(100)));
                } catch (java.sql.SQLException e) {
                    throw HubCore.storeFailure(e);
                }
            }
            case "get_parameter" -> getParameter(arg(a, "client"), arg(a, "name"));
            case "set_parameter", "control" -> {
                String client = a.hasNonNull("client") ? a.get("client").asText() : arg(a, "script");
                core.requestParameterChange(s.clientId(), client, arg(a, "name"), a.path("value"))
                        .copy().orTimeout(ackTimeout.toMillis(), TimeUnit.MILLISECONDS)
                        .whenComplete((r, err) -> conn.send(err == null
                                ? new Response(c.requestId(), c.command(), "acknowledged".equals(
                                        r.path("status").asText()), r, null)
                                : new Response(c.requestId(), c.command(), false, null, timeoutText(err))));
                yield null;
            }
            default -> throw new ProtocolException(ErrorCode.UNKNOWN_COMMAND, "unknown command '" + c.command()
                    + "' (known: status, list_clients, list_scripts, get_scripts_info, scan, execute, stop,"
                    + " list_restarts, record_restart,"
                    + " control, get_parameter, set_parameter, get_collaborations, get_shares)");
        };
        if (data != null) {
            conn.send(new Response(c.requestId(), c.command(), true, data, null));
        }
    }

    /** A configured script, or a connected wrapper (which then restarts its child with the current parameters). */
    private JsonNode execute(ClientSession s, String script, ObjectNode a) throws ProtocolException {
        if (!core.scripts().knows(script)) {
            var w = core.wrapped(script);
            if (w.isPresent()) {
                return core.controlWrapped(w.get(), "restart", s.clientId());
            }
        }
        return core.scripts().execute(script, a.path("args"), a.get("restart"));
    }

    /** A configured script, or a connected wrapper (which stops its child's process tree and exits). */
    private JsonNode stop(ClientSession s, String script) throws ProtocolException {
        if (!core.scripts().knows(script)) {
            var w = core.wrapped(script);
            if (w.isPresent()) {
                return core.controlWrapped(w.get(), "stop", s.clientId());
            }
        }
        return core.scripts().stop(script);
    }

    private JsonNode audited(ClientSession s, String kind, JsonNode result) {
        core.event(kind, s.clientId(), result);
        return result;
    }

    private String timeoutText(Throwable err) {
        Throwable t = err instanceof java.util.concurrent.CompletionException && err.getCause() != null
                ? err.getCause() : err;
        return t instanceof TimeoutException
                ? "not acknowledged within " + ackTimeout.toSeconds() + " s (still pending; see the audit trail)"
                : t.toString();
    }

    private JsonNode getParameter(String client, String name) throws ProtocolException {
        ClientSession.ParameterState p = core.requireClient(client).parameters().get(name);
        if (p == null) {
            throw new ProtocolException(ErrorCode.UNKNOWN_PARAMETER, "client '" + client + "' has no parameter '"
                    + name + "'");
        }
        ObjectNode o = MessageCodec.specToJson(p.spec(), MessageCodec.JSON.createObjectNode());
        o.set("value", p.value());
        return o;
    }

    private static String arg(ObjectNode a, String field) throws ProtocolException {
        JsonNode v = a.get(field);
        if (v == null || v.isNull() || v.asText().isEmpty()) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "missing argument '" + field + "'");
        }
        return v.asText();
    }

    void closed(ClientConnection conn, String reason) {
        ClientSession s = conn.session();
        if (s != null) {
            core.disconnected(s, reason);
        }
    }
}
