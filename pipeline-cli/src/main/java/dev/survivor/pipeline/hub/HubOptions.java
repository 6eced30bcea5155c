package dev.survivor.pipeline.hub;

import dev.survivor.common.ExitCodes;
import dev.survivor.hub.client.HubEndpoint;
import dev.survivor.hub.client.HubLink;
import dev.survivor.pipeline.ExitException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Mixin for pipeline commands that report to the hub (step3, step5, step6): {@code --hub HOST:PORT
 * --hub-token-file F}, or PIPELINE_HUB / PIPELINE_HUB_TOKEN_FILE. Without either the command runs as before.
 */
public final class HubOptions {
    @Option(names = "--hub", paramLabel = "HOST:PORT",
            description = "Report to this hub and accept parameter changes from it (default: $PIPELINE_HUB).")
    String hub;

    @Option(names = "--hub-token-file", paramLabel = "FILE",
            description = "Token for --hub (default: $PIPELINE_HUB_TOKEN_FILE).")
    Path tokenFile;

    @Option(names = "--hub-client-id", paramLabel = "ID", description = "Id on the hub (default: ROLE-HOST-PID).")
    String clientId;

    /** Connects when a hub is configured; otherwise returns a link whose calls do nothing. */
    public HubLink link(String role, String specialization, List<String> capabilities) {
        try {
            var endpoint = HubEndpoint.resolve(hub, tokenFile, System.getenv());
            String id = clientId != null ? clientId : role + "-" + dev.survivor.pipeline.Hosts.hostname() + "-"
                    + ProcessHandle.current().pid();
            return HubLink.connect(endpoint, id, role, specialization, capabilities);
        } catch (IllegalArgumentException e) {
            throw new ExitException(ExitCodes.USAGE, e.getMessage(), e);
        } catch (IOException e) {
            throw new ExitException(ExitCodes.UNAVAILABLE, "cannot connect to the hub: " + e.getMessage(), e);
        }
    }
}
