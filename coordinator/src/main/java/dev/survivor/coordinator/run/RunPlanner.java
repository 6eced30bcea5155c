package dev.survivor.coordinator.run;

import dev.survivor.coordinator.config.ClusterConfig;
import dev.survivor.coordinator.config.NodeConfig;
import dev.survivor.coordinator.jobs.JobsFileException;
import dev.survivor.coordinator.jobs.ScriptJob;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the plan. Unlike the reference's plain round-robin over nodes (docs/coordinator.md §4), jobs are dealt
 * over GPU slots interleaved across nodes (node0:GPU0, node1:GPU0, …, node0:GPU1, …), so a node gets
 * work in proportion to its usable GPUs = min(gpu_count, max_concurrent_script_jobs).
 */
public final class RunPlanner {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");

    private RunPlanner() {
    }

    public static String defaultRunId(Path outputDir, LocalDateTime now) {
        String stem = outputDir.toAbsolutePath().normalize().getFileName().toString();
        return stem + "_" + STAMP.format(now);
    }

    public static List<Slot> slots(ClusterConfig cluster) {
        List<Slot> slots = new ArrayList<>();
        int max = cluster.nodes().stream().mapToInt(NodeConfig::slots).max().orElse(0);
        for (int g = 0; g < max; g++) {
            for (int n = 0; n < cluster.nodes().size(); n++) {
                NodeConfig node = cluster.nodes().get(n);
                if (g < node.slots()) {
                    slots.add(new Slot(node, n, g));
                }
            }
        }
        return slots;
    }

    public static RunPlan plan(List<ScriptJob> jobs, RunOptions o) {
        String runId = o.runId() != null ? o.runId() : defaultRunId(o.outputDir(), LocalDateTime.now());
        if (!runId.matches("[A-Za-z0-9._-]+")) {
            throw new JobsFileException("run id \"" + runId + "\" may only contain letters, digits, '.', '_' and '-'");
        }
        Path base = o.outputDir().toAbsolutePath().normalize();
        Path runDir = o.preservePaths() ? base : base.resolve(runId);
        List<Slot> slots = slots(o.cluster());
        List<RunPlan.Assignment> out = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        for (int i = 0; i < jobs.size(); i++) {
            ScriptJob j = jobs.get(i);
            String name = Path.of(j.expectedOutput()).getFileName().toString();
            String other = names.putIfAbsent(name, j.jobId());
            if (other != null) {
                throw new JobsFileException(o.jobsFile() + ": jobs " + other + " and " + j.jobId()
                        + " both write " + name + " (outputs are collected into one run directory)");
            }
            out.add(new RunPlan.Assignment(j, slots.get(i % slots.size()), name));
        }
        Path jobsDir = o.jobsFile().toAbsolutePath().normalize().getParent();
        return new RunPlan(runId, runDir, jobsDir, slots, out);
    }
}
