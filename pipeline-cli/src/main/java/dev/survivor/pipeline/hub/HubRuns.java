package dev.survivor.pipeline.hub;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.survivor.coordinator.run.JobReport;
import dev.survivor.coordinator.run.RunReport;
import dev.survivor.hub.client.HubLink;
import dev.survivor.kernels.step3.Step3Summary;
import java.util.UUID;

/** Run summaries shared with the hub at the end of a command (no-ops without a hub). */
public final class HubRuns {
    private HubRuns() {
    }

    /** A Step 3 worker's summary, share kind {@code step3_summary}. */
    public static boolean shareScoreSummary(HubLink link, Step3Summary s, String host, int gpuId) {
        if (!link.connected()) {
            return false;
        }
        ObjectNode p = HubLink.object();
        p.put("count", s.count());
        p.put("feature_count", s.featureCount());
        p.put("elapsed_seconds", s.elapsedSeconds());
        p.put("seeds_per_second", s.seedsPerSecond());
        p.put("backend", s.backend());
        p.put("output_file", s.outputFile().toString());
        p.put("hostname", host);
        p.put("gpu_id", gpuId);
        return link.share(UUID.randomUUID().toString(), "step3_summary", p);
    }

    /** A Step 3 coordinator's run report, share kind {@code step3_run}. */
    public static boolean shareRunReport(HubLink link, RunReport r) {
        if (!link.connected()) {
            return false;
        }
        ObjectNode p = HubLink.object();
        p.put("run_id", r.plan().runId());
        p.put("status", r.status());
        p.put("successful", r.successful());
        p.put("failed", r.failed());
        p.put("runtime_seconds", r.runtimeSeconds());
        p.put("manifest", String.valueOf(r.manifest()));
        p.put("scores_file", r.scoresFile() == null ? null : r.scoresFile().toString());
        p.put("scores_note", r.scoresNote());
        ArrayNode jobs = p.putArray("jobs");
        for (JobReport j : r.jobs()) {
            ObjectNode o = jobs.addObject();
            o.put("job", j.job().jobId());
            o.put("success", j.success());
            o.put("attempts", j.attempts().size());
            o.put("records", j.records());
            o.put("resumed", j.resumed());
        }
        return link.share("step3_run-" + r.plan().runId(), "step3_run", p);
    }
}
