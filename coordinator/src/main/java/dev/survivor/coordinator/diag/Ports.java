package dev.survivor.coordinator.diag;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

/** Plain TCP probes from this machine: does a port answer, and what does an SSH server say first. */
final class Ports {
    private Ports() {
    }

    /** A probe's outcome: {@code error} is null when the port answered. */
    record Answer(String error, String banner) {
        boolean answered() {
            return error == null;
        }
    }

    /** Connects; with {@code readBanner} also reads the first line (an SSH server sends "SSH-2.0-…" first). */
    static Answer probe(String host, int port, int timeoutMillis, boolean readBanner) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), timeoutMillis);
            if (!readBanner) {
                return new Answer(null, "");
            }
            s.setSoTimeout(timeoutMillis);
            return new Answer(null, firstLine(s.getInputStream()));
        } catch (UnknownHostException e) {
            return new Answer("cannot resolve host name " + host, "");
        } catch (ConnectException e) {
            return new Answer("connection refused by " + host + ":" + port, "");
        } catch (SocketTimeoutException e) {
            return new Answer("connection to " + host + ":" + port + " timed out after " + timeoutMillis / 1000.0 + " s", "");
        } catch (NoRouteToHostException e) {
            return new Answer("no route to " + host + ":" + port, "");
        } catch (IOException e) {
            return new Answer("cannot connect to " + host + ":" + port + ": " + e.getMessage(), "");
        }
    }

    private static String firstLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int b;
        while (sb.length() < 255 && (b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                sb.append((char) b);
            }
        }
        return sb.toString();
    }
}
