package dev.survivor.pipeline.hub;

import dev.survivor.common.ExitCodes;
import dev.survivor.hub.client.HubEndpoint;
import dev.survivor.hub.client.HubLink;
import dev.survivor.pipeline.ExitException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Mixin for pipeline commands that report to the hub (score, step3, step5, step6): {@code --hub HOST:PORT
 * --hub-token-file F}, or PIPELINE_HUB / PIPELINE_HUB_TOKEN_FILE. Without either the command runs as before.
 * The hub is optional: a configured hub that cannot be reached costs one warning line, the work goes on
 * without it, and the run record says so ({@link #status}).
 */
public final class HubOptions {
    @Option(names = "--hub", paramLabel = "HOST:PORT",
            description = "Report to this hub and accept parameter changes from it (default: $PIPELINE_HUB). "
                    + "If it cannot be reached, the command warns once and runs without it.")
    String hub;

    @Option(names = "--hub-token-file", paramLabel = "FILE",
            description = "Token for --hub (default: $PIPELINE_HUB_TOKEN_FILE).")
    Path tokenFile;

    @Option(names = "--hub-client-id", paramLabel = "ID", description = "Id on the hub (default: ROLE-HOST-PID).")
    String clientId;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    private String address;
    private String state = "not configured";
    private String error;

    /** Connects when a hub is configured; otherwise, or when it cannot be reached, a link whose calls do nothing. */
    public HubLink link(String role, String specialization, List<String> capabilities) {
        Optional<HubEndpoint> endpoint;
        try {
            endpoint = HubEndpoint.resolve(hub, tokenFile, System.getenv());
        } catch (IllegalArgumentException e) {
            throw new ExitException(ExitCodes.USAGE, e.getMessage(), e);
        }
        if (endpoint.isEmpty()) {
            return HubLink.none();
        }
        address = endpoint.get().host() + ":" + endpoint.get().port();
        String id = clientId != null ? clientId : role + "-" + dev.survivor.pipeline.Hosts.hostname() + "-"
                + ProcessHandle.current().pid();
        try {
            HubLink link = HubLink.connect(endpoint, id, role, specialization, capabilities);
            state = "connected";
            return link;
        } catch (IOException e) {
            state = "unreachable";
            error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (mixee != null) {
                mixee.commandLine().getErr().println("warning: hub " + address + " not reachable (" + error
                        + "); continuing without it");
                mixee.commandLine().getErr().flush();
            }
            return HubLink.none();
        }
    }

    /** For the run record: {@code address}, {@code status} (connected, unreachable, not configured), {@code error}. */
    public Map<String, String> status() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("address", address);
        m.put("status", state);
        m.put("error", error);
        return m;
    }
}
