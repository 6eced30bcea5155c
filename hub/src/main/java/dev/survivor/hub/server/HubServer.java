package dev.survivor.hub.server;

import dev.survivor.hub.auth.TokenStore;
import dev.survivor.hub.store.HubStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The hub's TCP side: accept loop, one {@link ClientConnection} per socket, and a heartbeat monitor that
 * disconnects clients silent for longer than the configured timeout. No client can stop the accept loop.
 */
public final class HubServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(HubServer.class.getName());

    private final HubConfig config;
    private final HubStore store;
    private final HubCore core;
    private final Dispatcher dispatcher;
    private final ServerSocket server;
    private final Set<ClientConnection> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;
    private final Thread acceptThread;
    private final Thread monitorThread;

    private HubServer(HubConfig config, HubStore store, HubCore core, ServerSocket server) {
        this.config = config;
        this.store = store;
        this.core = core;
        this.server = server;
        this.dispatcher = new Dispatcher(core, Duration.ofSeconds(30));
        this.acceptThread = Thread.ofPlatform().name("hub-accept").daemon().unstarted(this::acceptLoop);
        this.monitorThread = Thread.ofPlatform().name("hub-heartbeat").daemon().unstarted(this::monitorLoop);
    }

    /** Opens the database (migrating it), loads tokens and scripts, binds the port and starts serving. */
    public static HubServer start(HubConfig config) throws IOException {
        HubStore store = HubStore.open(config.database());
        try {
            store.markAllGone();
            TokenStore tokens = TokenStore.load(config.tokens());
            ServerSocket server = config.tls() != null
                    ? config.tls().getServerSocketFactory().createServerSocket()
                    : new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(config.bindAddress(), config.port()), 512);
            String address = config.bindAddress().getHostAddress() + ":" + server.getLocalPort();
            ScriptRunner scripts = new ScriptRunner(config.scripts(), Duration.ofSeconds(5),
                    Map.of("PIPELINE_HUB", address));
            HubServer hub = new HubServer(config, store, new HubCore(config, store, tokens, scripts), server);
            hub.acceptThread.start();
            hub.monitorThread.start();
            return hub;
        } catch (IOException | SQLException | RuntimeException e) {
            try {
                store.close();
            } catch (SQLException ignored) {
                // reporting the original failure matters more
            }
            throw e instanceof IOException io ? io : new IOException("cannot start hub: " + e.getMessage(), e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    public HubCore core() {
        return core;
    }

    public HubConfig config() {
        return config;
    }

    /** Connections currently open (authenticated or not). */
    public List<ClientConnection> connections() {
        return List.copyOf(connections);
    }

    private void acceptLoop() {
        while (!closing) {
            Socket s;
            try {
                s = server.accept();
            } catch (SocketException e) {
                if (closing) {
                    return;
                }
                LOG.log(Level.WARNING, "accept failed; continuing", e);
                continue;
            } catch (IOException e) {
                LOG.log(Level.WARNING, "accept failed; continuing", e);
                continue;
            }
            try {
                s.setTcpNoDelay(true);
                core.stats().connectionsAccepted.increment();
                ClientConnection c = new ClientConnection(s, dispatcher, core.stats(), config.maxLineBytes(), config.sendQueueCapacity());
                connections.add(c);
                c.start();
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "could not set up connection from " + s.getRemoteSocketAddress(), e);
                try {
                    s.close();
                } catch (IOException ignored) {
                    // nothing more to do for this socket
                }
            }
        }
    }

    private void monitorLoop() {
        long timeoutNanos = config.heartbeatTimeout().toNanos();
        long period = Math.max(50, config.heartbeatTimeout().toMillis() / 4);
        while (!closing) {
            try {
                Thread.sleep(period);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (ClientConnection c : connections) {
                if (!c.isOpen()) {
                    connections.remove(c);
                } else if (now - c.lastSeenNanos() > timeoutNanos) {
                    core.stats().heartbeatTimeouts.increment();
                    if (c.session() != null) {
                        core.heartbeatLost(c.session());
                    }
                    c.close("no message or heartbeat for " + config.heartbeatTimeout().toSeconds() + " s");
                    connections.remove(c);
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        closing = true;
        core.shuttingDown();
        server.close();
        monitorThread.interrupt();
        for (ClientConnection c : connections) {
            c.close("hub shutting down");
        }
        core.scripts().stopAll();
        try {
            store.close();
        } catch (SQLException e) {
            throw new IOException("closing the hub database failed: " + e.getMessage(), e);
        }
    }
}
