package dev.survivor.coordinator.config;

import java.nio.file.Path;

/**
 * Cluster-wide SSH settings (top-level {@code ssh} object of the cluster config).
 *
 * @param knownHosts            known_hosts file checked for every remote node
 * @param hostKeyPolicy         strict (default) or accept-new
 * @param connectTimeoutSeconds TCP connect + handshake limit
 * @param commandTimeoutSeconds limit for short helper commands (mkdir, rm, kill)
 * @param maxChannelsPerConnection channels open at once on one SSH connection (OpenSSH MaxSessions is 10);
 *                                 a node gets as many connections as its GPUs need
 */
public record SshSettings(Path knownHosts, HostKeyPolicy hostKeyPolicy, int connectTimeoutSeconds,
                          int commandTimeoutSeconds, int maxChannelsPerConnection) {

    public static SshSettings defaults() {
        return new SshSettings(Path.of(System.getProperty("user.home"), ".ssh", "known_hosts"),
                HostKeyPolicy.STRICT, 10, 30, 8);
    }

    public SshSettings withKnownHosts(Path file, HostKeyPolicy policy) {
        return new SshSettings(file, policy, connectTimeoutSeconds, commandTimeoutSeconds, maxChannelsPerConnection);
    }
}
