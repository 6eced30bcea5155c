package dev.survivor.hub.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.survivor.hub.auth.TokenStore;
import dev.survivor.hub.params.ParameterSpec;
import dev.survivor.hub.protocol.MessageCodec;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What a pipeline command holds instead of a raw {@link HubClient}: without a hub every call is a no-op, and if
 * the hub goes away mid-run the command keeps working (one warning, then silence). Parameters keep their local
 * values, so a command reads them the same way with or without a hub.
 */
public final class HubLink implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(HubLink.class.getName());

    private final HubClient client;
    private volatile boolean warned;

    private HubLink(HubClient client) {
        this.client = client;
    }

    /** No hub: every call does nothing. */
    public static HubLink none() {
        return new HubLink(null);
    }

    /**
     * Connects when an endpoint is configured. A configured hub that cannot be reached is an error (the user
     * asked for it), but later failures are not.
     */
    public static HubLink connect(Optional<HubEndpoint> endpoint, String clientId, String role,
                                  String specialization, List<String> capabilities) throws IOException {
        if (endpoint.isEmpty()) {
            return none();
        }
        HubEndpoint ep = endpoint.get();
        String token = TokenStore.readTokenFile(ep.tokenFile());
        return new HubLink(HubClient.connect(HubClient.Options.of(ep.host(), ep.port(), clientId, token, role,
                specialization).withCapabilities(capabilities)));
    }

    public boolean connected() {
        return client != null && client.isConnected();
    }

    public Optional<HubClient> client() {
        return Optional.ofNullable(client);
    }

    public void registerParameter(ParameterSpec spec, Consumer<JsonNode> onApply) {
        run(() -> client.registerParameter(spec, onApply));
    }

    public void variables(ObjectNode values) {
        run(() -> client.updateVariables(values));
    }

    public void variable(String name, Object value) {
        run(() -> client.updateVariable(name, value));
    }

    /** Shares a result; returns false when there is no hub or it could not be stored. */
    public boolean share(String shareId, String kind, JsonNode payload) {
        return run(() -> client.share(shareId, kind, payload));
    }

    /** Call between batches / trials: applies operator changes and acknowledges them. */
    public int safePoint() {
        int[] n = {0};
        run(() -> n[0] = client.applyPendingParameters());
        return n[0];
    }

    public static ObjectNode object() {
        return MessageCodec.JSON.createObjectNode();
    }

    private interface HubCall {
        void call() throws IOException;
    }

    private boolean run(HubCall c) {
        if (client == null || !client.isConnected()) {
            return false;
        }
        try {
            c.call();
            return true;
        } catch (IOException e) {
            if (!warned) {
                warned = true;
                LOG.log(Level.WARNING, "hub unreachable; continuing without it: " + e.getMessage());
            }
            return false;
        }
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }
}
