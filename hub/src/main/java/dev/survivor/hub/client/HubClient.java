package dev.survivor.hub.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.survivor.hub.params.ParameterSpec;
import dev.survivor.hub.protocol.LineFramer;
import dev.survivor.hub.protocol.Message;
import dev.survivor.hub.protocol.MessageCodec;
import dev.survivor.hub.protocol.ProtocolException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.net.SocketFactory;

/**
 * A pipeline component's connection to the hub: the script interface (parameters, variables, results),
 * shares, messages, collaborations and control commands. Parameter changes from operators are queued and applied
 * only when the component calls {@link #applyPendingParameters()} at one of its safe points (between batches or
 * trials); each is then acknowledged with the value in force. Thread-safe.
 */
public final class HubClient implements AutoCloseable {

    /** Connection settings; {@code socketFactory} may be an SSL factory for a TLS hub. */
    public record Options(String host, int port, String clientId, String token, String role, String specialization,
                          List<String> capabilities, Duration heartbeat, Duration timeout,
                          SocketFactory socketFactory) {
        public Options {
            capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
            heartbeat = heartbeat == null ? Duration.ofSeconds(10) : heartbeat;
            timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
            socketFactory = socketFactory == null ? SocketFactory.getDefault() : socketFactory;
        }

        public static Options of(String host, int port, String clientId, String token, String role,
                                 String specialization) {
            return new Options(host, port, clientId, token, role, specialization, List.of(), null, null, null);
        }

        public Options withCapabilities(List<String> c) {
            return new Options(host, port, clientId, token, role, specialization, c, heartbeat, timeout,
                    socketFactory);
        }

        public Options withHeartbeat(Duration d) {
            return new Options(host, port, clientId, token, role, specialization, capabilities, d, timeout,
                    socketFactory);
        }

        public Options withTimeout(Duration d) {
            return new Options(host, port, clientId, token, role, specialization, capabilities, heartbeat, d,
                    socketFactory);
        }

        public Options withSocketFactory(SocketFactory f) {
            return new Options(host, port, clientId, token, role, specialization, capabilities, heartbeat, timeout,
                    f);
        }
    }

    /** {@code appliedNote}: the reason sent with a successful ack (e.g. "applies at next start"), or null. */
    private record Registered(ParameterSpec spec, Consumer<JsonNode> onApply, String appliedNote) { }

    private final Options options;
    private final Socket socket;
    private final OutputStream out;
    private final Object writeLock = new Object();
    private final Map<String, CompletableFuture<Message>> waiting = new ConcurrentHashMap<>();
    private final Map<String, Registered> parameters = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> values = new ConcurrentHashMap<>();
    private final Queue<Message.SetParameter> pendingChanges = new ConcurrentLinkedQueue<>();
    private final CompletableFuture<Message.Sync> firstSync = new CompletableFuture<>();
    private final AtomicLong requestIds = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private volatile Consumer<Message> listener = m -> { };
    private volatile boolean closed;
    private volatile String closeCause;

    private HubClient(Options options, Socket socket) throws IOException {
        this.options = options;
        this.socket = socket;
        this.out = socket.getOutputStream();
    }

