package dev.survivor.hub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.survivor.hub.Hub;
import dev.survivor.hub.auth.TokenStore;
import dev.survivor.hub.client.HubClient;
import dev.survivor.hub.params.ParameterSpec;
import dev.survivor.hub.protocol.MessageCodec;
import dev.survivor.hub.server.HubConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's HTTP API without a browser: /status, /events, parameter changes and their guards. */
@Timeout(60)
class DashboardHttpTest {
    @TempDir
    Path dir;

    @Test
    void statusEventsAndGuardedParameterChange() throws Exception {
        TokenStore tokens = TokenStore.load(dir.resolve("tokens.json"));
        String clientToken = tokens.add("workers", TokenStore.Role.CLIENT);
        String opToken = tokens.add("ops", TokenStore.Role.OPERATOR);
        HubConfig cfg = HubConfig.builder().port(0).database(dir.resolve("hub.db")).tokens(dir.resolve("tokens.json"))
                .build();
        AtomicBoolean running = new AtomicBoolean(true);
        try (Hub hub = Hub.start(cfg, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             HubClient worker = HubClient.connect(HubClient.Options.of("127.0.0.1", hub.port(), "coord",
                     clientToken, "step3-coordinator", null))) {
            worker.registerParameter(ParameterSpec.ofInt("batch_size", 64, 1, 4096, ""), v -> { });
            worker.updateVariable("progress", 0.25);
            Thread safePoints = Thread.ofVirtual().start(() -> {
                while (running.get()) {
                    try {
                        worker.applyPendingParameters();
                        Thread.sleep(20);
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            String base = "http://127.0.0.1:" + hub.httpPort();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

            JsonNode status = awaitStatus(http, base);
            assertThat(status.path("clients").get(0).path("client_id").asText()).isEqualTo("coord");
            assertThat(status.path("clients").get(0).path("variables").path("progress").path("value").asDouble())
                    .isEqualTo(0.25);

            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("EventSource(\"/events\")");

            assertThat(post(http, base, "{\"client\":\"coord\",\"name\":\"batch_size\",\"value\":128}").statusCode())
                    .isEqualTo(403);
            assertThat(post(http, base, "{\"client\":\"coord\",\"name\":\"batch_size\",\"value\":128,\"token\":\""
                    + clientToken + "\"}").statusCode()).isEqualTo(403);
            HttpResponse<String> bad = post(http, base, "{\"client\":\"coord\",\"name\":\"batch_size\",\"value\":0,"
                    + "\"token\":\"" + opToken + "\"}");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("INVALID_VALUE").contains("outside the range [1, 4096]");
            HttpResponse<String> ok = post(http, base, "{\"client\":\"coord\",\"name\":\"batch_size\",\"value\":\"128\","
                    + "\"token\":\"" + opToken + "\"}");
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
            assertThat(MessageCodec.JSON.readTree(ok.body()).path("value_in_force").asInt()).isEqualTo(128);
            assertThat(worker.parameter("batch_size").asInt()).isEqualTo(128);
            assertThat(awaitStatus(http, base).path("parameter_changes").get(0).path("requested_by").asText())
                    .isEqualTo("dashboard:ops");

            // server-sent events: the first event is a full snapshot
            try (Socket s = new Socket("127.0.0.1", hub.httpPort())) {
                s.setSoTimeout(5000);
                s.getOutputStream().write("GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                BufferedReader r = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                String line;
                String data = null;
                while ((line = r.readLine()) != null) {
                    int i = line.indexOf("data: ");
                    if (i >= 0) {
                        data = line.substring(i + 6);
                        break;
                    }
                }
                assertThat(MessageCodec.JSON.readTree(data).path("hub").path("connected").asInt()).isEqualTo(1);
            }
            // a foreign Host header (DNS rebinding) is refused
            try (Socket s = new Socket("127.0.0.1", hub.httpPort())) {
                s.setSoTimeout(5000);
                s.getOutputStream().write("GET /status HTTP/1.1\r\nHost: evil.example:5001\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                String statusLine = new BufferedReader(new InputStreamReader(s.getInputStream(),
                        StandardCharsets.US_ASCII)).readLine();
                assertThat(statusLine).contains("403");
            }
            running.set(false);
            safePoints.join();
        }
    }

    private static JsonNode awaitStatus(HttpClient http, String base) throws Exception {
        for (int i = 0; i < 200; i++) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/status")).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode n = MessageCodec.JSON.readTree(r.body());
            if (r.statusCode() == 200 && n.path("clients").size() == 1
                    && n.path("clients").get(0).path("parameters").size() == 1) {
                return n;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("status never showed the client");
    }

    private static HttpResponse<String> post(HttpClient http, String base, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/api/parameter"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
