package dev.survivor.pipeline.step3;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.survivor.common.ExitCodes;
import dev.survivor.pipeline.CliRun;
import dev.survivor.pipeline.SelfLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pipeline step3 generate-jobs} and {@code pipeline step3 --jobs-file} through the real Main, with the
 * real {@code pipeline score} worker started as separate processes by the coordinator.
 */
class Step3CommandTest {
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    @TempDir
    Path dir;
    Path survivors;
    Path train;
    Path holdout;

    @BeforeEach
    void inputs() throws Exception {
        Random rnd = new Random(7);
        StringJoiner s = new StringJoiner(",", "[", "]");
        for (int i = 0; i < 60; i++) {
            s.add("{\"seed\": " + (rnd.nextInt(1 << 30) + 1) + ", \"skip_min\": " + rnd.nextInt(5)
                    + ", \"forward_count\": " + rnd.nextInt(100) + ", \"window_size\": 50}");
        }
        survivors = Files.writeString(dir.resolve("survivors.json"), s.toString());
        train = Files.writeString(dir.resolve("train.json"), ints(rnd, 120));
        holdout = Files.writeString(dir.resolve("holdout.json"), ints(rnd, 30));
    }

    private static String ints(Random rnd, int n) {
        StringJoiner j = new StringJoiner(",", "[", "]");
        for (int i = 0; i < n; i++) {
            j.add(Integer.toString(rnd.nextInt(1000)));
        }
        return j.toString();
    }

    private CliRun generate(String chunk) {
        return CliRun.of("step3", "generate-jobs", "--survivors", survivors.toString(), "--train-history", train.toString(),
                "--holdout-history", holdout.toString(), "--chunk-size", chunk, "-o", dir.resolve("scoring_jobs.json").toString());
    }

    /** A `pipeline` launcher for this test's classpath, so the worker runs as a real separate process. */
    private Path launcher() throws Exception {
        Path l = SelfLauncher.writeScript(dir.resolve("pipeline"), "-Xmx512m");
        return l;
    }

    private Path cluster(Path launcher) throws Exception {
        return Files.writeString(dir.resolve("cluster.json"), """
                {"nodes": [{"hostname": "localhost", "gpu_count": 2, "backend": "cpu", "script_path": ".",
                  "java": "%s", "stagger_seconds": 0, "env": {"PIPELINE_BACKEND": "java"}}]}
                """.formatted(launcher));
    }

    @Test
    void generatedJobsRunWithTheRealWorkerAndMatchADirectScore() throws Exception {
        CliRun g = generate("20");
        assertThat(g.exitCode()).as(g.err()).isZero();
        assertThat(g.out()).contains("60 survivors → 3 jobs of up to 20 seeds");
        JsonNode jobs = JSON.readTree(dir.resolve("scoring_jobs.json").toFile());
        assertThat(jobs).hasSize(3);
        assertThat(jobs.get(0).get("script").asText()).isEqualTo("pipeline score");
        assertThat(jobs.get(2).get("seed_count").asInt()).isEqualTo(20);

        Path scores = dir.resolve("survivors_with_scores.json");
        CliRun run = CliRun.of("step3", "--jobs-file", dir.resolve("scoring_jobs.json").toString(),
                "--cluster", cluster(launcher()).toString(), "--output-dir", dir.resolve("full_scoring_results").toString(),
                "--run-id", "e2e", "--scores-file", scores.toString(), "--retry-backoff", "0.1");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.err()).contains("✓ full_scoring_0000 → localhost:GPU").contains("EXECUTION COMPLETE");
        assertThat(run.out()).contains("status=complete successful=3 failed=0");

