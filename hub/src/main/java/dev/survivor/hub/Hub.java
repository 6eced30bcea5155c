package dev.survivor.hub;

import dev.survivor.hub.dashboard.DashboardServer;
import dev.survivor.hub.server.HubConfig;
import dev.survivor.hub.server.HubServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/** A running hub: the TCP server plus, optionally, its dashboard. */
public final class Hub implements AutoCloseable {
    private final HubServer server;
    private final DashboardServer dashboard;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private Hub(HubServer server, DashboardServer dashboard) {
        this.server = server;
        this.dashboard = dashboard;
    }

    /** Starts the hub; {@code dashboardBind} null means no dashboard. */
    public static Hub start(HubConfig config, InetSocketAddress dashboardBind) throws IOException {
        HubServer server = HubServer.start(config);
        try {
            DashboardServer d = dashboardBind == null ? null
                    : DashboardServer.start(server.core(), dashboardBind, Duration.ofSeconds(1), Duration.ofSeconds(30));
            return new Hub(server, d);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    public HubServer server() {
        return server;
    }

    public int port() {
        return server.port();
    }

    /** The dashboard's port, or -1 without one. */
    public int httpPort() {
        return dashboard == null ? -1 : dashboard.port();
    }

    /** Idempotent: a shutdown hook and a try-with-resources may both call it. */
    @Override
    public void close() throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (dashboard != null) {
            dashboard.close();
        }
        server.close();
    }
}
