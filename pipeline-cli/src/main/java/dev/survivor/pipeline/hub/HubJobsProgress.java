package dev.survivor.pipeline.hub;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.survivor.coordinator.jobs.ScriptJob;
import dev.survivor.coordinator.run.Attempt;
import dev.survivor.coordinator.run.ProgressListener;
import dev.survivor.coordinator.run.RunPlan;
import dev.survivor.coordinator.run.RunReport;
import dev.survivor.coordinator.run.Slot;
import dev.survivor.hub.client.HubLink;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The coordinator's progress, forwarded to the console listener and published to the hub as the {@code jobs}
 * variable the dashboard draws: a list of {node, gpu, job, status, progress, failures}, plus done / failed counts.
 * Called from worker threads, hence synchronized; each event sends one small line.
 */
public final class HubJobsProgress implements ProgressListener {
    private final ProgressListener console;
    private final HubLink link;
    private final Map<String, Row> rows = new LinkedHashMap<>();

    public HubJobsProgress(ProgressListener console, HubLink link) {
        this.console = console;
        this.link = link;
    }

    private static final class Row {
        String node;
        int gpu;
        String status = "pending";
        double progress;
        int failures;
    }

    @Override
    public void runStarted(RunPlan plan, int toRun, int resumed) {
        console.runStarted(plan, toRun, resumed);
        synchronized (this) {
            for (RunPlan.Assignment a : plan.assignments()) {
                Row r = rows.computeIfAbsent(a.job().jobId(), k -> new Row());
                r.node = a.slot().node().name();
                r.gpu = a.slot().gpu();
            }
            publish();
        }
        link.safePoint();
    }

    @Override
    public void jobStarted(ScriptJob job, Slot slot, int attempt) {
        console.jobStarted(job, slot, attempt);
        synchronized (this) {
            Row r = row(job, slot);
            r.status = "running";
            publish();
        }
    }

    @Override
    public void jobFinished(ScriptJob job, Slot slot, Attempt attempt, boolean retrying) {
        console.jobFinished(job, slot, attempt, retrying);
        synchronized (this) {
            Row r = row(job, slot);
            if (attempt.ok()) {
                r.status = "done";
                r.progress = 1.0;
            } else {
                r.failures++;
                r.status = retrying ? "retrying" : "failed";
            }
            publish();
        }
        link.safePoint();
    }

    @Override
    public void nodeDown(String node, String reason) {
        console.nodeDown(node, reason);
        link.variable("last_node_down", node + ": " + reason);
    }

    @Override
    public void runFinished(RunReport report) {
        console.runFinished(report);
        synchronized (this) {
            for (var j : report.jobs()) {
                Row r = rows.computeIfAbsent(j.job().jobId(), k -> new Row());
                if (j.success()) {
                    r.status = "done";
                    r.progress = 1.0;
                } else {
                    r.status = "failed";
                }
            }
            publish();
        }
    }

    private Row row(ScriptJob job, Slot slot) {
        Row r = rows.computeIfAbsent(job.jobId(), k -> new Row());
        r.node = slot.node().name();
        r.gpu = slot.gpu();
        return r;
    }

    private void publish() {
        if (!link.connected()) {
            return;
        }
        var v = HubLink.object();
        ArrayNode jobs = v.putArray("jobs");
        long done = 0;
        long failed = 0;
        for (var e : rows.entrySet()) {
            Row r = e.getValue();
            var o = jobs.addObject();
            o.put("node", r.node);
            o.put("gpu", r.gpu);
            o.put("job", e.getKey());
            o.put("status", r.status);
            o.put("progress", r.progress);
            o.put("failures", r.failures);
            done += "done".equals(r.status) ? 1 : 0;
            failed += "failed".equals(r.status) ? 1 : 0;
        }
        v.put("jobs_total", rows.size());
        v.put("jobs_done", done);
        v.put("jobs_failed", failed);
        v.put("progress", rows.isEmpty() ? 1.0 : (double) done / rows.size());
        link.variables(v);
    }
}
