package dev.survivor.coordinator.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.survivor.coordinator.config.ClusterConfig;
import dev.survivor.coordinator.config.NodeConfig;
import dev.survivor.coordinator.exec.WorkerCommand;
import dev.survivor.coordinator.io.Json;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code --dry-run} preview: per node and GPU, each job with its command line, environment and
 * expected output, plus totals. Nothing is executed or created anywhere (no SSH, no mkdir — unlike the
 * reference, which creates the remote output directories even in dry-run mode).
 */
public final class DryRunPrinter {
    private DryRunPrinter() {
    }

    public static void printText(RunPlan plan, RunOptions o, PrintWriter out) {
        Map<RunPlan.Assignment, WorkerCommand> cmds = Coordinator.commands(plan, o);
        ClusterConfig c = o.cluster();
        out.printf("DRY RUN — nothing is executed, no directory is created, no SSH connection is opened.%n");
        out.printf("Run id:     %s%n", plan.runId());
        out.printf("Run dir:    %s%n", plan.runDir());
        out.printf("Jobs file:  %s%n", o.jobsFile());
        out.printf("Cluster:    %s (%d nodes, %d GPUs, %d slots)%n", c.source(), c.nodes().size(), c.totalGpus(),
                c.totalSlots());
        out.printf("Retries:    up to %d per job, backoff %.1f s doubling, on another GPU/node%n", o.maxRetries(),
                o.retryBackoff().toMillis() / 1000.0);
        for (NodeConfig n : c.nodes()) {
            List<RunPlan.Assignment> mine = plan.assignments().stream().filter(a -> a.slot().node() == n).toList();
            long seeds = mine.stream().mapToLong(a -> a.job().seedCount() == null ? 0 : a.job().seedCount()).sum();
            out.printf("%n%s  [%s, %s, %d GPU(s) %s, %d at once, stagger %.1f s, workdir %s%s]: %d jobs, %d seeds%n",
                    n.name(), n.isLocal() ? "local" : "ssh " + n.username() + "@" + n.hostname() + ":" + n.port(),
                    n.backend().jsonName(), n.gpuCount(), n.gpuType(), n.slots(), n.staggerSeconds(),
                    n.isLocal() ? plan.baseDir().resolve(n.scriptPath()).normalize() : n.scriptPath(),
                    n.isLocal() || n.sharedFilesystem() ? "" : ", inputs copied by SFTP", mine.size(), seeds);
            Map<Integer, List<RunPlan.Assignment>> byGpu = new TreeMap<>();
            mine.forEach(a -> byGpu.computeIfAbsent(a.slot().gpu(), g -> new java.util.ArrayList<>()).add(a));
            for (Map.Entry<Integer, List<RunPlan.Assignment>> e : byGpu.entrySet()) {
                out.printf("  GPU %d: %d job(s), in order%n", e.getKey(), e.getValue().size());
                for (RunPlan.Assignment a : e.getValue()) {
                    WorkerCommand w = cmds.get(a);
                    out.printf("    - %s (%s seeds, timeout %d s) → %s%n", a.job().jobId(),
                            a.job().seedCount() == null ? "?" : a.job().seedCount(), a.job().timeoutSeconds(),
                            plan.runDir().resolve(a.outputName()));
                    out.printf("      env: %s%n", w.env().isEmpty() ? "(none)" : new TreeMap<>(w.env()));
                    out.printf("      cmd: %s%n", w.commandLine());
                }
            }
        }
        long seeds = plan.assignments().stream().mapToLong(a -> a.job().seedCount() == null ? 0 : a.job().seedCount()).sum();
        out.printf("%nTotals: %d jobs, %d seeds, %d nodes, %d GPU slots%n", plan.assignments().size(), seeds,
                c.nodes().size(), c.totalSlots());
        out.printf("DRY RUN complete. No jobs executed.%n");
        out.flush();
    }

    public static ObjectNode toJson(RunPlan plan, RunOptions o) {
        Map<RunPlan.Assignment, WorkerCommand> cmds = Coordinator.commands(plan, o);
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("status", "dry_run");
        root.put("run_id", plan.runId());
        root.put("run_dir", plan.runDir().toString());
        root.put("total_jobs", plan.assignments().size());
        root.put("total_seeds", plan.assignments().stream().mapToLong(a -> a.job().seedCount() == null ? 0 : a.job().seedCount()).sum());
        Map<String, Integer> counts = new LinkedHashMap<>();
        o.cluster().nodes().forEach(n -> counts.put(n.name(), 0));
        plan.assignments().forEach(a -> counts.merge(a.slot().node().name(), 1, Integer::sum));
        ObjectNode asg = root.putObject("assignments");
        counts.forEach(asg::put);
        ArrayNode jobs = root.putArray("jobs");
        for (RunPlan.Assignment a : plan.assignments()) {
            WorkerCommand w = cmds.get(a);
            ObjectNode j = jobs.addObject();
            j.put("job_id", a.job().jobId());
            j.put("node", a.slot().node().name());
            j.put("gpu_id", a.slot().gpu());
            j.put("transport", a.slot().node().isLocal() ? "local" : "ssh");
            j.put("workdir", w.workdir());
            ObjectNode env = j.putObject("env");
            new TreeMap<>(w.env()).forEach(env::put);
            ArrayNode argv = j.putArray("argv");
            w.argv().forEach(argv::add);
            j.put("command", w.toShell());
            j.put("expected_output", plan.runDir().resolve(a.outputName()).toString());
            if (a.job().seedCount() != null) {
                j.put("seed_count", a.job().seedCount());
            }
            j.put("timeout", a.job().timeoutSeconds());
        }
        return root;
    }
}
