package dev.survivor.pipeline.doctor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.survivor.common.ExitCodes;
import dev.survivor.coordinator.config.ClusterConfig;
import dev.survivor.coordinator.config.ClusterConfigException;
import dev.survivor.coordinator.config.ClusterConfigReader;
import dev.survivor.coordinator.config.HostKeyPolicy;
import dev.survivor.coordinator.diag.ClusterDoctor;
import dev.survivor.coordinator.diag.DoctorOptions;
import dev.survivor.coordinator.diag.DoctorReport;
import dev.survivor.coordinator.diag.HubTarget;
import dev.survivor.hub.client.HubEndpoint;
import dev.survivor.pipeline.ExitException;
import dev.survivor.pipeline.VersionProvider;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Wiring of {@code pipeline doctor --cluster}: options → {@link ClusterDoctor} → text or JSON, exit status. */
final class ClusterDoctorRun {
    private ClusterDoctorRun() {
    }

    static int run(ClusterDoctorOptions o, ObjectNode local, boolean json, PrintWriter out) {
        if (o.timeoutSeconds < 1 || o.minFreeGib < 0) {
            throw new ExitException(ExitCodes.USAGE, "--timeout must be >= 1 and --min-free-gib >= 0");
        }
        ClusterConfig c;
        try {
            c = ClusterConfigReader.read(o.cluster);
        } catch (ClusterConfigException e) {
            throw new ExitException(ExitCodes.INVALID_INPUT, e.getMessage(), e);
        }
        if (o.knownHosts != null || o.acceptNew) {
            c = c.withSsh(c.ssh().withKnownHosts(o.knownHosts != null ? o.knownHosts : c.ssh().knownHosts(),
                    o.acceptNew ? HostKeyPolicy.ACCEPT_NEW : c.ssh().hostKeyPolicy()));
        }
        DoctorOptions options = new DoctorOptions(VersionProvider.version(), hubTargets(o),
                Math.round(o.minFreeGib * (1L << 30)), Path.of("").toAbsolutePath(), Duration.ofSeconds(o.timeoutSeconds));
        DoctorReport report = ClusterDoctor.diagnose(c, options);
        if (json) {
            ObjectNode j = report.toJson();
            j.set("local", local);
            out.println(j.toString());
        } else {
            DoctorCommand.printText(out, local);
            out.println();
            report.printText(out);
        }
        out.flush();
        return report.anyFailed() ? ExitCodes.UNAVAILABLE : ExitCodes.OK;
    }

    private static List<HubTarget> hubTargets(ClusterDoctorOptions o) {
        String hub = o.hub != null ? o.hub : o.env.get(HubEndpoint.ENV_HUB);
        List<HubTarget> targets = new ArrayList<>();
        if (hub == null || hub.isBlank()) {
            if (o.dashboardPort != null) {
                throw new ExitException(ExitCodes.USAGE, "--hub-dashboard-port needs --hub HOST:PORT (or $PIPELINE_HUB)");
            }
            return targets;
        }
        try {
            HubEndpoint e = HubEndpoint.parse(hub, null);
            targets.add(new HubTarget("hub", e.host(), e.port()));
            if (o.dashboardPort != null) {
                targets.add(new HubTarget("hub_dashboard", e.host(), o.dashboardPort));
            }
        } catch (IllegalArgumentException e) {
            throw new ExitException(ExitCodes.USAGE, (o.hub != null ? "--hub: " : "$PIPELINE_HUB: ") + e.getMessage(), e);
        }
        return targets;
    }
}
