package dev.survivor.hub.client;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where a pipeline component finds its hub: {@code --hub HOST:PORT --hub-token-file F}, or the environment
 * variables {@value #ENV_HUB} and {@value #ENV_TOKEN_FILE}. Without either, components run exactly as before.
 */
public record HubEndpoint(String host, int port, Path tokenFile) {
    public static final String ENV_HUB = "PIPELINE_HUB";
    public static final String ENV_TOKEN_FILE = "PIPELINE_HUB_TOKEN_FILE";
    public static final int DEFAULT_PORT = 10117;

    /** Parses {@code HOST:PORT}, {@code HOST} (default port) or {@code [v6addr]:PORT}. */
    public static HubEndpoint parse(String hostPort, Path tokenFile) {
        if (hostPort == null || hostPort.isBlank()) {
            throw new IllegalArgumentException("hub address is empty (expected HOST:PORT)");
        }
        String s = hostPort.trim();
        String host;
        String port = null;
        if (s.startsWith("[")) {
            int end = s.indexOf(']');
            if (end < 0) {
                throw new IllegalArgumentException("hub address '" + s + "': missing ']'");
            }
            host = s.substring(1, end);
            if (s.length() > end + 1) {
                if (s.charAt(end + 1) != ':') {
                    throw new IllegalArgumentException("hub address '" + s + "': expected ':' after ']'");
                }
                port = s.substring(end + 2);
            }
        } else {
            int colon = s.lastIndexOf(':');
            host = colon < 0 ? s : s.substring(0, colon);
            port = colon < 0 ? null : s.substring(colon + 1);
        }
        int p = DEFAULT_PORT;
        if (port != null) {
            try {
                p = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("hub address '" + s + "': port '" + port + "' is not a number");
            }
            if (p < 1 || p > 65535) {
                throw new IllegalArgumentException("hub address '" + s + "': port " + p + " is outside 1-65535");
            }
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("hub address '" + s + "': host is empty");
        }
        return new HubEndpoint(host, p, tokenFile);
    }

    /**
     * The endpoint from explicit options, falling back to the environment; empty when no hub is configured.
     * A hub address without a token file is an error: connecting would fail anyway.
     */
    public static Optional<HubEndpoint> resolve(String hubOption, Path tokenFileOption, Map<String, String> env) {
        String hub = hubOption != null ? hubOption : env.get(ENV_HUB);
        if (hub == null || hub.isBlank()) {
            return Optional.empty();
        }
        Path token = tokenFileOption != null ? tokenFileOption
                : env.get(ENV_TOKEN_FILE) != null ? Path.of(env.get(ENV_TOKEN_FILE)) : null;
        if (token == null) {
            throw new IllegalArgumentException("hub " + hub + " given but no token file: use --hub-token-file or "
                    + ENV_TOKEN_FILE);
        }
        return Optional.of(parse(hub, token));
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
