package dev.survivor.pipeline.step3;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.survivor.common.ExitCodes;
import dev.survivor.hub.client.HubLink;
import dev.survivor.hub.params.ParameterSpec;
import dev.survivor.kernels.api.BackendOptions;
import dev.survivor.kernels.api.Backends;
import dev.survivor.kernels.api.ScoringBackend;
import dev.survivor.kernels.io.ResultWriter;
import dev.survivor.kernels.step3.Step3Request;
import dev.survivor.kernels.step3.Step3Runner;
import dev.survivor.kernels.step3.Step3Summary;
import dev.survivor.pipeline.ErrorReporting;
import dev.survivor.pipeline.Hosts;
import dev.survivor.pipeline.hub.HubOptions;
import dev.survivor.pipeline.hub.HubRuns;
import dev.survivor.pipeline.hub.HubStep3Progress;
import dev.survivor.pipeline.runrecord.RunRecorder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pipeline score}: the Step 3 worker, one job file → one result file. */
@Command(name = "score",
        mixinStandardHelpOptions = true,
        header = "Score survivor seeds against a draw history (Step 3 worker, one job).",
        description = {
                "Reads survivors (JSON array of seeds or survivor objects, or NPZ), computes the 91 features per seed "
                        + "(plus holdout_hits, holdout_features and holdout_quality with --holdout-history) and writes "
                        + "the per-job JSON file atomically. The last stdout line is a JSON status object.",
                "Exit codes: 0 ok, 64 bad options, 65 bad input (message names file and element), "
                        + "69 backend unavailable, 74 cannot write, 1 other failure."},
        showDefaultValues = true,
        sortOptions = false)
public final class ScoreCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--seeds-file", required = true, paramLabel = "SURVIVORS",
            description = "Survivors: JSON array of integers or of objects with seed/candidate_seed and metadata; or NPZ v3.")
    Path seedsFile;

    @Option(names = "--train-history", required = true, paramLabel = "TRAIN.json",
            description = "Training draws: JSON array of integers, or of objects with draw/number/value/result.")
    Path trainHistory;

    @Option(names = "--output-file", required = true, paramLabel = "OUT.json",
            description = "Result file (written to a temporary name, then renamed).")
    Path outputFile;

    @Option(names = "--holdout-history", paramLabel = "HOLDOUT.json",
            description = "Holdout draws; adds holdout_hits, holdout_features and holdout_quality.")
    Path holdoutHistory;

    @Option(names = "--prng-type", defaultValue = "java_lcg", paramLabel = "NAME",
            description = "PRNG registry name (base family, _hybrid, or the scorable _reverse names).")
    String prngType;

    @Option(names = "--mod", defaultValue = "1000", paramLabel = "M", description = "Modulus of the draws (draws are 0..M-1).")
    int mod;

    @Option(names = "--scorer-config", paramLabel = "CONFIG.json",
            description = "Scorer config (residue mods, temporal windows, min confidence); reference defaults if absent.")
    Path scorerConfig;

    @Option(names = "--gpu-id", defaultValue = "0", paramLabel = "N",
            description = "Device ordinal for GPU backends; worker_gpu unless CUDA_/HIP_VISIBLE_DEVICES is set.")
    int gpuId;

    @Option(names = "--backend", defaultValue = Backends.AUTO, paramLabel = "NAME",
            description = "Scoring backend: auto (PIPELINE_BACKEND if set, else the best available) or a name "
                    + "listed by `pipeline doctor` (java, native, ...).")
    String backend;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "T", description = "CPU threads (0 = all cores).")
    int threads;

    @Option(names = "--batch-size", defaultValue = "" + Step3Request.DEFAULT_BATCH, paramLabel = "N",
            description = "Survivors scored per batch.")
    int batchSize;

    @Mixin
    HubOptions hub;

    @Override
    public Integer call() throws Exception {
        RunRecorder record = RunRecorder.start(spec)
                .inputOptions("--seeds-file", "--train-history", "--holdout-history", "--scorer-config")
                .output(outputFile).recordAt(RunRecorder.besideFile(outputFile));
        String host = Hosts.hostname();
        try (var link = hub.link("step3-worker", String.valueOf(gpuId), List.of("score"))) {
            return record.run(link, () -> score(link, record, host));
        } catch (RuntimeException e) {
            record.finish(ErrorReporting.exitCode(e), e, null); // no-op when the run itself was recorded
            // the coordinator reads the last stdout line; the one-line message goes to stderr
            ObjectNode status = JSON.createObjectNode();
            status.put("status", "error");
            status.put("error", ErrorReporting.message(e));
            status.put("hostname", host);
            spec.commandLine().getOut().println(status.toString());
            spec.commandLine().getOut().flush();
            throw e;
        }
    }

    private int score(HubLink link, RunRecorder record, String host) {
        Object workerGpu = ResultWriter.workerGpu(System.getenv(), gpuId);
        Step3Request request = new Step3Request(seedsFile, trainHistory, holdoutHistory, outputFile, prngType, mod,
                scorerConfig, host, workerGpu, batchSize);
        Step3Runner runner = new Step3Runner(request);
        // live: read before each batch; changing it changes throughput and memory, never the records
        AtomicInteger liveBatch = new AtomicInteger(batchSize);
        record.liveParameter(link, ParameterSpec.ofInt("batch_size", batchSize, 1, Math.max(batchSize, 10_000_000),
                "survivors scored per batch (from the next batch on)"), "--batch-size", v -> liveBatch.set(v.asInt()));
        Step3Summary summary;
        try (ScoringBackend b = Backends.create(backend, new BackendOptions(threads, deviceOrdinal(System.getenv())))) {
            record.backend(b.name());
            summary = runner.run(b, new HubStep3Progress(
                    new ConsoleProgress(spec.commandLine().getErr(), "score"), link, b.name()), s -> { },
                    liveBatch::get);
            HubRuns.shareScoreSummary(link, summary, host, gpuId);
        }
        record.detail("count", summary.count()).detail("feature_count", summary.featureCount());
        ObjectNode status = JSON.createObjectNode();
        status.put("status", "success");
        status.put("count", summary.count());
        status.put("feature_count", summary.featureCount());
        status.put("elapsed_seconds", round(summary.elapsedSeconds(), 3));
        status.put("seeds_per_second", round(summary.seedsPerSecond(), 1));
        status.put("backend", summary.backend());
        status.put("output_file", summary.outputFile().toString());
        status.put("hostname", host);
        status.put("gpu_id", gpuId);
        spec.commandLine().getOut().println(status.toString());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    /**
     * The device to open. When the coordinator restricts visibility (CUDA_/HIP_/ROCR_VISIBLE_DEVICES),
     * the one visible GPU is ordinal 0 and --gpu-id only labels the output (worker_gpu), as in the reference.
     */
    int deviceOrdinal(Map<String, String> env) {
        for (String v : new String[] {"CUDA_VISIBLE_DEVICES", "HIP_VISIBLE_DEVICES", "ROCR_VISIBLE_DEVICES"}) {
            String value = env.get(v);
            if (value != null && !value.isBlank()) {
                return 0;
            }
        }
        return gpuId;
    }
}
