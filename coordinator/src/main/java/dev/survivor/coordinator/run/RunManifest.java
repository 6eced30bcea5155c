package dev.survivor.coordinator.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.survivor.common.AtomicFiles;
import dev.survivor.coordinator.config.ClusterConfig;
import dev.survivor.coordinator.config.NodeConfig;
import dev.survivor.coordinator.io.Json;
import java.nio.file.Path;

/**
 * {@code scripts_run_manifest.json}: the reference fields (docs/coordinator.md §6) plus, per job, node, GPU,
 * every attempt with its failure mode and duration, and input/output sha256.
 */
public final class RunManifest {
    public static final String FILE = "scripts_run_manifest.json";
    public static final String VERSION = "1.1.0";

    private RunManifest() {
    }

    public static ObjectNode toJson(RunReport r, ClusterConfig cluster, Path jobsFile) {
        ObjectNode m = Json.MAPPER.createObjectNode();
        m.put("manifest_version", VERSION);
        m.put("script_job_spec_version", "1.0");
        m.put("run_id", r.plan().runId());
        m.put("timestamp", r.timestamp().toString());
        m.put("config_file", cluster.source());
        m.put("jobs_file", jobsFile.toString());
        m.put("status", r.status());
        m.put("jobs_expected", r.jobs().size());
        m.put("jobs_completed", r.successful());
        m.put("jobs_failed", r.failed());
        m.put("jobs_resumed", r.jobs().stream().filter(JobReport::resumed).count());
        m.put("runtime_seconds", Math.round(r.runtimeSeconds() * 10) / 10.0);
        m.put("output_dir", r.plan().runDir().toString());
        ArrayNode outputs = m.putArray("outputs");
        ArrayNode failures = m.putArray("failures");
        for (JobReport j : r.jobs()) {
            if (j.success()) {
                outputs.add(j.output().toString());
            } else {
                ObjectNode f = failures.addObject();
                f.put("job_id", j.job().jobId());
                f.put("failure_mode", j.last().failure().name());
                f.put("error", j.last().error());
            }
        }
        ObjectNode nodes = m.putObject("nodes");
        for (NodeConfig n : cluster.nodes()) {
            ObjectNode o = nodes.putObject(n.name());
            long jobs = r.jobs().stream().filter(j -> j.last() != null && j.last().node().equals(n.name())).count();
            long ok = r.jobs().stream().filter(j -> j.success() && j.last() != null && j.last().node().equals(n.name())).count();
            o.put("jobs", jobs);
            o.put("successful", ok);
            o.put("failed", jobs - ok);
            o.put("gpu_count", n.gpuCount());
            o.put("gpu_type", n.gpuType());
            o.put("backend", n.backend().jsonName());
        }
        ArrayNode jobs = m.putArray("jobs");
        for (JobReport j : r.jobs()) {
            ObjectNode o = jobs.addObject();
            o.put("job_id", j.job().jobId());
            o.put("success", j.success());
            o.put("resumed", j.resumed());
            Attempt last = j.last();
            o.put("node", last == null ? null : last.node());
            if (last == null) {
                o.putNull("gpu_id");
            } else {
                o.put("gpu_id", last.gpu());
            }
            if (j.job().seedCount() != null) {
                o.put("seed_count", j.job().seedCount());
            }
            o.put("records", j.records());
            o.put("input_file", j.job().chunkFile() != null ? j.job().chunkFile() : j.job().option("--seeds-file"));
            o.put("input_sha256", j.inputSha256());
            o.put("output_file", j.output() == null ? null : j.output().toString());
            o.put("output_sha256", j.outputSha256());
            o.put("duration_seconds", round(j.attempts().stream().mapToDouble(Attempt::seconds).sum()));
            o.put("failure_mode", j.success() || last == null ? null : last.failure().name());
            ArrayNode at = o.putArray("attempts");
            for (Attempt a : j.attempts()) {
                ObjectNode x = at.addObject();
                x.put("attempt", a.number());
                x.put("node", a.node());
                x.put("gpu_id", a.gpu());
                x.put("started", a.started().toString());
                x.put("duration_seconds", round(a.seconds()));
                x.put("failure_mode", a.failure() == null ? null : a.failure().name());
                x.put("error", a.error());
                x.put("exit_code", a.exitCode());
            }
        }
        return m;
    }

    public static void write(Path file, ObjectNode manifest) {
        AtomicFiles.write(file, out -> {
            out.write(Json.MAPPER.writeValueAsBytes(manifest));
            out.write('\n');
        });
    }

    private static double round(double s) {
        return Math.round(s * 1000) / 1000.0;
    }
}
