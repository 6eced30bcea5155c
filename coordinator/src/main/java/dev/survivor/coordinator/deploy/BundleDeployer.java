package dev.survivor.coordinator.deploy;

import dev.survivor.coordinator.config.ClusterConfig;
import dev.survivor.coordinator.config.NodeConfig;
import dev.survivor.coordinator.exec.HostKeys;
import dev.survivor.coordinator.exec.NodeException;
import dev.survivor.coordinator.exec.SshConnection;
import dev.survivor.coordinator.exec.WorkerCommand;
import dev.survivor.common.Sha256;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code pipeline deploy}: puts a worker bundle on every SSH node of a cluster (docs/deploy.md). Per node, in
 * parallel, over the same SSH code and host-key rules as Step 3: SFTP upload to {@code DIR/versions/}, sha256
 * checked on the node, unpacked into {@code DIR/versions/<bundle>-<sha256 prefix>/} (via a temporary folder
 * renamed into place), then {@code DIR/current} switched to it with an atomic rename of a new symbolic link.
 * A node whose {@code current} already points at that folder is left alone.
 */
public final class BundleDeployer {
    static final String READY_MARK = ".deployed";

    private final ClusterConfig cluster;
    private final Path bundle;
    private final String installDir;
    private final String sha256;
    private final String release;

    /**
     * @param installDir folder on each node ({@code ~/} is the login's home there)
     */
    public BundleDeployer(ClusterConfig cluster, Path bundle, String installDir) {
        this.cluster = cluster;
        this.bundle = bundle;
        this.installDir = installDir;
        this.sha256 = Sha256.of(bundle);
        String name = bundle.getFileName().toString().replaceFirst("\\.tar\\.gz$|\\.tgz$", "");
        this.release = name + "-" + sha256.substring(0, 12);
    }

    public String sha256() {
        return sha256;
    }

    public String release() {
        return release;
    }

    /** What would be done on every node, touching nothing. */
    public List<DeployResult> plan() {
        return cluster.nodes().stream().map(n -> n.isLocal()
                ? new DeployResult(n.name(), "skipped", release, null, 0, "local node: run the bundle here directly")
                : new DeployResult(n.name(), "planned", release, null, 0,
                        installDir + "/versions/" + release + " <- current")).toList();
    }

    /** Deploys to every SSH node in parallel; one result per node, in config order. */
    public List<DeployResult> deploy() {
        HostKeys hostKeys = HostKeys.open(cluster.ssh().knownHosts(), cluster.ssh().hostKeyPolicy());
        List<DeployResult> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<DeployResult>> running = cluster.nodes().stream()
                    .map(n -> pool.submit(() -> deployTo(n, hostKeys))).toList();
            for (Future<DeployResult> f : running) {
                try {
                    results.add(f.get());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
        }
        return results;
    }

    private DeployResult deployTo(NodeConfig node, HostKeys hostKeys) {
        if (node.isLocal()) {
            return plan().get(cluster.nodes().indexOf(node));
        }
        long start = System.nanoTime();
        try (SshConnection ssh = new SshConnection(node, cluster.ssh(), hostKeys)) {
            String dir = absolute(ssh, installDir);
            String target = dir + "/versions/" + release;
            String current = ssh.exec("readlink " + q(dir + "/current") + " || true").strip();
            String marker = ssh.exec("test -f " + q(target + "/" + READY_MARK) + " && echo yes || true").strip();
            if (current.equals("versions/" + release) && marker.equals("yes")) {
                return result(node, "up-to-date", version(ssh, dir), start, dir + "/current -> versions/" + release);
            }
            String upload = dir + "/versions/.upload-" + release + ".tar.gz";
            ssh.upload(bundle, upload);
            String remoteSha = ssh.exec("sha256sum " + q(upload)).strip().split("\\s+")[0];
            if (!remoteSha.equals(sha256)) {
                ssh.exec("rm -f " + q(upload));
                return result(node, "failed", null, start, "sha256 on the node is " + remoteSha + ", expected " + sha256);
            }
            String tmp = target + ".unpack";
            ssh.exec("rm -rf " + q(tmp) + " && mkdir -p " + q(tmp)
                    + " && tar -xzf " + q(upload) + " -C " + q(tmp) + " --strip-components=1"
                    + " && touch " + q(tmp + "/" + READY_MARK)
                    + " && rm -rf " + q(target) + " && mv " + q(tmp) + " " + q(target)
                    + " && rm -f " + q(upload));
            // a new link renamed over the old one: readers see the old or the new release, never none
            ssh.exec("cd " + q(dir) + " && ln -sfn " + q("versions/" + release) + " .current.new"
                    + " && mv -T .current.new current");
            return result(node, "deployed", version(ssh, dir), start, dir + "/current -> versions/" + release);
        } catch (NodeException e) {
            return result(node, "failed", null, start, e.getMessage());
        }
    }

    private DeployResult result(NodeConfig node, String status, String version, long start, String detail) {
        return new DeployResult(node.name(), status, release, version, (System.nanoTime() - start) / 1e9, detail);
    }

    /** The first line of {@code current/bin/pipeline --version} on the node: proof that the release runs there. */
    private static String version(SshConnection ssh, String dir) throws NodeException {
        String out = ssh.exec(q(dir + "/current/bin/pipeline") + " --version").strip();
        return out.isEmpty() ? "?" : out.lines().findFirst().orElse("?");
    }

    /** {@code ~/x} and relative paths resolved against the login's home on the node. */
    private static String absolute(SshConnection ssh, String path) throws NodeException {
        if (path.startsWith("/")) {
            return path;
        }
        String home = ssh.exec("printf %s \"$HOME\"").strip();
        return home + "/" + (path.startsWith("~/") ? path.substring(2) : path.equals("~") ? "" : path);
    }

    private static String q(String s) {
        return WorkerCommand.quote(s);
    }
}
