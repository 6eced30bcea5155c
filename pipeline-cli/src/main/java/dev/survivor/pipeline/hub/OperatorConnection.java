package dev.survivor.pipeline.hub;

import dev.survivor.common.ExitCodes;
import dev.survivor.hub.auth.TokenStore;
import dev.survivor.hub.client.HubClient;
import dev.survivor.hub.client.HubEndpoint;
import dev.survivor.hub.server.Tls;
import dev.survivor.pipeline.ExitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Options shared by the operator commands: where the hub is and which token to use. */
public final class OperatorConnection {
    @Option(names = "--hub", paramLabel = "HOST:PORT",
            description = "Hub address (default: $PIPELINE_HUB, else 127.0.0.1:10117).")
    String hub;

    @Option(names = "--hub-token-file", paramLabel = "FILE",
            description = "File holding an operator token (default: $PIPELINE_HUB_TOKEN_FILE).")
    Path tokenFile;

    @Option(names = "--tls-truststore", paramLabel = "P12",
            description = "PKCS#12 trust store for a hub started with --tls-cert.")
    Path trustStore;

    @Option(names = "--tls-password-file", paramLabel = "FILE", description = "Password of --tls-truststore.")
    Path trustPassword;

    @Option(names = "--client-id", paramLabel = "ID", description = "Client id to connect as (default: operator-USER-PID).")
    String clientId;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long to wait for the hub (and for a parameter acknowledgement).")
    int timeoutSeconds;

    HubClient connect() {
        String address = hub != null ? hub
                : System.getenv(HubEndpoint.ENV_HUB) != null ? System.getenv(HubEndpoint.ENV_HUB)
                : "127.0.0.1:" + HubEndpoint.DEFAULT_PORT;
        Path tf = tokenFile != null ? tokenFile
                : System.getenv(HubEndpoint.ENV_TOKEN_FILE) != null ? Path.of(System.getenv(HubEndpoint.ENV_TOKEN_FILE))
                : null;
        if (tf == null) {
            throw new ExitException(ExitCodes.USAGE,
                    "no token: give --hub-token-file FILE or set " + HubEndpoint.ENV_TOKEN_FILE);
        }
        HubEndpoint ep = HubEndpoint.parse(address, tf);
        try {
            String token = TokenStore.readTokenFile(tf);
            String id = clientId != null ? clientId
                    : "operator-" + System.getProperty("user.name", "user") + "-" + ProcessHandle.current().pid();
            HubClient.Options o = HubClient.Options.of(ep.host(), ep.port(), id, token, "operator", null)
                    .withTimeout(Duration.ofSeconds(timeoutSeconds)).withHeartbeat(Duration.ofSeconds(10));
            if (trustStore != null) {
                char[] pw = trustPassword == null ? new char[0]
                        : Files.readString(trustPassword).strip().toCharArray();
                o = o.withSocketFactory(Tls.clientFactory(trustStore, pw));
            }
            return HubClient.connect(o);
        } catch (IOException e) {
            throw new ExitException(ExitCodes.UNAVAILABLE, "cannot reach the hub at " + ep + ": " + e.getMessage(), e);
        }
    }
}
