package dev.survivor.pipeline.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.survivor.hub.server.ClientSession;
import dev.survivor.hub.server.HubConfig;
import dev.survivor.hub.server.HubServer;
import dev.survivor.pipeline.CliRun;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * A real hub on loopback for the tests that run pipeline commands with {@code --hub}: its SQLite file and one
 * token made with {@code pipeline hub token add}, plus the two things those tests do while a command runs.
 */
public final class TestHub implements AutoCloseable {
    public final HubServer server;
    public final Path tokenFile;
    public final Path database;

    private TestHub(HubServer server, Path tokenFile, Path database) {
        this.server = server;
        this.tokenFile = tokenFile;
        this.database = database;
    }

    public static TestHub start(Path dir) throws Exception {
        Path tokens = dir.resolve("tokens.json");
        Path tokenFile = dir.resolve("client.token");
        CliRun add = CliRun.of("hub", "token", "add", "clients", "--tokens", tokens.toString(), "--out",
                tokenFile.toString());
        assertThat(add.exitCode()).as(add.err()).isZero();
        Path db = dir.resolve("hub.db");
        HubConfig cfg = HubConfig.builder().bind(InetAddress.getLoopbackAddress()).port(0)
                .database(db).tokens(tokens).build();
        return new TestHub(HubServer.start(cfg), tokenFile, db);
    }

    public String address() {
        return "127.0.0.1:" + server.port();
    }

    /**
     * Holds on to a client's session from the moment it connects: its variables leave the hub's client list when it
     * disconnects, so a test reads them from here after the command has ended.
     */
    public Watch watch(String clientId) {
        AtomicReference<ClientSession> session = new AtomicReference<>();
        return new Watch(session, () -> server.core().session(clientId).ifPresent(session::set),
                () -> session.get() != null);
    }

    /** As soon as the client has registered parameter {@code name}, an operator sets it to {@code value}. */
    public Change changeWhenRegistered(String clientId, String name, JsonNode value) {
        AtomicReference<CompletableFuture<?>> ack = new AtomicReference<>();
        return new Change(ack, () -> server.core().session(clientId)
                .filter(s -> s.parameters().containsKey(name)).ifPresent(s -> {
                    try {
                        ack.set(server.core().requestParameterChange("ops", clientId, name, value));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }), () -> ack.get() != null);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    /** A background poll that runs until it has what it waits for or is stopped. */
    private static class Poll {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        Poll(Runnable step, BooleanSupplier done) {
            thread = Thread.ofPlatform().daemon().start(() -> {
                while (running.get() && !done.getAsBoolean()) {
                    step.run();
                    Thread.onSpinWait();
                }
            });
        }

        /** Stops polling and waits for the thread. */
        void halt() throws InterruptedException {
            running.set(false);
            thread.join();
        }
    }

    /** See {@link #watch}. */
    public static final class Watch extends Poll {
        private final AtomicReference<ClientSession> session;

        Watch(AtomicReference<ClientSession> session, Runnable step, BooleanSupplier done) {
            super(step, done);
            this.session = session;
        }

        /** Stops watching; the session seen, or null if the client never connected. */
        public ClientSession stop() throws InterruptedException {
            halt();
            return session.get();
        }
    }

    /** See {@link #changeWhenRegistered}. */
    public static final class Change extends Poll {
        private final AtomicReference<CompletableFuture<?>> ack;

        Change(AtomicReference<CompletableFuture<?>> ack, Runnable step, BooleanSupplier done) {
            super(step, done);
            this.ack = ack;
        }

        /** Stops waiting; the acknowledgement of the change sent, or null if it was never sent. */
        public CompletableFuture<?> stop() throws InterruptedException {
            halt();
            return ack.get();
        }
    }
}
