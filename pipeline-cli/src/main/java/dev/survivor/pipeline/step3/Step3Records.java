package dev.survivor.pipeline.step3;

import dev.survivor.coordinator.config.ClusterConfig;
import dev.survivor.coordinator.config.NodeConfig;
import dev.survivor.coordinator.jobs.JobsFile;
import dev.survivor.coordinator.jobs.ScriptJob;
import dev.survivor.coordinator.run.JobReport;
import dev.survivor.coordinator.run.RunReport;
import dev.survivor.pipeline.runrecord.RunRecorder;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;

/** The run record of a {@code step3 --jobs-file} run: the jobs file, cluster config and every job's local inputs. */
final class Step3Records {
    /** Worker options whose values are input files. */
    static final List<String> JOB_INPUT_OPTIONS =
            List.of("--seeds-file", "--train-history", "--holdout-history", "--scorer-config");

    private Step3Records() {
    }

    static RunRecorder start(CommandSpec spec, Path jobsFile, Path outputDir, String runId, ClusterConfig cluster) {
        RunRecorder r = RunRecorder.start(spec).inputOptions("--jobs-file", "--cluster");
        // replaced by the run directory's once the run has one; used only if a failure leaves outputs behind first
        r.recordAt(runId != null ? outputDir.resolve(runId).resolve(RunRecorder.IN_DIRECTORY)
                : outputDir.resolve("step3-" + r.runId() + RunRecorder.SUFFIX));
        r.backend(cluster.nodes().stream().map(n -> n.backend().jsonName()).distinct()
                .collect(Collectors.joining(",")));
        r.detail("nodes", cluster.nodes().stream().map(NodeConfig::hostname).toList());
        List<ScriptJob> jobs;
        try {
            jobs = JobsFile.read(jobsFile);
        } catch (RuntimeException e) {
            return r; // the coordinator reports the bad jobs file itself
        }
        Path base = jobsFile.toAbsolutePath().getParent();
        for (ScriptJob j : jobs) {
            for (String opt : JOB_INPUT_OPTIONS) {
                String v = j.option(opt);
                Path local = v == null ? null : local(base, r.workingDirectory(), v);
                if (local != null) {
                    r.input("jobs[" + j.jobId() + "] " + opt, local);
                }
            }
        }
        return r;
    }

    /** A job input as a local file: relative to the jobs file, then to the working directory; null if neither. */
    private static Path local(Path jobsDir, Path cwd, String value) {
        try {
            Path p = Path.of(value);
            for (Path candidate : p.isAbsolute() ? List.of(p) : List.of(jobsDir.resolve(p), cwd.resolve(p))) {
                if (Files.isRegularFile(candidate)) {
                    return candidate.normalize();
                }
            }
        } catch (InvalidPathException e) {
            // not a local path
        }
        return null;
    }

    static void finished(RunRecorder r, RunReport report) {
        if (report.manifest() != null) {
            r.recordAt(report.manifest().toAbsolutePath().getParent().resolve(RunRecorder.IN_DIRECTORY));
            r.output(report.manifest());
        }
        for (JobReport j : report.jobs()) {
            r.output(j.output());
        }
        r.output(report.scoresFile());
        r.detail("step3_run_id", report.plan().runId()).detail("status", report.status())
                .detail("successful", report.successful()).detail("failed", report.failed());
    }
}
