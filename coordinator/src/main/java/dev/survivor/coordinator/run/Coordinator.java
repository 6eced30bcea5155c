package dev.survivor.coordinator.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.survivor.common.Sha256;
import dev.survivor.coordinator.config.NodeConfig;
import dev.survivor.coordinator.exec.HostKeys;
import dev.survivor.coordinator.exec.LocalConnection;
import dev.survivor.coordinator.exec.NodeConnection;
import dev.survivor.coordinator.exec.NodeException;
import dev.survivor.coordinator.exec.SshConnection;
import dev.survivor.coordinator.jobs.JobsFile;
import dev.survivor.coordinator.jobs.ScriptJob;
import dev.survivor.coordinator.validate.OutputValidator;
import dev.survivor.coordinator.validate.Validation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code pipeline step3 --jobs-file}: plan, resume, dispatch, validate, manifest, aggregate
 * (docs/coordinator.md §3–§6 with docs/decisions.md C1–C3). Exit status is up to the caller: {@link RunReport#allSucceeded()}.
 */
public final class Coordinator {
    /** How long a stopped coordinator waits for its workers to be killed and the manifest to be written. */
    static final long CANCEL_GRACE_SECONDS = 30;

    private Coordinator() {
    }

    /** Reads the jobs file and plans; touches nothing. */
    public static RunPlan plan(RunOptions o) {
        List<ScriptJob> jobs = JobsFile.read(o.jobsFile());
        return RunPlanner.plan(jobs, o);
    }

    /** The command each planned job would run on its planned slot (for dry-run output). */
    public static Map<RunPlan.Assignment, dev.survivor.coordinator.exec.WorkerCommand> commands(RunPlan plan, RunOptions o) {
        JobRunner runner = new JobRunner(plan, o);
        Map<RunPlan.Assignment, dev.survivor.coordinator.exec.WorkerCommand> out = new LinkedHashMap<>();
        Map<Integer, NodeConnection> views = new LinkedHashMap<>();
        for (RunPlan.Assignment a : plan.assignments()) {
            NodeConnection c = views.computeIfAbsent(a.slot().nodeIndex(), n -> new PlanView(a.slot().node(), plan.baseDir()));
            out.put(a, runner.command(a, c, a.slot().gpu()));
        }
        return out;
    }

    public static RunReport run(RunOptions o, ProgressListener listener) {
        long t0 = System.nanoTime();
        RunPlan plan = plan(o);
        if (o.dryRun()) {
            return new RunReport(plan, "dry_run", List.of(), 0, LocalDateTime.now(), null, null, "dry run");
        }
        try {
            Files.createDirectories(plan.runDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create run directory " + plan.runDir() + ": " + e.getMessage(), e);
        }
        // Ctrl-C / SIGTERM: stop dispatching, kill the running workers, and still write the manifest.
        AtomicReference<Dispatcher> active = new AtomicReference<>();
        CountDownLatch written = new CountDownLatch(1);
        Thread hook = Thread.ofPlatform().name("step3-cancel").unstarted(() -> {
            Dispatcher d = active.get();
            if (d != null) {
                d.cancel("the coordinator was stopped (SIGINT/SIGTERM) while the job waited");
            }
            try {
                written.await(CANCEL_GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return runPlanned(o, listener, plan, t0, active);
        } finally {
            written.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to: it only waits for the latch released above
            }
        }
    }

    private static RunReport runPlanned(RunOptions o, ProgressListener listener, RunPlan plan, long t0,
                                        AtomicReference<Dispatcher> active) {
        List<JobReport> reports = Collections.synchronizedList(new ArrayList<>());
        List<RunPlan.Assignment> toRun = new ArrayList<>();
        for (RunPlan.Assignment a : plan.assignments()) {
            Path local = plan.runDir().resolve(a.outputName());
            Validation v = o.preservePaths() ? null : OutputValidator.validate(local, a.job().seedCount());
            if (v != null && v.isOk()) { // resume: an earlier run with this id already produced it
                reports.add(new JobReport(a.job(), true, List.of(), local, v.records(), true,
                        inputSha(plan, a.job()), Sha256.ofOrNull(local)));
            } else {
                toRun.add(a);
            }
        }
        listener.runStarted(plan, toRun.size(), reports.size());
        Map<Integer, NodeConnection> connections = new LinkedHashMap<>();
        Set<Integer> down = new HashSet<>();
        HostKeys hostKeys = null;
        List<String> names = o.cluster().nodes().stream().map(NodeConfig::name).toList();
        try {
            for (int i = 0; i < o.cluster().nodes().size(); i++) {
                NodeConfig n = o.cluster().nodes().get(i);
                try {
                    if (n.isLocal()) {
                        connections.put(i, new LocalConnection(n, plan.baseDir()));
                    } else {
                        if (hostKeys == null) {
                            hostKeys = HostKeys.open(o.cluster().ssh().knownHosts(), o.cluster().ssh().hostKeyPolicy());
                        }
                        connections.put(i, new SshConnection(n, o.cluster().ssh(), hostKeys));
                    }
                } catch (NodeException | RuntimeException e) {
                    down.add(i);
                    listener.nodeDown(n.name(), e.getMessage());
                }
            }
            JobRunner runner = new JobRunner(plan, o);
            Dispatcher d = new Dispatcher(runner, names, connections, o.maxRetries(), o.retryBackoff(), listener,
                    (a, attempts) -> reports.add(report(plan, a, attempts, runner, connections)));
            active.set(d);
            if (!toRun.isEmpty()) {
                d.run(plan.slots(), toRun, down);
            }
        } finally {
            connections.values().forEach(NodeConnection::close);
        }
        List<JobReport> done = List.copyOf(reports);
        boolean ok = done.stream().allMatch(JobReport::success);
        double secs = (System.nanoTime() - t0) / 1e9;
        Path scores = null;
        String note;
        if (!ok) {
            note = "not written: " + done.stream().filter(j -> !j.success()).count() + " job(s) failed";
        } else if (o.scoresFile() == null) {
            note = "not requested";
        } else {
            List<Path> outputs = new ArrayList<>();
            for (RunPlan.Assignment a : plan.assignments()) {
                done.stream().filter(j -> j.job().jobId().equals(a.job().jobId())).findFirst()
                        .ifPresent(j -> outputs.add(j.output()));
            }
            long n = ScoreAggregator.aggregate(outputs, o.scoresFile());
            scores = o.scoresFile();
            note = n + " survivors";
        }
        Path manifest = plan.runDir().resolve(RunManifest.FILE);
        boolean cancelled = active.get() != null && active.get().cancelled();
        RunReport report = new RunReport(plan, ok ? "complete" : cancelled ? "cancelled" : "partial", done, secs, LocalDateTime.now(), manifest,
                scores, note);
        ObjectNode m = RunManifest.toJson(report, o.cluster(), o.jobsFile());
        m.put("timeline_png", timeline(plan.runDir().resolve(TimelineChart.FILE), report));
        RunManifest.write(manifest, m);
        listener.runFinished(report);
        return report;
    }

    /** The timeline's file name, or why there is none: a picture must never cost the run its manifest. */
    private static String timeline(Path png, RunReport report) {
        try {
            return TimelineChart.write(png, report) ? png.getFileName().toString() : "none: no job ran";
        } catch (IOException | RuntimeException | LinkageError e) {
            return "not written: " + e;
        }
    }

    private static JobReport report(RunPlan plan, RunPlan.Assignment a, List<Attempt> attempts, JobRunner runner,
                                    Map<Integer, NodeConnection> connections) {
        Attempt last = attempts.getLast();
        Path out = null;
        long records = 0;
        if (last.ok()) {
            NodeConnection c = connections.values().stream().filter(x -> x.node().name().equals(last.node()))
                    .findFirst().orElseThrow();
            out = runner.localOutput(a, c);
            records = OutputValidator.validate(out, a.job().seedCount()).records();
        }
        return new JobReport(a.job(), last.ok(), attempts, out, records, false, inputSha(plan, a.job()),
                out == null ? null : Sha256.ofOrNull(out));
    }

    private static String inputSha(RunPlan plan, ScriptJob job) {
        String in = job.chunkFile() != null ? job.chunkFile() : job.option("--seeds-file");
        return in == null ? null : Sha256.ofOrNull(plan.baseDir().resolve(in));
    }

    /** A node seen only for planning: knows its working directory, connects to nothing. */
    private record PlanView(NodeConfig node, Path base) implements NodeConnection {
        @Override
        public String workdir() {
            return node.isLocal() ? base.resolve(node.scriptPath()).toAbsolutePath().normalize().toString()
                    : node.scriptPath();
        }

        @Override
        public dev.survivor.coordinator.exec.ExecResult run(dev.survivor.coordinator.exec.WorkerCommand cmd,
                java.time.Duration timeout, Path stdoutLog, Path stderrLog) {
            throw new UnsupportedOperationException("plan only");
        }

        @Override
        public void mkdirs(String dir) {
            throw new UnsupportedOperationException("plan only");
        }

        @Override
        public void upload(Path local, String remote) {
            throw new UnsupportedOperationException("plan only");
        }

        @Override
        public boolean download(String remote, Path local) {
            throw new UnsupportedOperationException("plan only");
        }

        @Override
        public void delete(String path) {
            throw new UnsupportedOperationException("plan only");
        }

        @Override
        public void close() {
        }
    }
}
