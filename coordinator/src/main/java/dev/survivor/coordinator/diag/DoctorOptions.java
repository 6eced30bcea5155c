package dev.survivor.coordinator.diag;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What the cluster doctor compares against and how long it may take.
 *
 * @param localVersion  this machine's pipeline version; a node running another one gets a WARN
 * @param hubTargets    hub ports to probe (empty: no hub checks)
 * @param minFreeBytes  free space in a node's working directory below which disk is a WARN
 * @param baseDir       what a local node's relative script_path resolves against
 * @param nodeTimeout   limit for all checks of one node (a hung node must not hang the report)
 */
public record DoctorOptions(String localVersion, List<HubTarget> hubTargets, long minFreeBytes, Path baseDir,
                            Duration nodeTimeout) {
    public DoctorOptions {
        hubTargets = List.copyOf(hubTargets);
    }
}
