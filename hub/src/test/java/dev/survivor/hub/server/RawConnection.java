package dev.survivor.hub.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.survivor.hub.protocol.MessageCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A bare socket for protocol tests: writes arbitrary bytes, reads reply lines with a timeout. */
final class RawConnection implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawConnection(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    RawConnection send(String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return this;
    }

    RawConnection sendBytes(byte[] b) throws IOException {
        out.write(b);
        out.flush();
        return this;
    }

    /** Next line as JSON, or null at end of stream. */
    JsonNode read() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                return MessageCodec.JSON.readTree(buf.toByteArray());
            }
            buf.write(c);
        }
        return null;
    }

    /** Reads until the hub closes the connection; true if it did within the socket timeout. */
    boolean closedByHub() throws IOException {
        try {
            while (in.read() >= 0) {
                // drain
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
