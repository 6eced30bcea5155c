package dev.survivor.coordinator.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.survivor.coordinator.config.ClusterConfig;
import dev.survivor.coordinator.io.Json;
import dev.survivor.coordinator.support.FakeWorker;
import dev.survivor.coordinator.support.Processes;
import dev.survivor.coordinator.support.Project;
import dev.survivor.coordinator.support.SshNodes;
import dev.survivor.coordinator.validate.FailureMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real SSH: Apache MINA SSHD servers on 127.0.0.1 as three nodes with 2, 12 and 12 GPUs (own working
 * directory, own host key, public-key auth), plus a node whose server is down and one whose host key
 * does not match known_hosts. Inputs go out and outputs come back over SFTP.
 */
class SshClusterTest {
    private static SshNodes nodes;
    private static final int A = 0;
    private static final int B = 1;
    private static final int C = 2;
    private static final int DOWN = 3;
    private static final int WRONG_KEY = 4;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startServers() throws Exception {
        nodes = new SshNodes();
        for (int i = 0; i < 5; i++) {
            nodes.start();
        }
        nodes.stop(DOWN);
    }

    @AfterAll
    static void stopServers() throws Exception {
        nodes.close();
    }

    private String node(int i, int gpus, String backend, Path dir, Path id, Path faults) {
        return """
                {"hostname": "127.0.0.1", "port": %d, "username": "%s", "identity_file": "%s", "gpu_count": %d,
                 "gpu_type": "test", "backend": "%s", "script_path": "%s", "stagger_seconds": 0,
                 "env": {"FAULT_DIR": "%s", "NODE_NAME": "n%d"}}""".formatted(nodes.port(i), SshNodes.USER, id, gpus,
                backend, dir, faults, i);
    }

    private ClusterConfig cluster(Path kh, String policy, String... nodeJson) throws Exception {
        return Project.cluster(tmp, """
                {"ssh": {"known_hosts": "%s", "host_key_policy": "%s", "connect_timeout_seconds": 5,
                         "command_timeout_seconds": 20, "max_channels_per_connection": 4},
                 "nodes": [%s]}""".formatted(kh, policy, String.join(",", nodeJson)));
    }

    private Path nodeDir(String name) throws Exception {
        Path d = Files.createDirectories(tmp.resolve("nodes").resolve(name));
        FakeWorker.install(d);
        return d;
    }

