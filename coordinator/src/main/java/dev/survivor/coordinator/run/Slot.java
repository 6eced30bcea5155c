package dev.survivor.coordinator.run;

import dev.survivor.coordinator.config.NodeConfig;

/** One GPU of one node: jobs on a slot run one after another. */
public record Slot(NodeConfig node, int nodeIndex, int gpu) {
    @Override
    public String toString() {
        return label(node.name(), gpu);
    }

    /** {@code node:GPUn}: how a slot is named everywhere (console, timeline). */
    static String label(String node, int gpu) {
        return node + ":GPU" + gpu;
    }
}
