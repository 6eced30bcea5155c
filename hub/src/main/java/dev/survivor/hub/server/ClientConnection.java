package dev.survivor.hub.server;

import dev.survivor.hub.protocol.ErrorCode;
import dev.survivor.hub.protocol.LineFramer;
import dev.survivor.hub.protocol.Message;
import dev.survivor.hub.protocol.MessageCodec;
import dev.survivor.hub.protocol.ProtocolException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One TCP connection: frames bytes into lines, decodes them, hands messages to the {@link Dispatcher}, and writes
 * replies from a bounded queue on its own thread (a client that stops reading is dropped instead of blocking
 * the hub). Anything that goes wrong here closes this connection only.
 */
public final class ClientConnection {
    private static final Logger LOG = Logger.getLogger(ClientConnection.class.getName());
    private static final byte[] POISON = new byte[0];

    private final Socket socket;
    private final Dispatcher dispatcher;
    private final HubStats stats;
    private final LineFramer framer;
    private final BlockingQueue<byte[]> outbox;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final String remote;
    private volatile long lastSeenNanos = System.nanoTime();
    private volatile ClientSession session;
    private volatile String closeReason;

    ClientConnection(Socket socket, Dispatcher dispatcher, HubStats stats, int maxLineBytes, int queueCapacity) {
        this.socket = socket;
        this.dispatcher = dispatcher;
        this.stats = stats;
        this.framer = new LineFramer(maxLineBytes);
        this.outbox = new ArrayBlockingQueue<>(queueCapacity);
        this.remote = String.valueOf(socket.getRemoteSocketAddress());
    }

    void start() {
        Thread.ofVirtual().name("hub-read-" + remote).start(this::readLoop);
        Thread.ofVirtual().name("hub-write-" + remote).start(this::writeLoop);
    }

    public ClientSession session() {
        return session;
    }

    void session(ClientSession s) {
        this.session = s;
    }

    public String remote() {
        return remote;
    }

    long lastSeenNanos() {
        return lastSeenNanos;
    }

    public boolean isOpen() {
        return !closed.get();
    }

    /** Queues a message; a full queue means the peer stopped reading, so it is disconnected. */
    public void send(Message m) {
        if (closed.get()) {
            return;
        }
        if (!outbox.offer(MessageCodec.encode(m))) {
            stats.slowConsumersDropped.increment();
            close("send queue full: client is not reading");
            return;
        }
        stats.messagesOut.increment();
    }

    /** Sends an error line and closes once it is written (used before authentication). */
    void sendAndClose(Message m, String reason) {
        if (closed.get()) {
            return;
        }
        outbox.offer(MessageCodec.encode(m));
        stats.messagesOut.increment();
        closeReason = reason;
        outbox.offer(POISON);
    }

    private void readLoop() {
        byte[] buf = new byte[64 * 1024];
        // the streams are not closed here: closing one closes the socket before a final error line is written
        try {
            InputStream in = socket.getInputStream();
            int n;
            while (!closed.get() && closeReason == null && (n = in.read(buf)) >= 0) {
                lastSeenNanos = System.nanoTime();
                for (LineFramer.Frame f : framer.feed(buf, 0, n)) {
                    if (closed.get() || closeReason != null) {
                        return;
                    }
                    onFrame(f);
                }
            }
            if (closeReason == null) {
                close("peer closed the connection");
            }
        } catch (IOException e) {
            close("read failed: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "connection " + remote + " failed; closing it", e);
            close("internal error: " + e);
        }
    }

    private void onFrame(LineFramer.Frame f) {
        boolean authenticated = session != null;
        switch (f) {
            case LineFramer.Frame.TooLong t -> {
                stats.protocolErrors.increment();
                Message.Error err = new Message.Error(ErrorCode.LINE_TOO_LONG,
                        "line of " + t.length() + " bytes exceeds the limit of " + framer.maxLineBytes(), null);
                if (authenticated) {
                    send(err);
                } else {
                    sendAndClose(err, "oversized line before authentication");
                }
            }
            case LineFramer.Frame.Line l -> {
                if (isBlank(l.bytes())) {
                    return;
                }
                Message m;
                try {
                    m = MessageCodec.decode(l.bytes(), !authenticated);
                } catch (ProtocolException e) {
                    stats.protocolErrors.increment();
                    if (authenticated) {
                        send(new Message.Error(e.code(), e.getMessage(), null));
                    } else {
                        sendAndClose(new Message.Error(ErrorCode.NOT_AUTHENTICATED,
                                "first line must be {\"client_id\": ..., \"token\": ...}: " + e.getMessage(), null),
                                "bad first line");
                    }
                    return;
                }
                stats.messagesIn.increment();
                dispatcher.handle(this, m);
            }
        }
    }

    private void writeLoop() {
        try {
            OutputStream out = socket.getOutputStream();
            while (true) {
                byte[] line = outbox.poll(1, TimeUnit.SECONDS);
                if (line == null) {
                    if (closed.get()) {
                        return;
                    }
                    continue;
                }
                if (line == POISON) {
                    out.flush();
                    lingeringClose();
                    return;
                }
                out.write(line);
                if (outbox.isEmpty()) {
                    out.flush();
                }
            }
        } catch (IOException e) {
            close("write failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close("interrupted");
        }
    }

    /**
     * Half-closes and drains what the peer already sent before closing: closing with unread input makes TCP send
     * a reset, which can destroy the error line the peer has not read yet.
     */
    private void lingeringClose() {
        try {
            socket.shutdownOutput();
            socket.setSoTimeout(1000);
            InputStream in = socket.getInputStream();
            byte[] sink = new byte[8192];
            long drained = 0;
            int n;
            while (drained < (1 << 20) && (n = in.read(sink)) >= 0) {
                drained += n;
            }
        } catch (IOException ignored) {
            // timeout or reset: close anyway
        }
        close(closeReason);
    }

    /** Closes the socket once; the dispatcher is told so it can mark the client gone. */
    public void close(String reason) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // already broken; nothing else to release
        }
        dispatcher.closed(this, reason);
    }

    private static boolean isBlank(byte[] b) {
        for (byte x : b) {
            if (x != ' ' && x != '\t' && x != '\r') {
                return false;
            }
        }
        return true;
    }
}
