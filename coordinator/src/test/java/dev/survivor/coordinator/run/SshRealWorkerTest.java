package dev.survivor.coordinator.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.survivor.coordinator.config.ClusterConfig;
import dev.survivor.coordinator.io.Json;
import dev.survivor.coordinator.support.Project;
import dev.survivor.coordinator.support.SshNodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end over real SSH with the real worker: the shaded pipeline jar runs {@code pipeline score} on two
 * SSH nodes; the aggregate must hold every survivor once with exactly the features of a direct run.
 * Skipped when the jar has not been built (it is built by the pipeline module's package phase).
 */
class SshRealWorkerTest {
    /** The shaded jar; {@code -Dpipeline.jar=PATH} points elsewhere. */
    private static final Path JAR = Path.of(System.getProperty("pipeline.jar", "../pipeline-cli/target/pipeline-app.jar"));

    @TempDir
    Path tmp;

    @Test
    void realScoreWorkerOverSshMatchesADirectRun() throws Exception {
        assumeTrue(Files.isRegularFile(JAR), "pipeline-app.jar not built (./mvnw -pl pipeline-cli -am package); skipping the real-worker run");
        Path jar = Files.copy(JAR, tmp.resolve("pipeline-app.jar")); // a concurrent build may replace the original
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path proj = Files.createDirectories(tmp.resolve("proj"));
        Random rnd = new Random(11);
        StringJoiner s = new StringJoiner(",", "[", "]");
        for (int i = 0; i < 45; i++) {
            s.add("{\"seed\": " + (rnd.nextInt(1 << 30) + 1) + ", \"skip_min\": " + rnd.nextInt(4) + "}");
        }
        Path survivors = Files.writeString(proj.resolve("survivors.json"), s.toString());
        Path data = Files.createDirectories(tmp.resolve("data")); // outside the project: absolute paths in the jobs
        Path train = Files.writeString(data.resolve("train.json"), draws(rnd, 150));
        Path holdout = Files.writeString(data.resolve("holdout.json"), draws(rnd, 40));
        Path jobs = proj.resolve("scoring_jobs.json");
        dev.survivor.coordinator.jobs.JobGenerator.generate(new dev.survivor.coordinator.jobs.GenerateRequest(
                survivors, train, holdout, null, 15, 2, "java_lcg", 1000, jobs, 300));

        try (SshNodes nodes = new SshNodes()) {
            nodes.start();
            nodes.start();
            Path id = nodes.writeIdentity(tmp.resolve("id"));
            Path kh = nodes.writeKnownHosts(tmp.resolve("known_hosts"));
            StringJoiner n = new StringJoiner(",");
            for (int i = 0; i < 2; i++) {
                Path dir = Files.createDirectories(tmp.resolve("node" + i));
                n.add("""
                        {"hostname": "127.0.0.1", "port": %d, "username": "tester", "identity_file": "%s",
                         "gpu_count": 1, "backend": "cpu", "script_path": "%s", "java": "%s", "pipeline_jar": "%s",
                         "stagger_seconds": 0, "env": {"PIPELINE_BACKEND": "java"}}""".formatted(nodes.port(i), id, dir,
                        java, jar));
            }
            ClusterConfig c = Project.cluster(tmp, "{\"ssh\": {\"known_hosts\": \"%s\"}, \"nodes\": [%s]}".formatted(kh, n));
            Path scores = proj.resolve("survivors_with_scores.json");
            RunReport r = Coordinator.run(new RunOptions(jobs, c, proj.resolve("full_scoring_results"), "real", false, 1,
                    false, Duration.ofMillis(100), scores), ProgressListener.NONE);
            assertThat(r.allSucceeded()).as(String.valueOf(r.jobs())).isTrue();
            try (var in = Files.list(tmp.resolve("node0/inputs"))) {
                assertThat(in.map(f -> f.getFileName().toString()).toList()).hasSize(2)
                        .anyMatch(f -> f.endsWith("-train.json")).anyMatch(f -> f.endsWith("-holdout.json"));
            }
            assertThat(r.jobs()).extracting(j -> j.last().node()).contains("127.0.0.1:" + nodes.port(0), "127.0.0.1:" + nodes.port(1));

            Path direct = tmp.resolve("direct.json");
            Process p = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED", "-jar", jar.toString(),
                    "score", "--seeds-file", survivors.toString(), "--train-history", train.toString(),
                    "--holdout-history", holdout.toString(), "--output-file", direct.toString(), "--backend", "java")
                    .redirectErrorStream(true).redirectOutput(tmp.resolve("direct.log").toFile()).start();
            assertThat(p.waitFor()).as(Files.readString(tmp.resolve("direct.log"))).isZero();
            Map<Long, JsonNode> expected = new HashMap<>();
            Json.MAPPER.readTree(direct.toFile()).forEach(x -> expected.put(x.get("seed").longValue(), x));
            JsonNode all = Json.MAPPER.readTree(scores.toFile());
            assertThat(all.size()).isEqualTo(45);
            for (JsonNode x : all) {
                JsonNode e = expected.remove(x.get("seed").longValue());
                assertThat(e).isNotNull();
                assertThat(x.get("features")).isEqualTo(e.get("features"));
                assertThat(x.get("holdout_features")).isEqualTo(e.get("holdout_features"));
            }
            assertThat(expected).isEmpty();
        }
    }

    private static String draws(Random rnd, int n) {
        StringJoiner j = new StringJoiner(",", "[", "]");
        for (int i = 0; i < n; i++) {
            j.add(Integer.toString(rnd.nextInt(1000)));
        }
        return j.toString();
    }
}
