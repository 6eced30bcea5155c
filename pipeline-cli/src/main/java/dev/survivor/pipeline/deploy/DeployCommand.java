package dev.survivor.pipeline.deploy;

import dev.survivor.coordinator.config.ClusterConfig;
import dev.survivor.coordinator.config.HostKeyPolicy;
import dev.survivor.coordinator.deploy.BundleDeployer;
import dev.survivor.coordinator.deploy.DeployResult;
import dev.survivor.common.ExitCodes;
import dev.survivor.pipeline.ExitException;
import dev.survivor.pipeline.step3.Step3Command;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pipeline deploy}: the worker bundle onto every node of the cluster (wiring; logic in coordinator). */
@Command(name = "deploy",
        mixinStandardHelpOptions = true,
        header = "Install the worker bundle on every node of the cluster over SSH (SFTP), switching atomically.",
        description = {
                "Per node, in parallel, with the same SSH keys and host-key rules as step3: upload the bundle, check "
                        + "its sha256 on the node, unpack it into DIR/versions/<bundle>-<sha256 prefix>/, and point "
                        + "DIR/current at it by renaming a new symbolic link over the old one. Nodes already on that "
                        + "release are skipped; local nodes are not touched. Then set each node's launcher in the "
                        + "cluster config to DIR/current/bin/pipeline; `pipeline doctor --cluster` shows every node's "
                        + "version. See docs/deploy.md.",
                "Exit codes: 0 every node deployed or up to date, 1 some node failed, 64 bad options, "
                        + "65 bad cluster config, 74 bundle not readable."},
        showDefaultValues = true,
        sortOptions = false)
public final class DeployCommand implements Callable<Integer> {
    static final String BUNDLE_GLOB = "survivor-pipeline-*-linux-x86_64-worker.tar.gz";

    @Spec
    CommandSpec spec;

    @Option(names = "--cluster", required = true, paramLabel = "CLUSTER.json", description = "Cluster config.")
    Path cluster;

    @Option(names = "--bundle", paramLabel = "FILE",
            description = "Worker bundle (default: the newest " + BUNDLE_GLOB
                    + " in the current folder or in release/worker/target of this checkout).")
    Path bundle;

    @Option(names = "--install-dir", defaultValue = "~/survivor-pipeline", paramLabel = "DIR",
            description = "Folder on each node (~ is the login's home there).")
    String installDir;

    @Option(names = "--dry-run", description = "Print what would be done on each node and change nothing.")
    boolean dryRun;

    @Option(names = "--known-hosts", paramLabel = "FILE", description = "known_hosts file (overrides the cluster config).")
    Path knownHosts;

    @Option(names = "--accept-new-host-keys", description = "Record the host key of a node seen for the first time "
            + "(a changed key is still refused).")
    boolean acceptNew;

    @Override
    public Integer call() {
        ClusterConfig c = Step3Command.loadCluster(cluster);
        if (knownHosts != null || acceptNew) {
            c = c.withSsh(c.ssh().withKnownHosts(knownHosts != null ? knownHosts : c.ssh().knownHosts(),
                    acceptNew ? HostKeyPolicy.ACCEPT_NEW : c.ssh().hostKeyPolicy()));
        }
        Path file = bundle != null ? bundle : defaultBundle();
        if (!Files.isReadable(file)) {
            throw new ExitException(ExitCodes.IO_ERROR, file + ": bundle not readable");
        }
        BundleDeployer deployer = new BundleDeployer(c, file, installDir);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("bundle %s (sha256 %s) -> %s on %d node(s)%s%n", file, deployer.sha256(), installDir,
                c.nodes().size(), dryRun ? " [dry run]" : "");
        out.flush();
        List<DeployResult> results = dryRun ? deployer.plan() : deployer.deploy();
        printTable(out, results);
        long failed = results.stream().filter(DeployResult::failed).count();
        if (failed > 0) {
            out.printf("%d of %d node(s) failed%n", failed, results.size());
        }
        out.flush();
        return failed > 0 ? ExitCodes.FAILURE : ExitCodes.OK;
    }

    static void printTable(PrintWriter out, List<DeployResult> results) {
        int w = Math.max(4, results.stream().mapToInt(r -> r.node().length()).max().orElse(4));
        String row = "%-" + w + "s  %-10s  %7s  %-28s  %s%n";
        out.printf(Locale.ROOT, row, "node", "status", "seconds", "version", "detail");
        for (DeployResult r : results) {
            out.printf(Locale.ROOT, row, r.node(), r.status(), String.format(Locale.ROOT, "%.1f", r.seconds()),
                    r.version() == null ? "-" : r.version(), r.detail());
        }
    }

    /** The newest worker bundle here, or in the checkout's release build. */
    private static Path defaultBundle() {
        for (Path dir : List.of(Path.of("."), Path.of("release", "worker", "target"))) {
            try (Stream<Path> s = Files.isDirectory(dir) ? Files.list(dir) : Stream.empty()) {
                var newest = s.filter(p -> p.getFileName().toString().matches("survivor-pipeline-.*-linux-x86_64-worker\\.tar\\.gz"))
                        .max(Comparator.comparing(p -> p.toFile().lastModified()));
                if (newest.isPresent()) {
                    return newest.get();
                }
            } catch (IOException e) {
                // not readable: try the next place
            }
        }
        throw new ExitException(ExitCodes.USAGE, "no " + BUNDLE_GLOB + " here or in release/worker/target: build it "
                + "with `./mvnw -Prelease package` or pass --bundle FILE");
    }
}
