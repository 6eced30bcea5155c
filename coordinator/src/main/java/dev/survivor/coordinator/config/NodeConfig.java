package dev.survivor.coordinator.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * One node of the cluster config: the reference's {@code distributed_config.json} node fields plus ours.
 *
 * @param hostname        SSH target (or {@code localhost})
 * @param username        SSH user
 * @param port            SSH port
 * @param gpuCount        GPU ids 0..gpuCount-1 (for CPU nodes: worker slots)
 * @param gpuType         reporting only
 * @param scriptPath      working directory of the workers on that node; base of relative inputs
 * @param maxConcurrent   workers running at once on that node ({@code max_concurrent_script_jobs})
 * @param backend         GPU visibility rule (docs/decisions.md C3)
 * @param transport       local process or SSH
 * @param identityFile    private key for SSH (null: the usual ~/.ssh/id_* files)
 * @param launcher        the {@code pipeline} launcher or a {@code java} binary on that node
 * @param pipelineJar     the pipeline jar when {@code launcher} is a java binary, else null
 * @param staggerSeconds  pause between worker starts on the node and between jobs on one GPU
 * @param env             extra environment for every worker on that node (overrides ours)
 * @param sharedFilesystem true when the node sees the coordinator's files at the same relative paths
 */
public record NodeConfig(String hostname, String username, int port, int gpuCount, String gpuType,
                         String scriptPath, int maxConcurrent, Backend backend, Transport transport,
                         Path identityFile, String launcher, String pipelineJar, double staggerSeconds,
                         Map<String, String> env, boolean sharedFilesystem) {

    public NodeConfig {
        env = Map.copyOf(env);
    }

    /** GPU slots the coordinator fills: min(gpu_count, max_concurrent_script_jobs). */
    public int slots() {
        return Math.min(gpuCount, maxConcurrent);
    }

    public boolean isLocal() {
        return transport == Transport.LOCAL;
    }

    /** Name used in reports: host, plus the port when it is not 22 (tests run several nodes on one host). */
    public String name() {
        return port == 22 || isLocal() ? hostname : hostname + ":" + port;
    }
}
