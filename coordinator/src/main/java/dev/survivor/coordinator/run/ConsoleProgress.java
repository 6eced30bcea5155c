package dev.survivor.coordinator.run;

import dev.survivor.coordinator.jobs.ScriptJob;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Progress on a terminal (stderr): a line per finished attempt, then a status line with jobs
 * done/failed/running per node, seeds/s and ETA.
 */
public final class ConsoleProgress implements ProgressListener {
    private final PrintWriter out;
    private final boolean verbose;
    private final Map<String, int[]> perNode = new LinkedHashMap<>(); // done, failed, running
    private long start;
    private int total;
    private int done;
    private int failed;
    private long seedsDone;

    public ConsoleProgress(PrintWriter out, boolean verbose) {
        this.out = out;
        this.verbose = verbose;
    }

    @Override
    public synchronized void runStarted(RunPlan plan, int toRun, int resumed) {
        start = System.nanoTime();
        total = toRun;
        plan.slots().forEach(s -> perNode.putIfAbsent(s.node().name(), new int[3]));
        out.printf(Locale.ROOT, "Run %s: %d job(s) to run%s → %s%n", plan.runId(), toRun,
                resumed > 0 ? ", " + resumed + " already done (resumed)" : "", plan.runDir());
        out.flush();
    }

    @Override
    public synchronized void jobStarted(ScriptJob job, Slot slot, int attempt) {
        node(slot)[2]++;
        if (verbose) {
            out.printf(Locale.ROOT, "  ▶ %s → %s%s%n", job.jobId(), slot, attempt > 1 ? " (attempt " + attempt + ")" : "");
            out.flush();
        }
    }

    @Override
    public synchronized void jobFinished(ScriptJob job, Slot slot, Attempt a, boolean retrying) {
        int[] n = node(slot);
        n[2]--;
        if (a.ok()) {
            n[0]++;
            done++;
            seedsDone += job.seedCount() == null ? 0 : job.seedCount();
            out.printf(Locale.ROOT, "  ✓ %s → %s (%.1fs)%s%n", job.jobId(), slot, a.seconds(),
                    a.number() > 1 ? " on attempt " + a.number() : "");
        } else {
            if (!retrying) {
                n[1]++;
                failed++;
            }
            out.printf(Locale.ROOT, "  ✗ %s → %s (%.1fs) %s: %s%s%n", job.jobId(), slot, a.seconds(), a.failure(),
                    a.error(), retrying ? " — will retry" : " — giving up");
        }
        status();
    }

    @Override
    public synchronized void nodeDown(String node, String reason) {
        out.printf(Locale.ROOT, "  ! node %s is down, its jobs move to other nodes: %s%n", node, reason);
        out.flush();
    }

    @Override
    public synchronized void runFinished(RunReport r) {
        out.printf(Locale.ROOT, "%s: %d/%d jobs succeeded, %d failed, %.1f s. Manifest: %s%n",
                r.allSucceeded() ? "EXECUTION COMPLETE" : "EXECUTION INCOMPLETE", r.successful(), r.jobs().size(),
                r.failed(), r.runtimeSeconds(), r.manifest());
        Path timeline = r.manifest().resolveSibling(TimelineChart.FILE);
        if (Files.isRegularFile(timeline)) {
            out.println("Timeline: " + timeline);
        }
        for (JobReport j : r.jobs()) {
            if (!j.success()) {
                Attempt l = j.last();
                out.printf(Locale.ROOT, "  FAILED %s after %d attempt(s): %s: %s%n", j.job().jobId(), j.attempts().size(),
                        l.failure(), l.error());
            }
        }
        out.flush();
    }

    private int[] node(Slot s) {
        return perNode.computeIfAbsent(s.node().name(), k -> new int[3]);
    }

    private void status() {
        double secs = Math.max(1e-3, (System.nanoTime() - start) / 1e9);
        double rate = seedsDone / secs;
        int running = perNode.values().stream().mapToInt(v -> v[2]).sum();
        int left = total - done - failed;
        String eta = done == 0 ? "?" : duration(secs / done * left);
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "  [%d/%d done · %d failed · %d running] %.0f seeds/s · ETA %s |", done, total, failed, running, rate, eta));
        perNode.forEach((name, v) -> sb.append(String.format(Locale.ROOT, " %s %d✓ %d✗ %d▶", name, v[0], v[1], v[2])));
        out.println(sb);
        out.flush();
    }

    static String duration(double s) {
        long t = Math.round(s);
        return String.format(Locale.ROOT, "%d:%02d:%02d", t / 3600, t / 60 % 60, t % 60);
    }
}
