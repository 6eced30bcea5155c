package dev.survivor.coordinator.diag;

import dev.survivor.coordinator.config.ClusterConfig;
import dev.survivor.coordinator.config.NodeConfig;
import dev.survivor.coordinator.exec.HostKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code pipeline doctor --cluster}: checks every node of a cluster config in parallel, each within the node
 * time limit, plus the hub's ports from this machine. Connections go through the same {@link HostKeys} and
 * SSH code as real runs, so what passes here passes there.
 */
public final class ClusterDoctor {
    /** Node column of the checks run from this machine. */
    public static final String THIS_MACHINE = "this-machine";

    private ClusterDoctor() {
    }

    public static DoctorReport diagnose(ClusterConfig cluster, DoctorOptions options) {
        HostKeys hostKeys = null;
        String hostKeysError = null;
        if (cluster.nodes().stream().anyMatch(n -> !n.isLocal())) {
            try {
                hostKeys = HostKeys.open(cluster.ssh().knownHosts(), cluster.ssh().hostKeyPolicy());
            } catch (RuntimeException e) {
                hostKeysError = e.getMessage();
            }
        }
        List<NodeDiagnosis> diagnoses = new ArrayList<>();
        for (int i = 0; i < cluster.nodes().size(); i++) {
            diagnoses.add(new NodeDiagnosis(cluster.nodes().get(i), i, cluster.ssh(), hostKeys, hostKeysError, options));
        }
        List<CheckResult> checks = new ArrayList<>();
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        try {
            List<Future<List<CheckResult>>> running = diagnoses.stream().map(d -> pool.submit(d::run)).toList();
            long deadline = System.nanoTime() + options.nodeTimeout().toNanos(); // nodes run in parallel: one deadline
            for (int i = 0; i < diagnoses.size(); i++) {
                checks.addAll(await(running.get(i), diagnoses.get(i), deadline, options));
            }
            for (HubTarget h : options.hubTargets()) {
                Ports.Answer a = Ports.probe(h.host(), h.port(), cluster.ssh().connectTimeoutSeconds() * 1000, false);
                checks.add(a.answered() ? CheckResult.ok(THIS_MACHINE, h.check(), h.address() + " answers")
                        : CheckResult.fail(THIS_MACHINE, h.check(), a.error(), ShellChecks.hubHint(h, false)));
            }
        } finally {
            pool.shutdownNow(); // a hung node's thread is interrupted; its SSH session closes with it
        }
        return new DoctorReport(cluster.source(), cluster.nodes(), checks);
    }

    private static List<CheckResult> await(Future<List<CheckResult>> f, NodeDiagnosis d, long deadline,
                                           DoctorOptions options) {
        try {
            return f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            return d.timedOut(options.nodeTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return d.timedOut(options.nodeTimeout());
        } catch (java.util.concurrent.ExecutionException e) {
            List<CheckResult> r = new ArrayList<>(d.timedOut(options.nodeTimeout()));
            r.replaceAll(c -> c.verdict() == Verdict.FAIL && c.detail().startsWith("no answer")
                    ? CheckResult.fail(c.node(), c.check(), "check crashed: " + e.getCause(), "please report this") : c);
            return r;
        }
    }
}