        Path direct = dir.resolve("direct.json");
        CliRun d = CliRun.of("score", "--seeds-file", survivors.toString(), "--train-history", train.toString(),
                "--holdout-history", holdout.toString(), "--output-file", direct.toString(), "--backend", "java");
        assertThat(d.exitCode()).as(d.err()).isZero();
        Map<Long, JsonNode> expected = new HashMap<>();
        JSON.readTree(direct.toFile()).forEach(n -> expected.put(n.get("seed").longValue(), n));
        JsonNode all = JSON.readTree(scores.toFile());
        assertThat(all.size()).isEqualTo(60);
        double prev = Double.POSITIVE_INFINITY;
        for (JsonNode n : all) {
            JsonNode e = expected.remove(n.get("seed").longValue());
            assertThat(e).as("seed %s appears once", n.get("seed")).isNotNull();
            // the jobs ran on the auto backend (native when present), the direct run on the java oracle
            assertClose(n.get("features"), e.get("features"));
            assertClose(n.get("holdout_features"), e.get("holdout_features"));
            assertThat(n.get("holdout_quality").doubleValue())
                    .isCloseTo(e.get("holdout_quality").doubleValue(), org.assertj.core.data.Offset.offset(1e-9));
            assertThat(n.get("score").doubleValue()).isLessThanOrEqualTo(prev);
            prev = n.get("score").doubleValue();
        }
        assertThat(expected).isEmpty();
        JsonNode manifest = JSON.readTree(dir.resolve("full_scoring_results/e2e/scripts_run_manifest.json").toFile());
        assertThat(manifest.get("jobs_completed").asInt()).isEqualTo(3);
    }

    @Test
    void dryRunPrintsThePlanAndCreatesNothing() throws Exception {
        assertThat(generate("25").exitCode()).isZero();
        CliRun r = CliRun.of("step3", "--jobs-file", dir.resolve("scoring_jobs.json").toString(),
                "--cluster", cluster(dir.resolve("pipeline")).toString(),
                "--output-dir", dir.resolve("full_scoring_results").toString(), "--dry-run");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("DRY RUN").contains("GPU 0: 2 job(s)").contains("GPU 1: 1 job(s)")
                .contains(" score --seeds-file scoring_chunks/chunk_0000.json").contains("--gpu-id 1")
                .contains("env: {PIPELINE_BACKEND=java}").contains("Totals: 3 jobs, 60 seeds");
        assertThat(dir.resolve("full_scoring_results")).doesNotExist();
        CliRun j = CliRun.of("step3", "--jobs-file", dir.resolve("scoring_jobs.json").toString(),
                "--cluster", dir.resolve("cluster.json").toString(), "--dry-run", "--json");
        assertThat(j.exitCode()).isZero();
        assertThat(JSON.readTree(j.out()).get("jobs")).hasSize(3);
    }

    @Test
    void badInputsAreOneLineErrorsNamingTheKey() throws Exception {
        Path jobs = Files.writeString(dir.resolve("bad_jobs.json"), "[{\"job_id\": \"a\", \"script\": \"pipeline score\"}]");
        CliRun r = CliRun.of("step3", "--jobs-file", jobs.toString(), "--dry-run");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains("bad_jobs.json: job [0] (a): required field 'expected_output' is missing");

        Path cfg = Files.writeString(dir.resolve("c.json"), "{\"nodes\": [{\"hostname\": \"localhost\", \"gpu_count\": \"2\"}]}");
        CliRun c = CliRun.of("step3", "--jobs-file", jobs.toString(), "--cluster", cfg.toString());
        assertThat(c.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(c.err()).contains("nodes[0].gpu_count: expected an integer, found a string \"2\"");

        assertThat(CliRun.of("step3").exitCode()).isEqualTo(ExitCodes.USAGE);
        CliRun chunk = generate("zero");
        assertThat(chunk.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(chunk.err()).contains("--chunk-size: expected auto or a positive integer");
        assertThat(CliRun.of("step3", "--help").out()).contains("--jobs-file").contains("generate-jobs");
    }

    /** Same keys; values equal within 1e-9 relative (native and java differ only in FFT rounding). */
    private static void assertClose(JsonNode actual, JsonNode expected) {
        java.util.List<String> a = new java.util.ArrayList<>();
        actual.fieldNames().forEachRemaining(a::add);
        java.util.List<String> b = new java.util.ArrayList<>();
        expected.fieldNames().forEachRemaining(b::add);
        assertThat(a).isEqualTo(b);
        for (String k : b) {
            double x = actual.get(k).doubleValue();
            double y = expected.get(k).doubleValue();
            assertThat(Math.abs(x - y)).as(k).isLessThanOrEqualTo(1e-12 + 1e-9 * Math.abs(y));
        }
    }
}
