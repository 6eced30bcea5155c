package dev.survivor.coordinator.run;

import dev.survivor.coordinator.config.NodeConfig;

/** One GPU of one node: jobs on a slot run one after another. */
public record Slot(NodeConfig node, int nodeIndex, int gpu) {
    @Override
    public String toString() {
        return node.name() + ":GPU" + gpu;
    }
}