    /** Connects, authenticates, says HELLO and waits for the hub's SYNC. */
    public static HubClient connect(Options o) throws IOException {
        o = withScriptCapability(o, System.getenv("PIPELINE_HUB_SCRIPT"));
        Socket s = o.socketFactory().createSocket();
        try {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(o.host(), o.port()), (int) o.timeout().toMillis());
            HubClient c = new HubClient(o, s);
            Thread.ofVirtual().name("hub-client-read-" + o.clientId()).start(c::readLoop);
            c.write(new Message.Auth(o.clientId(), o.token()));
            try {
                c.write(new Message.Hello(o.role(), o.specialization(), o.capabilities()));
            } catch (IOException e) {
                // the hub refused the auth line and closed; its ERROR line (read below) says why
            }
            c.await(c.firstSync, "SYNC after HELLO");
            if (!o.heartbeat().isZero()) {
                Thread.ofVirtual().name("hub-client-heartbeat-" + o.clientId()).start(c::heartbeatLoop);
            }
            return c;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /**
     * A process the hub started (it sets PIPELINE_HUB_SCRIPT=NAME) says so in HELLO as capability
     * {@code script:NAME}, so the hub can kill and restart it when this client stops heartbeating.
     */
    static Options withScriptCapability(Options o, String script) {
        if (script == null || script.isBlank() || o.capabilities().contains("script:" + script)) {
            return o;
        }
        List<String> caps = new ArrayList<>(o.capabilities());
        caps.add("script:" + script);
        return o.withCapabilities(caps);
    }

    public String clientId() {
        return options.clientId();
    }

    public Message.Sync sync() {
        return firstSync.getNow(null);
    }

    public long messagesSent() {
        return sent.get();
    }

    public long messagesReceived() {
        return received.get();
    }

    public boolean isConnected() {
        return !closed;
    }

    /** Receives broadcasts, direct messages, collaboration messages and uncorrelated errors (reader thread). */
    public void onMessage(Consumer<Message> l) {
        this.listener = l == null ? m -> { } : l;
    }

    // ---- script interface ----

    /** Registers a typed parameter; its default is the value in force until an operator changes it. */
    public void registerParameter(ParameterSpec spec, Consumer<JsonNode> onApply) throws IOException {
        registerParameter(spec, onApply, null);
    }

    /** As above; {@code appliedNote} goes with every acknowledgement (e.g. "applies at next start"). */
    public void registerParameter(ParameterSpec spec, Consumer<JsonNode> onApply, String appliedNote)
            throws IOException {
        parameters.put(spec.name(), new Registered(spec, onApply == null ? v -> { } : onApply, appliedNote));
        values.put(spec.name(), spec.defaultValue());
        write(new Message.RegisterParameter(spec));
    }

    /** The value in force (as last applied at a safe point). */
    public JsonNode parameter(String name) {
        JsonNode v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no parameter or read-write variable '" + name + "' registered");
        }
        return v;
    }

    public void registerVariable(String name, JsonNode value, boolean readOnly) throws IOException {
        if (!readOnly) {
            values.put(name, value);
        }
        write(new Message.RegisterVariable(name, value, readOnly));
    }

    /** Publishes variable values / results (progress, seeds/s, best score, ...). */
    public void updateVariables(ObjectNode vals) throws IOException {
        write(new Message.UpdateVariables(vals));
    }

    public void updateVariable(String name, Object value) throws IOException {
        ObjectNode n = MessageCodec.JSON.createObjectNode();
        n.set(name, MessageCodec.JSON.valueToTree(value));
        updateVariables(n);
    }

    /** Changes received and not yet applied. */
    public int pendingParameterChanges() {
        return pendingChanges.size();
    }

    /**
     * The safe point: applies every queued change (validated again against the spec; the callback may refuse by
     * throwing) and acknowledges each with the value now in force. Returns the number applied.
     */
    public int applyPendingParameters() throws IOException {
        int applied = 0;
        Message.SetParameter change;
        while ((change = pendingChanges.poll()) != null) {
            Registered r = parameters.get(change.name());
            JsonNode current = values.get(change.name());
            if (r == null && current == null) {
                write(new Message.ParameterAck(change.requestId(), change.name(), null, false,
                        "not registered by this client"));
                continue;
            }
            try {
                JsonNode v = r == null ? change.value() : r.spec().validate(change.value());
                if (r != null) {
                    r.onApply().accept(v);
                }
                values.put(change.name(), v);
                write(new Message.ParameterAck(change.requestId(), change.name(), v, true,
                        r == null ? null : r.appliedNote()));
                applied++;
            } catch (ParameterSpec.InvalidValueException | RuntimeException e) {
                write(new Message.ParameterAck(change.requestId(), change.name(), current, false, e.getMessage()));
            }
        }
        return applied;
    }

    // ---- shares, messages ----

    /** Shares a result; returns once the hub has stored it. The id makes a resend after reconnecting idempotent. */
    public Message.ShareAck share(String shareId, String kind, JsonNode payload) throws IOException {
        Message r = request(shareId, new Message.Share(shareId, kind, payload));
        return (Message.ShareAck) r;
    }

    public Message.ShareAck share(String kind, JsonNode payload) throws IOException {
        return share(UUID.randomUUID().toString(), kind, payload);
    }

    public void broadcast(JsonNode payload) throws IOException {
        write(new Message.Broadcast(null, payload));
    }

    public void sendTo(String clientId, JsonNode payload) throws IOException {
        write(new Message.Direct(null, clientId, payload));
    }

    // ---- collaborations ----

    /** Asks another client to collaborate; returns the collaboration id once the hub has forwarded it. */
    public String requestCollaboration(String to, String task, JsonNode payload) throws IOException {
        String id = UUID.randomUUID().toString();
        request(id, new Message.CollaborationRequest(id, null, to, task, payload));
        return id;
    }

    public void acceptCollaboration(String id) throws IOException {
        write(new Message.CollaborationAccept(id, null));
    }

