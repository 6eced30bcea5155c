package dev.survivor.pipeline.step3;

import dev.survivor.common.ExitCodes;
import dev.survivor.coordinator.jobs.GenerateRequest;
import dev.survivor.coordinator.jobs.GenerateResult;
import dev.survivor.coordinator.jobs.JobGenerator;
import dev.survivor.coordinator.jobs.JobsFileException;
import dev.survivor.pipeline.ExitException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code pipeline step3 generate-jobs}: chunk survivors and write the jobs file (docs/coordinator.md §1.2). */
@Command(name = "generate-jobs",
        mixinStandardHelpOptions = true,
        header = "Split survivors into chunk files and write the Step 3 jobs file (one `pipeline score` job per chunk).",
        description = "Chunks go to scoring_chunks/chunk_NNNN.json beside the jobs file; each job's expected output is "
                + "full_scoring_results/chunk_NNNN.json. Reads JSON and NPZ v3 survivors, streaming.",
        showDefaultValues = true,
        sortOptions = false)
public final class GenerateJobsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--survivors", required = true, paramLabel = "S.json|S.npz", description = "Survivors file.")
    Path survivors;

    @Option(names = "--train-history", required = true, paramLabel = "T.json", description = "Training history.")
    Path trainHistory;

    @Option(names = "--holdout-history", paramLabel = "H.json", description = "Holdout history.")
    Path holdoutHistory;

    @Option(names = "--scorer-config", paramLabel = "CONFIG.json", description = "Scorer config passed to every job.")
    Path scorerConfig;

    @Option(names = "--chunk-size", defaultValue = "auto", paramLabel = "auto|N",
            description = "Seeds per job; auto = max(1000, total / floor(1.5 · GPUs)) rounded up to a multiple of 1000.")
    String chunkSize;

    @Option(names = "--cluster", paramLabel = "CLUSTER.json",
            description = "Cluster config; its GPU count drives --chunk-size auto (else --num-gpus).")
    Path cluster;

    @Option(names = "--num-gpus", defaultValue = "26", paramLabel = "N", description = "GPUs, when no --cluster is given.")
    int numGpus;

    @Option(names = "--prng-type", defaultValue = "java_lcg", paramLabel = "NAME", description = "PRNG name.")
    String prngType;

    @Option(names = "--mod", defaultValue = "1000", paramLabel = "M", description = "Modulus.")
    int mod;

    @Option(names = "--timeout", defaultValue = "7200", paramLabel = "SECONDS", description = "Per-job time limit.")
    int timeout;

    @Option(names = {"-o", "--output-file"}, defaultValue = "scoring_jobs.json", paramLabel = "JOBS.json",
            description = "Jobs file to write.")
    Path output;

    @Override
    public Integer call() {
        int size;
        if (chunkSize.equals("auto")) {
            size = 0;
        } else {
            try {
                size = Integer.parseInt(chunkSize);
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1) {
                throw new ParameterException(spec.commandLine(), "--chunk-size: expected auto or a positive integer, found '"
                        + chunkSize + "'");
            }
        }
        if (timeout < 1 || mod < 1 || numGpus < 1) {
            throw new ParameterException(spec.commandLine(), "--timeout, --mod and --num-gpus must be positive");
        }
        int gpus = cluster != null ? Step3Command.loadCluster(cluster).totalGpus() : numGpus;
        try {
            GenerateResult r = JobGenerator.generate(new GenerateRequest(survivors, trainHistory, holdoutHistory,
                    scorerConfig, size, gpus, prngType, mod, output, timeout));
            spec.commandLine().getOut().printf("%d survivors → %d jobs of up to %d seeds; chunks in %s; jobs file %s%n",
                    r.survivors(), r.jobs().size(), r.chunkSize(), r.chunkDir(), r.jobsFile());
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        } catch (JobsFileException e) {
            throw new ExitException(ExitCodes.INVALID_INPUT, e.getMessage(), e);
        }
    }
}
