package dev.survivor.pipeline.hub;

import dev.survivor.common.ExitCodes;
import dev.survivor.hub.Hub;
import dev.survivor.hub.server.HubConfig;
import dev.survivor.hub.server.Tls;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pipeline hub serve}: runs the hub (TCP) and its dashboard (HTTP) until interrupted. */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        header = "Run the hub: JSON-lines TCP with token auth, SQLite persistence, live web dashboard.",
        showDefaultValues = true)
public final class HubServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "10117", description = "TCP port for components (0: any free port).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1",
            description = "Address the TCP port listens on (0.0.0.0 for a cluster; consider --tls-cert).")
    String bind;

    @Option(names = "--http-port", defaultValue = "5001", description = "Dashboard port (-1: no dashboard).")
    int httpPort;

    @Option(names = "--http-bind", defaultValue = "127.0.0.1",
            description = "Dashboard address. Reads need no token, so keep it on loopback (use an SSH tunnel).")
    String httpBind;

    @Option(names = "--db", defaultValue = "hub.db", description = "SQLite database (created and migrated on start).")
    Path db;

    @Option(names = "--tokens", defaultValue = "tokens.json", description = "Token file (see `pipeline hub token`).")
    Path tokens;

    @Option(names = "--scripts", paramLabel = "FILE",
            description = "JSON file of commands operators may `execute` on this host.")
    Path scripts;

    @Option(names = "--heartbeat-timeout", defaultValue = "30", paramLabel = "SECONDS",
            description = "Disconnect a client silent for this long; its collaborations fail.")
    int heartbeatTimeout;

    @Option(names = "--tls-cert", paramLabel = "P12", description = "PKCS#12 key store: serve TLS on the TCP port.")
    Path tlsCert;

    @Option(names = "--tls-password-file", paramLabel = "FILE", description = "Password of --tls-cert.")
    Path tlsPassword;

    @Override
    public Integer call() throws Exception {
        if (!Files.exists(tokens)) {
            throw new IllegalArgumentException(tokens + ": no token file; create one with `pipeline hub token add "
                    + "NAME --operator --tokens " + tokens + "`");
        }
        HubConfig.Builder b = HubConfig.builder().bind(InetAddress.getByName(bind)).port(port).database(db)
                .tokens(tokens).scripts(scripts).heartbeatTimeout(Duration.ofSeconds(heartbeatTimeout));
        if (tlsCert != null) {
            char[] pw = tlsPassword == null ? new char[0] : Files.readString(tlsPassword).strip().toCharArray();
            b.tls(Tls.serverContext(tlsCert, pw));
        }
        InetSocketAddress dash = httpPort < 0 ? null : new InetSocketAddress(InetAddress.getByName(httpBind), httpPort);
        PrintWriter out = spec.commandLine().getOut();
        try (Hub hub = Hub.start(b.build(), dash)) {
            out.printf("hub listening on %s:%d%s (database %s)%n", bind, hub.port(), tlsCert != null ? " (TLS)" : "",
                    db.toAbsolutePath());
            if (hub.httpPort() >= 0) {
                out.printf("dashboard on http://%s:%d/%n", httpBind, hub.httpPort());
            }
            out.println("press Ctrl-C to stop");
            out.flush();
            CountDownLatch stopped = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                try {
                    hub.close();  // the JVM does not wait for this command's thread, so the hook closes the hub
                } catch (java.io.IOException e) {
                    spec.commandLine().getErr().println("hub: error while stopping: " + e.getMessage());
                }
                stopped.countDown();
            });
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                Runtime.getRuntime().removeShutdownHook(hook);
            }
        }
        return ExitCodes.OK;
    }
}
