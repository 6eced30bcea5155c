package dev.survivor.pipeline.step3;

import dev.survivor.common.ExitCodes;
import dev.survivor.coordinator.config.ClusterConfig;
import dev.survivor.coordinator.config.ClusterConfigException;
import dev.survivor.coordinator.config.ClusterConfigReader;
import dev.survivor.coordinator.config.HostKeyPolicy;
import dev.survivor.coordinator.io.Json;
import dev.survivor.coordinator.jobs.JobsFileException;
import dev.survivor.coordinator.run.ConsoleProgress;
import dev.survivor.coordinator.run.Coordinator;
import dev.survivor.coordinator.run.DryRunPrinter;
import dev.survivor.coordinator.run.RunOptions;
import dev.survivor.coordinator.run.RunPlan;
import dev.survivor.coordinator.run.RunReport;
import dev.survivor.pipeline.ErrorReporting;
import dev.survivor.pipeline.ExitException;
import dev.survivor.pipeline.hub.HubJobsProgress;
import dev.survivor.pipeline.hub.HubOptions;
import dev.survivor.pipeline.hub.HubRuns;
import dev.survivor.pipeline.runrecord.RunRecorder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pipeline step3 --jobs-file}: run Step 3 scoring jobs on the cluster (wiring; logic in coordinator). */
@Command(name = "step3",
        mixinStandardHelpOptions = true,
        header = "Dispatch Step 3 scoring jobs to the cluster's GPUs (local and SSH), retry, collect, aggregate.",
        description = {
                "Runs every job of a jobs file (`pipeline step3 generate-jobs` writes one) on the nodes of the cluster "
                        + "config: parallel across nodes and GPUs, one job at a time per GPU. Success is judged only on "
                        + "the output file (JSON array with one record per seed). Failed jobs are retried on another "
                        + "GPU or node; starting again with the same --run-id resumes.",
                "Exit codes: 0 every job succeeded (or dry run), 1 some job failed after retries, "
                        + "64 bad options, 65 bad jobs file or cluster config."},
        showDefaultValues = true,
        sortOptions = false,
        subcommands = GenerateJobsCommand.class)
public final class Step3Command implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--jobs-file", paramLabel = "JOBS.json", description = "Jobs file (SCRIPT JOB SPEC v1.0).")
    Path jobsFile;

    @Option(names = "--cluster", paramLabel = "CLUSTER.json",
            description = "Cluster config (distributed_config.json format plus backend, port, identity_file, java, "
                    + "stagger_seconds, env). Default: this machine only, backend detected.")
    Path cluster;

    @Option(names = "--output-dir", defaultValue = "full_scoring_results", paramLabel = "DIR",
            description = "Results go to DIR/<run id>/.")
    Path outputDir;

    @Option(names = "--run-id", paramLabel = "ID",
            description = "Run id (default: <output dir name>_<yyyyMMdd_HHmmss>). An existing id resumes that run.")
    String runId;

    @Option(names = "--preserve-paths", description = "Keep the jobs' own output paths (no run directory rewrite).")
    boolean preservePaths;

    @Option(names = "--max-retries", defaultValue = "3", paramLabel = "N", description = "Extra attempts per failed job.")
    int maxRetries;

    @Option(names = "--retry-backoff", defaultValue = "5", paramLabel = "SECONDS",
            description = "Wait before the first retry of a job; doubles with each further attempt.")
    double retryBackoff;

    @Option(names = "--scores-file", defaultValue = "survivors_with_scores.json", paramLabel = "FILE",
            description = "Aggregated output, sorted by score (written only when every job succeeded).")
    Path scoresFile;

    @Option(names = "--known-hosts", paramLabel = "FILE", description = "known_hosts file (overrides the cluster config).")
    Path knownHosts;

    @Option(names = "--accept-new-host-keys",
            description = "Record the host key of a node seen for the first time (a changed key is still refused).")
    boolean acceptNew;

    @Option(names = "--dry-run", description = "Print the plan (host → GPU → command) and execute nothing anywhere.")
    boolean dryRun;

    @Option(names = "--json", description = "With --dry-run: print the plan as JSON.")
    boolean json;

    @Mixin
    HubOptions hub;

    @Override
    public Integer call() throws Exception {
        if (jobsFile == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "Missing required option: '--jobs-file=JOBS.json' (or use the generate-jobs subcommand)");
        }
        if (maxRetries < 0 || retryBackoff < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--max-retries and --retry-backoff must be >= 0");
        }
        ClusterConfig c = loadCluster(cluster);
        if (knownHosts != null || acceptNew) {
            c = c.withSsh(c.ssh().withKnownHosts(knownHosts != null ? knownHosts : c.ssh().knownHosts(),
                    acceptNew ? HostKeyPolicy.ACCEPT_NEW : c.ssh().hostKeyPolicy()));
        }
        RunOptions o = new RunOptions(jobsFile, c, outputDir, runId, preservePaths, maxRetries, dryRun,
                Duration.ofMillis(Math.round(retryBackoff * 1000)), scoresFile);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (dryRun) {
                RunPlan plan = Coordinator.plan(o);
                if (json) {
                    out.println(Json.MAPPER.writeValueAsString(DryRunPrinter.toJson(plan, o)));
                } else {
                    DryRunPrinter.printText(plan, o, out);
                }
                out.flush();
                return ExitCodes.OK;
            }
            RunRecorder record = Step3Records.start(spec, jobsFile, outputDir, runId, c);
            try (var link = hub.link("step3-coordinator", null, List.of("step3"))) {
                return record.run(link, () -> {
                    RunReport r;
                    try {
                        r = Coordinator.run(o, new HubJobsProgress(new ConsoleProgress(err, false), link));
                    } catch (JobsFileException | ClusterConfigException e) { // inside, so the record has status 65
                        throw new ExitException(ExitCodes.INVALID_INPUT, e.getMessage(), e);
                    }
                    Step3Records.finished(record, r);
                    HubRuns.shareRunReport(link, r);
                    out.printf("run_id=%s status=%s successful=%d failed=%d manifest=%s%n", r.plan().runId(),
                            r.status(), r.successful(), r.failed(), r.manifest());
                    if (r.scoresFile() != null) {
                        out.printf("survivors_with_scores: %s (%s)%n", r.scoresFile(), r.scoresNote());
                    }
                    out.flush();
                    return r.allSucceeded() ? ExitCodes.OK : ExitCodes.FAILURE;
                });
            } catch (RuntimeException e) {
                record.finish(ErrorReporting.exitCode(e), e, null); // hub unreachable
                throw e;
            }
        } catch (JobsFileException | ClusterConfigException e) {
            throw new ExitException(ExitCodes.INVALID_INPUT, e.getMessage(), e);
        }
    }

    static ClusterConfig loadCluster(Path file) {
        try {
            return file == null ? ClusterConfigReader.embeddedDefault() : ClusterConfigReader.read(file);
        } catch (ClusterConfigException e) {
            throw new ExitException(ExitCodes.INVALID_INPUT, e.getMessage(), e);
        }
    }
}