    public void rejectCollaboration(String id, String reason) throws IOException {
        write(new Message.CollaborationReject(id, null, reason));
    }

    public void collaborationProgress(String id, double progress, String note) throws IOException {
        write(new Message.CollaborationProgress(id, null, progress, note));
    }

    public void completeCollaboration(String id, boolean success, JsonNode result) throws IOException {
        write(new Message.CollaborationComplete(id, null, success, result));
    }

    // ---- control commands ----

    /** Runs a control command and returns the hub's data; a refusal throws {@link HubException}. */
    public JsonNode command(String command, ObjectNode args) throws IOException {
        String id = "r" + requestIds.incrementAndGet();
        Message.Response r = (Message.Response) request(id, new Message.Command(id, command,
                args == null ? MessageCodec.JSON.createObjectNode() : args));
        if (!r.ok()) {
            throw new HubException(null, command + " failed: " + (r.error() != null ? r.error() : r.data()));
        }
        return r.data();
    }

    /** set_parameter on another client; returns the audit result once that client acknowledged. */
    public JsonNode setParameter(String client, String name, JsonNode value) throws IOException {
        ObjectNode a = MessageCodec.JSON.createObjectNode().put("client", client).put("name", name);
        a.set("value", value);
        return command("set_parameter", a);
    }

    // ---- transport ----

    private Message request(String id, Message m) throws IOException {
        CompletableFuture<Message> f = new CompletableFuture<>();
        waiting.put(id, f);
        try {
            write(m);
            Message r = await(f, m.type() + " " + id);
            if (r instanceof Message.Error e) {
                throw new HubException(e.code(), e.message());
            }
            return r;
        } finally {
            waiting.remove(id);
        }
    }

    private <T> T await(CompletableFuture<T> f, String what) throws IOException {
        try {
            return f.get(options.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new HubException("no answer to " + what + " within " + options.timeout().toSeconds() + " s", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new HubException(what + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HubException("interrupted waiting for " + what, e);
        }
    }

    private void write(Message m) throws IOException {
        if (closed) {
            throw new HubException("connection to the hub is closed" + (closeCause == null ? "" : ": " + closeCause),
                    null);
        }
        byte[] line = MessageCodec.encode(m);
        synchronized (writeLock) {
            out.write(line);
            out.flush();
        }
        sent.incrementAndGet();
    }

    private void readLoop() {
        LineFramer framer = new LineFramer(1 << 24);
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = socket.getInputStream()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                for (LineFramer.Frame f : framer.feed(buf, 0, n)) {
                    if (f instanceof LineFramer.Frame.Line l && l.bytes().length > 0) {
                        onMessage(MessageCodec.decode(l.bytes(), false));
                    }
                }
            }
            shutdown("hub closed the connection", null);
        } catch (IOException | ProtocolException e) {
            shutdown("connection lost: " + e.getMessage(), e);
        }
    }

    private void onMessage(Message m) {
        received.incrementAndGet();
        Function<String, Boolean> complete = id -> {
            CompletableFuture<Message> f = id == null ? null : waiting.get(id);
            return f != null && f.complete(m);
        };
        switch (m) {
            case Message.Sync s -> {
                if (!firstSync.complete(s)) {
                    listener.accept(s);
                }
            }
            case Message.SetParameter p -> pendingChanges.add(p);
            case Message.ShareAck a -> complete.apply(a.shareId());
            case Message.Response r -> {
                if (!complete.apply(r.requestId())) {
                    listener.accept(r);
                }
            }
            case Message.Error e -> {
                if (!firstSync.isDone()) {
                    firstSync.completeExceptionally(new HubException(e.code(), e.message()));
                } else if (!complete.apply(e.requestId())) {
                    listener.accept(e);
                }
            }
            default -> listener.accept(m);
        }
    }

    private void heartbeatLoop() {
        while (!closed) {
            try {
                Thread.sleep(options.heartbeat().toMillis());
                write(new Message.Heartbeat());
            } catch (InterruptedException | IOException e) {
                return;
            }
        }
    }

    private void shutdown(String cause, Throwable t) {
        if (closed) {
            return;
        }
        closeCause = cause;
        closed = true;
        HubException ex = new HubException(cause, t);
        firstSync.completeExceptionally(ex);
        for (CompletableFuture<Message> f : new ArrayList<>(waiting.values())) {
            f.completeExceptionally(ex);
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    /** Says BYE and closes. */
    @Override
    public void close() {
        if (!closed) {
            try {
                write(new Message.Bye());
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        shutdown("closed by client", null);
    }
}
