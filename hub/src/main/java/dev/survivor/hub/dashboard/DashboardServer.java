package dev.survivor.hub.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.survivor.hub.auth.TokenStore;
import dev.survivor.hub.protocol.MessageCodec;
import dev.survivor.hub.protocol.ProtocolException;
import dev.survivor.hub.server.HubCore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The live dashboard: {@code GET /} (the page), {@code GET /status} (JSON snapshot), {@code GET /events}
 * (server-sent events, one snapshot per interval) and {@code POST /api/parameter} (needs an operator token).
 * Reads are unauthenticated, so it binds to loopback by default and refuses foreign Host headers (DNS rebinding).
 */
public final class DashboardServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DashboardServer.class.getName());
    private static final int MAX_BODY = 64 * 1024;

    private final HubCore core;
    private final HttpServer http;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Duration interval;
    private final Duration ackTimeout;
    private volatile boolean closing;

    private DashboardServer(HubCore core, HttpServer http, Duration interval, Duration ackTimeout) {
        this.core = core;
        this.http = http;
        this.interval = interval;
        this.ackTimeout = ackTimeout;
    }

    public static DashboardServer start(HubCore core, InetSocketAddress bind, Duration interval,
                                        Duration ackTimeout) throws IOException {
        HttpServer http = HttpServer.create(bind, 64);
        DashboardServer d = new DashboardServer(core, http, interval, ackTimeout);
        http.setExecutor(d.executor);
        http.createContext("/", d.guard(d::page));
        http.createContext("/status", d.guard(d::status));
        http.createContext("/events", d.guard(d::events));
        http.createContext("/api/parameter", d.guard(d::setParameter));
        http.start();
        return d;
    }

    public int port() {
        return http.getAddress().getPort();
    }

    private interface Handler {
        void handle(HttpExchange ex) throws IOException;
    }

    private com.sun.net.httpserver.HttpHandler guard(Handler h) {
        return ex -> {
            try (ex) {
                if (!hostAllowed(ex)) {
                    send(ex, 403, "text/plain", "forbidden host\n");
                    return;
                }
                h.handle(ex);
            } catch (IOException e) {
                LOG.log(Level.FINE, "dashboard client went away", e);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "dashboard request failed", e);
            }
        };
    }

    private boolean hostAllowed(HttpExchange ex) {
        if (!http.getAddress().getAddress().isLoopbackAddress()) {
            return true;
        }
        String host = Optional.ofNullable(ex.getRequestHeaders().getFirst("Host")).orElse("");
        String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1)
                : host.contains(":") ? host.substring(0, host.lastIndexOf(':')) : host;
        return name.equals("127.0.0.1") || name.equals("localhost") || name.equals("[::1]");
    }

    private void page(HttpExchange ex) throws IOException {
        if (!ex.getRequestURI().getPath().equals("/")) {
            send(ex, 404, "text/plain", "not found\n");
            return;
        }
        try (InputStream in = DashboardServer.class.getResourceAsStream("dashboard.html")) {
            if (in == null) {
                throw new IOException("dashboard.html missing from the hub jar");
            }
            send(ex, 200, "text/html; charset=utf-8", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private void status(HttpExchange ex) throws IOException {
        try {
            send(ex, 200, "application/json", core.snapshot().toString());
        } catch (ProtocolException e) {
            send(ex, 500, "application/json", error(e.code().name(), e.getMessage()));
        }
    }

    private void events(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().add("Content-Type", "text/event-stream");
        ex.getResponseHeaders().add("Cache-Control", "no-cache");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        while (!closing) {
            String data;
            try {
                data = core.snapshot().toString();
            } catch (ProtocolException e) {
                data = error(e.code().name(), e.getMessage());
            }
            out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void setParameter(HttpExchange ex) throws IOException {
        if (!ex.getRequestMethod().equals("POST")) {
            ex.getResponseHeaders().add("Allow", "POST");
            send(ex, 405, "application/json", error("METHOD", "use POST"));
            return;
        }
        byte[] body = ex.getRequestBody().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            send(ex, 413, "application/json", error("TOO_LARGE", "body over " + MAX_BODY + " bytes"));
            return;
        }
        Map<String, JsonNode> f = fields(ex, body);
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        String token = auth != null && auth.startsWith("Bearer ") ? auth.substring(7).trim()
                : f.containsKey("token") ? f.get("token").asText() : null;
        Optional<TokenStore.Entry> who = core.tokens().verify(token);
        if (who.isEmpty() || who.get().role() != TokenStore.Role.OPERATOR) {
            send(ex, 403, "application/json", error("FORBIDDEN", "an operator token is required"));
            return;
        }
        for (String k : new String[] {"client", "name", "value"}) {
            if (!f.containsKey(k)) {
                send(ex, 400, "application/json", error("MISSING_FIELD", "missing field '" + k + "'"));
                return;
            }
        }
        try {
            ObjectNode r = core.requestParameterChange("dashboard:" + who.get().name(), f.get("client").asText(),
                    f.get("name").asText(), f.get("value")).get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
            send(ex, "acknowledged".equals(r.path("status").asText()) ? 200 : 409, "application/json", r.toString());
        } catch (ProtocolException e) {
            send(ex, 400, "application/json", error(e.code().name(), e.getMessage()));
        } catch (TimeoutException e) {
            send(ex, 202, "application/json", error("PENDING",
                    "delivered; not acknowledged within " + ackTimeout.toSeconds() + " s"));
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            send(ex, 500, "application/json", error("INTERNAL", e.toString()));
        }
    }

    private static Map<String, JsonNode> fields(HttpExchange ex, byte[] body) throws IOException {
        Map<String, JsonNode> out = new HashMap<>();
        String type = Optional.ofNullable(ex.getRequestHeaders().getFirst("Content-Type")).orElse("");
        if (type.startsWith("application/json")) {
            JsonNode n;
            try {
                n = MessageCodec.JSON.readTree(body);
            } catch (IOException e) {
                return out;
            }
            if (n != null && n.isObject()) {
                n.properties().forEach(e -> out.put(e.getKey(), e.getValue()));
            }
        } else {
            for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            MessageCodec.JSON.getNodeFactory().textNode(
                                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8)));
                }
            }
        }
        return out;
    }

    private static String error(String code, String message) {
        return MessageCodec.JSON.createObjectNode().put("error", message).put("code", code).toString();
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", type);
        ex.getResponseHeaders().add("X-Content-Type-Options", "nosniff");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    @Override
    public void close() {
        closing = true;
        http.stop(0);
        executor.shutdownNow();
    }
}
