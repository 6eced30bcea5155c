package dev.survivor.coordinator.run;

import dev.survivor.coordinator.exec.ExecResult;
import dev.survivor.coordinator.exec.NodeConnection;
import dev.survivor.coordinator.exec.NodeException;
import dev.survivor.coordinator.exec.WorkerCommand;
import dev.survivor.coordinator.jobs.ScriptJob;
import dev.survivor.coordinator.validate.FailureMode;
import dev.survivor.coordinator.validate.OutputValidator;
import dev.survivor.coordinator.validate.Validation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs one attempt of one job on one slot: stage inputs (SSH nodes without a shared file system), remove
 * any stale output, run the worker, pull the output back, and judge it on the file alone.
 */
final class JobRunner {
    /** Worker options whose values are input files to copy to nodes that do not share our file system. */
    static final List<String> INPUT_OPTIONS = List.of("--seeds-file", "--train-history", "--holdout-history",
            "--scorer-config");

    private final RunPlan plan;
    private final boolean preservePaths;
    private final String outputDirName;
    private final Set<String> staged = ConcurrentHashMap.newKeySet();
    private final java.util.Map<String, Object> stageLocks = new ConcurrentHashMap<>();

    JobRunner(RunPlan plan, RunOptions options) {
        this.plan = plan;
        this.preservePaths = options.preservePaths();
        this.outputDirName = options.outputDir().toAbsolutePath().normalize().getFileName().toString();
    }

    /** Where the worker on this node writes. */
    String nodeOutput(RunPlan.Assignment a, NodeConnection c) {
        String wd = c.workdir();
        if (preservePaths) {
            String e = a.job().expectedOutput();
            return e.startsWith("/") ? e : wd + "/" + e;
        }
        if (c.node().isLocal()) {
            return plan.runDir().resolve(a.outputName()).toString();
        }
        return wd + "/" + outputDirName + "/" + plan.runId() + "/" + a.outputName();
    }

    /** The local file that is validated (and aggregated). */
    Path localOutput(RunPlan.Assignment a, NodeConnection c) {
        if (preservePaths && c.node().isLocal()) {
            return Path.of(nodeOutput(a, c));
        }
        return plan.runDir().resolve(a.outputName());
    }

    WorkerCommand command(RunPlan.Assignment a, NodeConnection c, int gpu) {
        return CommandBuilder.build(nodeJob(a.job(), c), c.node(), gpu, c.workdir(), nodeOutput(a, c));
    }

    /** A node that does not share our files gets them copied; these are the copies (local file → node path). */
    Map<Path, String> copies(ScriptJob job, NodeConnection c) {
        Map<Path, String> out = new LinkedHashMap<>();
        if (c.node().isLocal() || c.node().sharedFilesystem()) {
            return out;
        }
        for (String opt : INPUT_OPTIONS) {
            String v = job.option(opt);
            if (v == null) {
                continue;
            }
            if (!v.startsWith("/")) {
                out.put(plan.baseDir().resolve(v), c.workdir() + "/" + v);
            } else if (Files.isRegularFile(Path.of(v))) {
                // a local absolute path: copied under inputs/, name made unique by a hash of the path
                String name = String.format("%08x-%s", v.hashCode(), Path.of(v).getFileName());
                out.put(Path.of(v), c.workdir() + "/inputs/" + name);
            }
            // an absolute path that is not local is a node path (e.g. the ramdisk), expected to be there
        }
        return out;
    }

    /** The job with absolute local input paths replaced by their copies on the node. */
    private ScriptJob nodeJob(ScriptJob job, NodeConnection c) {
        ScriptJob j = job;
        for (Map.Entry<Path, String> e : copies(job, c).entrySet()) {
            for (String opt : INPUT_OPTIONS) {
                if (e.getKey().toString().equals(job.option(opt))) {
                    j = j.withOption(opt, e.getValue());
                }
            }
        }
        return j;
    }

    Attempt run(RunPlan.Assignment a, Slot slot, NodeConnection c, int number) {
        Instant start = Instant.now();
        long t0 = System.nanoTime();
        ScriptJob job = a.job();
        Path local = localOutput(a, c);
        String remote = nodeOutput(a, c);
        Path logs = plan.runDir().resolve("logs");
        Path out = logs.resolve(job.jobId() + ".attempt" + number + ".out");
        Path err = logs.resolve(job.jobId() + ".attempt" + number + ".err");
        try {
            Files.createDirectories(logs);
            Files.deleteIfExists(local);
            if (!c.node().isLocal()) {
                stageInputs(job, c);
                int slash = remote.lastIndexOf('/');
                c.mkdirs(remote.substring(0, slash));
            }
            ExecResult r = c.run(command(a, c, slot.gpu()), Duration.ofSeconds(job.timeoutSeconds()), out, err);
            if (r.timedOut()) {
                Files.deleteIfExists(local);
                return attempt(number, slot, start, t0, FailureMode.TIMEOUT,
                        "Timed out after " + job.timeoutSeconds() + " s; worker process tree killed", r);
            }
            if (!c.node().isLocal() && !c.download(remote, local)) {
                return attempt(number, slot, start, t0, FailureMode.FILE_MISSING,
                        "Output file not found on " + c.node().name() + ": " + remote, r);
            }
            Validation v = OutputValidator.validate(local, job.seedCount());
            return attempt(number, slot, start, t0, v.failure(), v.isOk() ? null : v.message(), r);
        } catch (NodeException e) {
            FailureMode mode = e.connection() ? FailureMode.SSH_ERROR : FailureMode.EXECUTION_ERROR;
            return attempt(number, slot, start, t0, mode, e.getMessage(), null);
        } catch (IOException | RuntimeException e) {
            return attempt(number, slot, start, t0, FailureMode.EXECUTION_ERROR, String.valueOf(e), null);
        }
    }

    private void stageInputs(ScriptJob job, NodeConnection c) throws NodeException {
        for (Map.Entry<Path, String> e : copies(job, c).entrySet()) {
            Path src = e.getKey();
            String dst = e.getValue();
            if (!Files.isRegularFile(src)) {
                throw new NodeException("input " + src + " does not exist locally, cannot copy it to "
                        + c.node().name(), false, null);
            }
            String key = c.node().name() + "\0" + dst;
            synchronized (stageLocks.computeIfAbsent(key, k -> new Object())) {
                if (!staged.contains(key)) { // concurrent jobs on the node wait for one upload
                    c.upload(src, dst);
                    staged.add(key);
                }
            }
        }
    }

    private static Attempt attempt(int n, Slot slot, Instant start, long t0, FailureMode mode, String error,
                                   ExecResult r) {
        double secs = (System.nanoTime() - t0) / 1e9;
        String msg = error;
        if (mode != null && r != null && !r.stderrTail().isEmpty()) {
            String s = r.stderrTail();
            msg = error + " | stderr: " + (s.length() > 200 ? s.substring(s.length() - 200) : s);
        }
        return new Attempt(n, slot.node().name(), slot.gpu(), start, secs, mode, msg, r == null ? -1 : r.exitCode());
    }
}
