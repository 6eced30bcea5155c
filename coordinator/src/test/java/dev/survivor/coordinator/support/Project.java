package dev.survivor.coordinator.support;

import dev.survivor.coordinator.config.ClusterConfig;
import dev.survivor.coordinator.config.ClusterConfigReader;
import dev.survivor.coordinator.jobs.GenerateRequest;
import dev.survivor.coordinator.jobs.GenerateResult;
import dev.survivor.coordinator.jobs.JobGenerator;
import dev.survivor.coordinator.jobs.JobsFile;
import dev.survivor.coordinator.jobs.ScriptJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.StringJoiner;

/** A Step 3 project directory: survivors, histories, generated chunks and jobs, rewritten to the fake worker. */
public final class Project {
    public final Path dir;
    public final Path jobsFile;
    public final GenerateResult generated;

    private Project(Path dir, Path jobsFile, GenerateResult generated) {
        this.dir = dir;
        this.jobsFile = jobsFile;
        this.generated = generated;
    }

    /** {@code survivors} seeds 1..n (as survivor objects), chunked by {@code chunk}. */
    public static Project create(Path dir, int survivors, int chunk, int timeoutSeconds) throws IOException {
        Files.createDirectories(dir);
        StringJoiner sj = new StringJoiner(",", "[", "]");
        for (int s = 1; s <= survivors; s++) {
            sj.add("{\"seed\": " + (s * 7919L) + ", \"skip_min\": 2, \"window_size\": 50}");
        }
        Path surv = Files.writeString(dir.resolve("bidirectional_survivors.json"), sj.toString());
        Path train = Files.writeString(dir.resolve("train_history.json"), "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]");
        Path hold = Files.writeString(dir.resolve("holdout_history.json"), "[11, 12, 13]");
        Path jobs = dir.resolve("scoring_jobs.json");
        GenerateResult g = JobGenerator.generate(new GenerateRequest(surv, train, hold, null, chunk, 26, "java_lcg",
                1000, jobs, timeoutSeconds));
        return new Project(dir, jobs, g);
    }

    /** Rewrites the jobs to run {@code script} instead of {@code pipeline score}. */
    public void useScript(String script) {
        List<ScriptJob> jobs = JobsFile.read(jobsFile).stream()
                .map(j -> new ScriptJob(j.jobId(), script, j.args(), j.expectedOutput(), j.timeoutSeconds(),
                        j.chunkFile(), j.seedCount()))
                .toList();
        JobsFile.write(jobsFile, jobs);
    }

    public void setTimeout(String jobId, int seconds) {
        List<ScriptJob> jobs = JobsFile.read(jobsFile).stream()
                .map(j -> j.jobId().equals(jobId) ? new ScriptJob(j.jobId(), j.script(), j.args(), j.expectedOutput(),
                        seconds, j.chunkFile(), j.seedCount()) : j)
                .toList();
        JobsFile.write(jobsFile, jobs);
    }

    public static ClusterConfig cluster(Path dir, String json) throws IOException {
        Path f = Files.writeString(dir.resolve("cluster-" + System.nanoTime() + ".json"), json);
        return ClusterConfigReader.read(f);
    }
}
