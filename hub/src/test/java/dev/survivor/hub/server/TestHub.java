package dev.survivor.hub.server;

import dev.survivor.hub.auth.TokenStore;
import dev.survivor.hub.client.HubClient;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/** A real hub on an ephemeral loopback port with one client token and one operator token. */
public final class TestHub implements AutoCloseable {
    public final Path dir;
    public final String clientToken;
    public final String otherToken;
    public final String operatorToken;
    public final HubServer server;

    public TestHub(Path dir) throws IOException {
        this(dir, b -> { });
    }

    public TestHub(Path dir, Consumer<HubConfig.Builder> tweak) throws IOException {
        this.dir = dir;
        TokenStore tokens = TokenStore.load(dir.resolve("tokens.json"));
        clientToken = tokens.add("workers", TokenStore.Role.CLIENT);
        otherToken = tokens.add("trainers", TokenStore.Role.CLIENT);
        operatorToken = tokens.add("alice", TokenStore.Role.OPERATOR);
        HubConfig.Builder b = HubConfig.builder().bind(InetAddress.getLoopbackAddress()).port(0)
                .database(dir.resolve("hub.db")).tokens(dir.resolve("tokens.json"));
        tweak.accept(b);
        server = HubServer.start(b.build());
    }

    public int port() {
        return server.port();
    }

    public HubClient client(String id, String role, String specialization) throws IOException {
        return HubClient.connect(options(id, clientToken, role, specialization));
    }

    public HubClient operator(String id) throws IOException {
        return HubClient.connect(options(id, operatorToken, "operator", null));
    }

    public HubClient.Options options(String id, String token, String role, String specialization) {
        return HubClient.Options.of("127.0.0.1", port(), id, token, role, specialization)
                .withHeartbeat(Duration.ofSeconds(2));
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
