package dev.survivor.hub.server;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * Everything a hub needs to start. Build with {@link #builder()}; defaults are the documented ones
 * (TCP 10117 on loopback, 1 MiB lines, 30 s heartbeat timeout).
 */
public record HubConfig(InetAddress bindAddress, int port, Path database, Path tokens, Path scripts,
                        int maxLineBytes, Duration heartbeatTimeout, int sendQueueCapacity, Reputation reputation,
                        SSLContext tls) {

    public static final int DEFAULT_PORT = 10117;
    public static final int DEFAULT_HTTP_PORT = 5001;

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private InetAddress bind = InetAddress.getLoopbackAddress();
        private int port = DEFAULT_PORT;
        private Path database = Path.of("hub.db");
        private Path tokens = Path.of("tokens.json");
        private Path scripts;
        private int maxLineBytes = 1 << 20;
        private Duration heartbeatTimeout = Duration.ofSeconds(30);
        private int sendQueueCapacity = 10_000;
        private Reputation reputation = Reputation.DEFAULT;
        private SSLContext tls;

        public Builder bind(InetAddress a) { this.bind = a; return this; }
        public Builder port(int p) { this.port = p; return this; }
        public Builder database(Path p) { this.database = p; return this; }
        public Builder tokens(Path p) { this.tokens = p; return this; }
        public Builder scripts(Path p) { this.scripts = p; return this; }
        public Builder maxLineBytes(int n) { this.maxLineBytes = n; return this; }
        public Builder heartbeatTimeout(Duration d) { this.heartbeatTimeout = d; return this; }
        public Builder sendQueueCapacity(int n) { this.sendQueueCapacity = n; return this; }
        public Builder reputation(Reputation r) { this.reputation = r; return this; }
        public Builder tls(SSLContext c) { this.tls = c; return this; }

        public HubConfig build() {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0-65535, got " + port);
            }
            return new HubConfig(bind, port, database, tokens, scripts, maxLineBytes, heartbeatTimeout,
                    sendQueueCapacity, reputation, tls);
        }
    }
}
