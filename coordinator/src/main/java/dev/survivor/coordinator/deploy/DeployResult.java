package dev.survivor.coordinator.deploy;

/**
 * What happened on one node.
 *
 * @param node    the node's report name
 * @param status  deployed, up-to-date (skipped), planned (dry run), skipped (local node) or failed
 * @param release the versioned folder name ({@code <bundle>-<sha256 prefix>})
 * @param version what {@code current/bin/pipeline --version} printed there afterwards (null when not run)
 * @param seconds time spent on the node
 * @param detail  the path switched to, or why it failed
 */
public record DeployResult(String node, String status, String release, String version, double seconds, String detail) {
    public boolean failed() {
        return "failed".equals(status);
    }
}
