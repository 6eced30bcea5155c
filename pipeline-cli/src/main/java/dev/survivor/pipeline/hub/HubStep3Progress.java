package dev.survivor.pipeline.hub;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.survivor.hub.client.HubLink;
import dev.survivor.kernels.step3.Step3Progress;
import dev.survivor.kernels.step3.Step3Summary;

/**
 * A Step 3 worker's progress, forwarded to the console listener and to the hub: variables progress,
 * seeds_per_second and backend (at most every {@link #INTERVAL_NANOS}, always at the end); between batches it is
 * the job's safe point. Without a hub the link does nothing, so this costs one time check per batch.
 */
public final class HubStep3Progress implements Step3Progress {
    static final long INTERVAL_NANOS = 1_000_000_000L;

    private final Step3Progress console;
    private final HubLink link;
    private final String backend;
    private long start;
    private long lastSent;

    public HubStep3Progress(Step3Progress console, HubLink link, String backend) {
        this.console = console;
        this.link = link;
        this.backend = backend;
    }

    @Override
    public void started(long total) {
        console.started(total);
        start = System.nanoTime();
        lastSent = start;
        publish(0, total, 0.0, backend);
    }

    @Override
    public void advanced(long done, long total) {
        console.advanced(done, total);
        long now = System.nanoTime();
        if (now - lastSent >= INTERVAL_NANOS) {
            lastSent = now;
            double secs = (now - start) / 1e9;
            publish(done, total, secs > 0 ? done / secs : 0.0, backend);
        }
        link.safePoint();
    }

    @Override
    public void finished(Step3Summary summary) {
        console.finished(summary);
        publish(summary.count(), summary.count(), summary.seedsPerSecond(), summary.backend());
    }

    private void publish(long done, long total, double rate, String backendName) {
        if (!link.connected()) {
            return;
        }
        ObjectNode v = HubLink.object();
        v.put("progress", total == 0 ? 1.0 : (double) done / total);
        v.put("seeds_done", done);
        v.put("seeds_total", total);
        v.put("seeds_per_second", Math.round(rate * 10) / 10.0);
        v.put("backend", backendName);
        link.variables(v);
    }
}