    @Test
    void thirtySixJobsOnThreeNodesSurviveFaultsDownNodesAndAWrongHostKey() throws Exception {
        Project p = Project.create(tmp.resolve("proj"), 360, 10, 60);
        p.useScript(FakeWorker.NAME);
        p.setTimeout("full_scoring_0007", 3);
        Path faults = Files.createDirectories(tmp.resolve("faults"));
        // planned slots: jobs 0,1,2 → nodes a,b,c; 3 → down node; 4 → wrong-key node; 5,6,7 → a,b,c GPU 1
        Files.writeString(faults.resolve("chunk_0000.json"), "crash");
        Files.writeString(faults.resolve("chunk_0005.json"), "short");
        Files.writeString(faults.resolve("chunk_0006.json"), "truncate");
        Files.writeString(faults.resolve("chunk_0007.json"), "hang");
        Path id = nodes.writeIdentity(tmp.resolve("id_test"));
        Path kh = nodes.writeKnownHosts(tmp.resolve("known_hosts"));
        // the last node presents a key that known_hosts does not have for it
        String good = nodes.knownHostsLine(WRONG_KEY, nodes.hostKeys.get(WRONG_KEY));
        Files.writeString(kh, Files.readString(kh).replace(good, nodes.knownHostsLine(WRONG_KEY, SshNodes.newKey())));
        ClusterConfig c = cluster(kh, "strict",
                node(A, 2, "cuda", nodeDir("a"), id, faults),
                node(B, 12, "rocm", nodeDir("b"), id, faults),
                node(C, 12, "rocm", nodeDir("c"), id, faults),
                node(DOWN, 1, "cuda", nodeDir("down"), id, faults),
                node(WRONG_KEY, 1, "cuda", nodeDir("wrong"), id, faults));
        RunOptions o = new RunOptions(p.jobsFile, c, p.dir.resolve("full_scoring_results"), "ssh1", false, 3, false,
                Duration.ofMillis(100), p.dir.resolve("survivors_with_scores.json"));

        RunReport r = Coordinator.run(o, ProgressListener.NONE);

        assertThat(r.jobs()).hasSize(36);
        assertThat(r.allSucceeded()).as(String.valueOf(r.jobs().stream().filter(j -> !j.success()).toList())).isTrue();
        // every survivor exactly once in the aggregate
        JsonNode all = Json.MAPPER.readTree(p.dir.resolve("survivors_with_scores.json").toFile());
        assertThat(all.size()).isEqualTo(360);
        Set<Long> seeds = new HashSet<>();
        all.forEach(n -> seeds.add(n.get("seed").longValue()));
        assertThat(seeds).hasSize(360);
        // faults were seen and retried
        assertThat(LocalRunTest.firstFailure(r, "full_scoring_0000")).isEqualTo(FailureMode.INVALID_JSON);
        assertThat(LocalRunTest.firstFailure(r, "full_scoring_0005")).isEqualTo(FailureMode.RECORD_COUNT);
        assertThat(LocalRunTest.firstFailure(r, "full_scoring_0006")).isEqualTo(FailureMode.INVALID_JSON);
        assertThat(LocalRunTest.firstFailure(r, "full_scoring_0007")).isEqualTo(FailureMode.TIMEOUT);
        assertThat(LocalRunTest.firstFailure(r, "full_scoring_0003")).isEqualTo(FailureMode.SSH_ERROR);
        assertThat(LocalRunTest.firstFailure(r, "full_scoring_0004")).isEqualTo(FailureMode.SSH_ERROR);
        long pid = Long.parseLong(Files.readString(faults.resolve("chunk_0007.json.pid")).strip());
        long child = Long.parseLong(Files.readString(faults.resolve("chunk_0007.json.child")).strip());
        assertThat(Processes.running(pid)).as("remote worker killed").isFalse();
        assertThat(Processes.running(child)).as("remote worker's child killed").isFalse();
        // jobs planned on the two unusable nodes failed there with SSH_ERROR and ran elsewhere
        List<Attempt> sshErrors = r.jobs().stream().flatMap(j -> j.attempts().stream())
                .filter(a -> a.failure() == FailureMode.SSH_ERROR).toList();
        assertThat(sshErrors).extracting(Attempt::node)
                .contains("127.0.0.1:" + nodes.port(DOWN), "127.0.0.1:" + nodes.port(WRONG_KEY));
        assertThat(sshErrors).anyMatch(a -> a.error().contains("HostKey has been changed"));
        assertThat(r.jobs()).allMatch(j -> !j.last().node().endsWith(":" + nodes.port(DOWN))
                && !j.last().node().endsWith(":" + nodes.port(WRONG_KEY)));
        // GPU visibility by backend (docs/decisions.md C3)
        String log = Files.readString(faults.resolve("invocations.log"));
        assertThat(log).contains("cuda=1 hip= rocr= node=n0").contains("cuda= hip=11 rocr=11 node=n1")
                .contains("cuda= hip=7 rocr=7 node=n2");
        // inputs were copied to the nodes (not shared), histories once
        assertThat(tmp.resolve("nodes/b/train_history.json")).exists();
        assertThat(tmp.resolve("nodes/b/scoring_chunks")).isDirectory();
        // the manifest names node and GPU of every job
        JsonNode m = Json.MAPPER.readTree(r.manifest().toFile());
        assertThat(m.get("jobs_completed").asInt()).isEqualTo(36);
        for (JsonNode j : m.get("jobs")) {
            assertThat(j.get("node").asText()).startsWith("127.0.0.1:");
            assertThat(j.get("output_sha256").asText()).hasSize(64);
        }
    }

