package dev.survivor.pipeline.doctor;

import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The {@code --cluster} options of {@code pipeline doctor}; the SSH ones match {@code pipeline step3}. */
public final class ClusterDoctorOptions {
    @Option(names = "--cluster", paramLabel = "CLUSTER.json",
            description = "Also check every node of this cluster config (the file step3 --cluster takes).")
    Path cluster;

    @Option(names = "--hub", paramLabel = "HOST:PORT",
            description = "Hub whose TCP port must answer from here and from every node (default: $PIPELINE_HUB).")
    String hub;

    @Option(names = "--hub-dashboard-port", paramLabel = "PORT",
            description = "Also check the hub's dashboard (HTTP) port on the same host.")
    Integer dashboardPort;

    @Option(names = "--known-hosts", paramLabel = "FILE", description = "known_hosts file (overrides the cluster config).")
    Path knownHosts;

    @Option(names = "--accept-new-host-keys",
            description = "Record the host key of a node seen for the first time (a changed key is still refused).")
    boolean acceptNew;

    @Option(names = "--min-free-gib", defaultValue = "5", paramLabel = "GIB",
            description = "WARN when a node's working directory has less free space.")
    double minFreeGib;

    @Option(names = "--timeout", defaultValue = "120", paramLabel = "SECONDS",
            description = "Limit for all checks of one node (nodes are checked in parallel).")
    int timeoutSeconds;

    /** Where $PIPELINE_HUB is read from (tests substitute it). */
    Map<String, String> env = System.getenv();

    /** Without --cluster, the cluster-only options would silently do nothing: refuse them. */
    void requireNoClusterOnlyOptions(CommandSpec spec) {
        if (hub != null || dashboardPort != null || knownHosts != null || acceptNew) {
            throw new ParameterException(spec.commandLine(),
                    "--hub, --hub-dashboard-port, --known-hosts and --accept-new-host-keys need --cluster");
        }
    }
}
