package dev.survivor.coordinator.config;

import java.util.List;

/**
 * The cluster: nodes in config order plus SSH settings.
 *
 * @param source where it was read from (a file name, or "embedded default")
 */
public record ClusterConfig(String source, List<NodeConfig> nodes, SshSettings ssh) {
    public ClusterConfig {
        nodes = List.copyOf(nodes);
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("cluster has no nodes");
        }
    }

    public int totalGpus() {
        return nodes.stream().mapToInt(NodeConfig::gpuCount).sum();
    }

    public int totalSlots() {
        return nodes.stream().mapToInt(NodeConfig::slots).sum();
    }

    public ClusterConfig withSsh(SshSettings s) {
        return new ClusterConfig(source, nodes, s);
    }
}