    @Test
    void dryRunOpensNoSessionAndCreatesNothing() throws Exception {
        Project p = Project.create(tmp.resolve("proj"), 40, 10, 60);
        p.useScript(FakeWorker.NAME);
        Path id = nodes.writeIdentity(tmp.resolve("id_test"));
        Path kh = nodes.writeKnownHosts(tmp.resolve("known_hosts"));
        Path a = Files.createDirectories(tmp.resolve("nodes/a"));
        Path b = Files.createDirectories(tmp.resolve("nodes/b"));
        ClusterConfig c = cluster(kh, "strict", node(A, 2, "cuda", a, id, tmp), node(B, 12, "rocm", b, id, tmp));
        RunOptions o = new RunOptions(p.jobsFile, c, p.dir.resolve("full_scoring_results"), null, false, 3, true,
                Duration.ofSeconds(5), p.dir.resolve("survivors_with_scores.json"));
        int sessions = nodes.sessionsOpened.get();
        RunReport r = Coordinator.run(o, ProgressListener.NONE);
        java.io.StringWriter sw = new java.io.StringWriter();
        DryRunPrinter.printText(r.plan(), o, new java.io.PrintWriter(sw));
        assertThat(nodes.sessionsOpened.get()).isEqualTo(sessions);
        assertThat(p.dir.resolve("full_scoring_results")).doesNotExist();
        try (var s = Files.list(a)) {
            assertThat(s.toList()).isEmpty();
        }
        assertThat(sw.toString()).contains("ssh tester@127.0.0.1:" + nodes.port(B))
                .contains("HIP_VISIBLE_DEVICES=0, NODE_NAME=n1, ROCR_VISIBLE_DEVICES=0")
                .contains("inputs copied by SFTP");
    }

    @Test
    void acceptNewRecordsAnUnknownHostKeyWhileStrictRefusesIt() throws Exception {
        Project p = Project.create(tmp.resolve("proj"), 10, 10, 60);
        p.useScript(FakeWorker.NAME);
        Path id = nodes.writeIdentity(tmp.resolve("id_test"));
        Path dir = nodeDir("a");
        Path kh = Files.writeString(tmp.resolve("known_hosts_empty"), "");

        ClusterConfig strict = cluster(kh, "strict", node(A, 1, "cpu", dir, id, tmp));
        RunReport refused = Coordinator.run(new RunOptions(p.jobsFile, strict, p.dir.resolve("out"), "s", false, 0,
                false, Duration.ZERO, null), ProgressListener.NONE);
        assertThat(refused.allSucceeded()).isFalse();
        assertThat(refused.jobs().getFirst().last().failure()).isEqualTo(FailureMode.SSH_ERROR);
        assertThat(refused.jobs().getFirst().last().error()).contains("reject HostKey");
        assertThat(Files.readString(kh)).isEmpty();

        ClusterConfig acceptNew = cluster(kh, "accept-new", node(A, 1, "cpu", dir, id, tmp));
        RunReport ok = Coordinator.run(new RunOptions(p.jobsFile, acceptNew, p.dir.resolve("out"), "n", false, 0,
                false, Duration.ZERO, null), ProgressListener.NONE);
        assertThat(ok.allSucceeded()).isTrue();
        assertThat(Files.readString(kh)).contains("[127.0.0.1]:" + nodes.port(A));
        // now known: strict accepts it
        RunReport again = Coordinator.run(new RunOptions(p.jobsFile, strict, p.dir.resolve("out"), "s2", false, 0,
                false, Duration.ZERO, null), ProgressListener.NONE);
        assertThat(again.allSucceeded()).isTrue();
    }

    @Test
    void whenNoNodeIsLeftEveryJobIsReportedAsFailedAndNothingIsAggregated() throws Exception {
        Project p = Project.create(tmp.resolve("proj"), 30, 10, 60);
        p.useScript(FakeWorker.NAME);
        Path id = nodes.writeIdentity(tmp.resolve("id_test"));
        Path kh = nodes.writeKnownHosts(tmp.resolve("known_hosts"));
        ClusterConfig c = cluster(kh, "strict", node(DOWN, 2, "cuda", nodeDir("down"), id, tmp));
        Path scores = p.dir.resolve("survivors_with_scores.json");
        RunReport r = Coordinator.run(new RunOptions(p.jobsFile, c, p.dir.resolve("out"), "nonode", false, 2, false,
                Duration.ZERO, scores), ProgressListener.NONE);
        assertThat(r.allSucceeded()).isFalse();
        assertThat(r.jobs()).hasSize(3).allMatch(j -> !j.success() && j.last().failure() == FailureMode.SSH_ERROR);
        assertThat(r.jobs()).anyMatch(j -> j.last().error().contains("no node left to run it"));
        assertThat(scores).doesNotExist();
        JsonNode m = Json.MAPPER.readTree(r.manifest().toFile());
        assertThat(m.get("failures")).hasSize(3);
        assertThat(m.get("status").asText()).isEqualTo("partial");
    }
}
