package dev.survivor.hub.server;

import dev.survivor.hub.auth.TokenStore;
import dev.survivor.hub.client.HubClient;
import dev.survivor.hub.client.HubEndpoint;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A hub client run as a real child process by {@link SupervisedRestartTest}: connects to $PIPELINE_HUB with the
 * token in args[0] as client args[1], heartbeats every 200 ms and idles. HubClient adds the capability
 * script:NAME from PIPELINE_HUB_SCRIPT, which ties it to the hub's script.
 */
public final class HeartbeatChild {
    private HeartbeatChild() { }

    public static void main(String[] args) throws Exception {
        HubEndpoint ep = HubEndpoint.parse(System.getenv(HubEndpoint.ENV_HUB), Path.of(args[0]));
        try (HubClient c = HubClient.connect(HubClient.Options.of(ep.host(), ep.port(), args[1],
                TokenStore.readTokenFile(ep.tokenFile()), "step3-worker", null)
                .withHeartbeat(Duration.ofMillis(200)))) {
            System.out.println("connected as " + c.clientId());
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
