package dev.survivor.pipeline.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.survivor.common.ExitCodes;
import dev.survivor.pipeline.CliRun;
import dev.survivor.pipeline.SelfLauncher;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pipeline doctor --cluster} end to end: real SSH servers (MINA SSHD), the real application as the
 * nodes' launcher (a separate JVM on this test's class path), a node that is down, a node whose host key
 * differs from known_hosts, a local CUDA node on a machine without a usable GPU, and hub ports that answer
 * (a listening socket) or not.
 */
class ClusterDoctorCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private TestSshServers ssh;
    private ServerSocket hub;
    private int healthy;
    private int wrongKey;
    private int downPort;
    private int closedPort;
    private List<String> args;

    @BeforeEach
    void cluster() throws Exception {
        ssh = new TestSshServers();
        healthy = ssh.start();
        wrongKey = ssh.start();
        downPort = freePort();
        closedPort = freePort();
        hub = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Path id = ssh.writeIdentity(dir.resolve("id"));
        Path knownHosts = Files.writeString(dir.resolve("known_hosts"), ssh.knownHostsLine(healthy, ssh.hostKey(healthy))
                + ssh.knownHostsLine(wrongKey, TestSshServers.newKey()));
        Path launcher = launcher();
        Path node0 = Files.createDirectories(dir.resolve("node0"));
        String node = """
                {"hostname": "127.0.0.1", "port": %d, "username": "tester", "identity_file": "%s", "gpu_count": 2,
                 "backend": "cpu", "script_path": "%s", "java": "%s"}""";
        Path cluster = Files.writeString(dir.resolve("cluster.json"), """
                {"nodes": [
                  {"hostname": "localhost", "gpu_count": 1, "backend": "cuda", "script_path": ".", "java": "%s"},
                  %s, %s, %s]}""".formatted(launcher, node.formatted(ssh.port(healthy), id, node0, launcher),
                node.formatted(ssh.port(wrongKey), id, node0, launcher), node.formatted(downPort, id, node0, launcher)));
        args = new ArrayList<>(List.of("doctor", "--cluster", cluster.toString(), "--known-hosts", knownHosts.toString(),
                "--hub", "127.0.0.1:" + hub.getLocalPort(), "--hub-dashboard-port", Integer.toString(closedPort),
                "--min-free-gib", "0.001", "--timeout", "110"));
    }

    @AfterEach
    void stop() throws Exception {
        ssh.close();
        hub.close();
    }

    @Test
    void oneLinePerCheckWithVerdictsAndHints() throws Exception {
        CliRun r = CliRun.of(args.toArray(String[]::new));
        String out = r.out();
        assertThat(r.exitCode()).as(out + r.err()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(out).contains("Backends (lowest rank preferred):"); // the local report comes first

        String ok = "127.0.0.1:" + ssh.port(healthy);
        assertThat(line(out, ok, "ssh")).startsWith("OK").contains("SSH-2.0-");
        assertThat(line(out, ok, "host_key")).startsWith("OK").contains("matches");
        assertThat(line(out, ok, "auth")).startsWith("OK");
        assertThat(line(out, ok, "launcher")).matches("OK +pipeline \\S+ via .*pipeline");
        assertThat(line(out, ok, "java")).startsWith("OK").contains("Java " + System.getProperty("java.version"));
        assertThat(line(out, ok, "backends")).startsWith("OK").contains("available: ").contains("java");
        assertThat(line(out, ok, "gpus")).startsWith("OK").contains("cpu node");
        assertThat(line(out, ok, "disk")).startsWith("OK").contains("GiB free in " + dir.resolve("node0"));
        assertThat(line(out, ok, "hub")).startsWith("OK").contains("answers from the node");
        assertThat(line(out, ok, "hub_dashboard")).startsWith("FAIL").contains("does not answer from the node");

        String bad = "127.0.0.1:" + ssh.port(wrongKey);
        assertThat(line(out, bad, "ssh")).startsWith("OK");
        assertThat(line(out, bad, "host_key")).startsWith("FAIL").contains("MISMATCH")
                .contains("ssh-keygen -R '[127.0.0.1]:" + ssh.port(wrongKey) + "'");
        for (String c : List.of("auth", "launcher", "java", "backends", "gpus", "disk", "hub")) {
            assertThat(line(out, bad, c)).as(c).startsWith("SKIP").contains("host key mismatch");
        }
        assertThat(ssh.commandsRun(wrongKey)).as("nothing runs on a node with a mismatched key").isZero();
        assertThat(ssh.commandsRun(healthy)).isPositive();

        String down = "127.0.0.1:" + downPort;
        assertThat(line(out, down, "ssh")).startsWith("FAIL").contains("connection refused")
                .contains("check the host is up and port " + downPort + " is open");
        assertThat(line(out, down, "launcher")).startsWith("SKIP").contains("ssh failed");

        // no GPU here: the CUDA node's GPU 0 must fail by id (on a machine with a working GPU it passes)
        String gpu0 = line(out, "localhost", "gpu 0");
        assertThat(gpu0).matches("(FAIL +GPU 0 not visible.*— check the driver.*|OK +GPU 0 visible with CUDA_VISIBLE_DEVICES=0.*)");
        assertThat(line(out, "localhost", "ssh")).startsWith("SKIP").contains("local node");
        assertThat(line(out, "localhost", "launcher")).startsWith("OK");

        assertThat(line(out, "this-machine", "hub")).startsWith("OK").contains("answers");
        assertThat(line(out, "this-machine", "hub_dashboard")).startsWith("FAIL").contains("connection refused")
                .contains("pipeline hub serve");
        assertThat(r.lastOutLine()).matches("4 node\\(s\\), \\d+ checks: \\d+ OK, \\d+ WARN, \\d+ FAIL, \\d+ SKIP — fix the FAIL lines.*");
    }

    @Test
    void jsonHasNodesAndChecks() throws Exception {
        args.add("--json");
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(r.outLines()).hasSize(1);
        JsonNode j = JSON.readTree(r.lastOutLine());
        assertThat(j.get("ok").asBoolean()).isFalse();
        assertThat(j.get("local").get("backends").isArray()).isTrue();
        assertThat(j.get("nodes")).hasSize(4);
        assertThat(j.get("nodes").get(1).get("verdict").asText()).isEqualTo("FAIL"); // only hub_dashboard fails
        assertThat(j.get("nodes").get(1).get("transport").asText()).isEqualTo("ssh");
        int fails = 0;
        for (JsonNode c : j.get("checks")) {
            assertThat(c.fieldNames()).toIterable().containsExactly("node", "check", "verdict", "detail", "hint");
            fails += c.get("verdict").asText().equals("FAIL") ? 1 : 0;
        }
        assertThat(fails).isEqualTo(j.get("summary").get("fail").asInt()).isGreaterThanOrEqualTo(4);
        assertThat(j.get("checks").size()).isEqualTo(j.get("summary").get("ok").asInt() + j.get("summary").get("warn").asInt()
                + fails + j.get("summary").get("skip").asInt());
    }

    @Test
    void clusterOnlyOptionsNeedClusterAndBadConfigIsInvalidInput() throws Exception {
        CliRun noCluster = CliRun.of("doctor", "--hub", "127.0.0.1:1");
        assertThat(noCluster.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noCluster.err()).contains("need --cluster");
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"nodes\": [{\"hostname\": \"h\", \"gpu_cnt\": 1}]}");
        CliRun invalid = CliRun.of("doctor", "--cluster", bad.toString());
        assertThat(invalid.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(invalid.err()).contains("bad.json").contains("nodes[0].gpu_count");
        CliRun help = CliRun.of("doctor", "--help");
        assertThat(help.out()).contains("--cluster").contains("--hub").contains("--known-hosts").contains("--accept-new-host-keys");
    }

    /** "VERDICT detail — hint" of the line for {@code node} and {@code check}. */
    private static String line(String out, String node, String check) {
        Matcher m = Pattern.compile("^" + Pattern.quote(node) + " +" + Pattern.quote(check) + " +((OK|WARN|FAIL|SKIP) .*)$",
                Pattern.MULTILINE).matcher(out);
        assertThat(m.find()).as("line %s %s in%n%s", node, check, out).isTrue();
        return m.group(1).replaceAll(" {2,}", "  ").replaceFirst("^(\\S+) +", "$1  ");
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A `pipeline` launcher for this test's class path: the nodes run the real application as a separate JVM. */
    private Path launcher() throws Exception {
        Path l = SelfLauncher.writeScript(dir.resolve("pipeline"), "-Xmx256m");
        return l;
    }
}
