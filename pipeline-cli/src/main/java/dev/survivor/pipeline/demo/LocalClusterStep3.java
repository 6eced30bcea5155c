package dev.survivor.pipeline.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.survivor.coordinator.config.ClusterConfig;
import dev.survivor.coordinator.config.ClusterConfigReader;
import dev.survivor.coordinator.io.Json;
import dev.survivor.coordinator.jobs.GenerateRequest;
import dev.survivor.coordinator.jobs.GenerateResult;
import dev.survivor.coordinator.jobs.JobGenerator;
import dev.survivor.coordinator.run.Coordinator;
import dev.survivor.coordinator.run.ProgressListener;
import dev.survivor.coordinator.run.RunOptions;
import dev.survivor.coordinator.run.RunReport;
import dev.survivor.kernels.step3.Step3Demo;
import dev.survivor.pipeline.SelfLauncher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Step 3 of the demo exactly as a cluster run does it, on this machine: {@code generate-jobs}, then the
 * coordinator dispatching {@code pipeline score} workers as separate processes and judging them on their output
 * files. The workers run this very application (same JVM binary, same classpath) through a small launcher
 * script, so the demo works from the shaded jar and from a build tree alike.
 */
final class LocalClusterStep3 {
    /** What the demo prints about Step 3. */
    record Outcome(RunReport report, GenerateResult jobs, Path clusterFile, Path scoresFile) {
    }

    private LocalClusterStep3() {
    }

    static Outcome run(Step3Demo.DemoFiles files, Path outputDir, String backend, int mod, ProgressListener progress) {
        try {
            Path launcher = SelfLauncher.writeScript(outputDir.resolve("pipeline-worker"));
            Path clusterFile = writeCluster(outputDir.resolve("demo-cluster.json"), launcher, backend);
            ClusterConfig cluster = ClusterConfigReader.read(clusterFile);
            GenerateResult jobs = JobGenerator.generate(new GenerateRequest(files.survivors(), files.train(),
                    files.holdout(), null, 0, cluster.totalGpus(), "java_lcg", mod,
                    outputDir.resolve("scoring_jobs.json"), 3600));
            Path scores = outputDir.resolve("survivors_with_scores.json");
            // A fresh run id each time: resuming an earlier demo's validated outputs would report no work done.
            RunOptions o = new RunOptions(jobs.jobsFile(), cluster, outputDir.resolve(GenerateRequest.RESULTS_DIR),
                    null, false, 1, false, Duration.ofSeconds(1), scores);
            return new Outcome(Coordinator.run(o, progress), jobs, clusterFile, scores);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One local node (GPUs detected as for the embedded default), with the demo's backend passed to the workers. */
    private static Path writeCluster(Path file, Path launcher, String backend) throws IOException {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("_comment", "Written by `pipeline demo`: this machine as a one-node cluster.");
        ObjectNode node = root.putArray("nodes").addObject();
        node.put("hostname", "localhost");
        node.put("backend", "auto");
        node.put("script_path", ".");
        node.put("java", launcher.toString());
        node.put("stagger_seconds", 0.0);
        ObjectNode env = node.putObject("env");
        if (!backend.equals("auto")) {
            env.put("PIPELINE_BACKEND", backend);
        }
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
        return file;
    }
}
