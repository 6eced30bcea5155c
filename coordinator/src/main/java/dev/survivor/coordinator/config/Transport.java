package dev.survivor.coordinator.config;

/** How the coordinator reaches a node: a local process, or SSH. */
public enum Transport {
    LOCAL, SSH
}
