package dev.survivor.coordinator.diag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.survivor.coordinator.config.ClusterConfig;
import dev.survivor.coordinator.support.Project;
import dev.survivor.coordinator.support.SshNodes;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster doctor against real SSH servers (MINA SSHD) and local shells: host-key and login failures, a
 * missing launcher, GPU ids, a hung node, hub ports. The healthy path with the real application is covered
 * by the CLI test in the pipeline module, where the application's classes are available.
 */
class ClusterDoctorTest {
    @TempDir
    Path tmp;

    private DoctorOptions options(List<HubTarget> hub, Duration timeout) {
        return new DoctorOptions("1.0", hub, 1024, tmp, timeout);
    }

    private static CheckResult find(DoctorReport r, String node, String check) {
        return r.checks().stream().filter(c -> c.node().equals(node) && c.check().equals(check)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + node + " " + check + " in " + r.checks()));
    }

    private String sshNode(SshNodes nodes, int i, Path id, String java) {
        return """
                {"hostname": "127.0.0.1", "port": %d, "username": "tester", "identity_file": "%s", "gpu_count": 1,
                 "backend": "cpu", "script_path": "%s", "java": "%s"}""".formatted(nodes.port(i), id, tmp.resolve("work"), java);
    }

    @Test
    void unknownHostKeyFailsUnderStrictAndIsRecordedUnderAcceptNew() throws Exception {
        try (SshNodes nodes = new SshNodes()) {
            nodes.start();
            Path id = nodes.writeIdentity(tmp.resolve("id"));
            Path kh = Files.writeString(tmp.resolve("known_hosts"), "");
            String node = sshNode(nodes, 0, id, "/nonexistent/pipeline");
            String name = "127.0.0.1:" + nodes.port(0);

            ClusterConfig strict = Project.cluster(tmp, "{\"ssh\": {\"known_hosts\": \"%s\"}, \"nodes\": [%s]}".formatted(kh, node));
            DoctorReport r = ClusterDoctor.diagnose(strict, options(List.of(), Duration.ofSeconds(60)));
            assertThat(find(r, name, "ssh").verdict()).isEqualTo(Verdict.OK);
            CheckResult hk = find(r, name, "host_key");
            assertThat(hk.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(hk.detail()).startsWith("unknown: [127.0.0.1]:" + nodes.port(0)).contains("it presented ssh-rsa " + org.apache.sshd.common.config.keys.KeyUtils.getFingerPrint(
                    org.apache.sshd.common.digest.BuiltinDigests.sha256, nodes.hostKeys.get(0).getPublic()) + ")");
            assertThat(hk.hint()).contains("ssh-keyscan -p " + nodes.port(0) + " 127.0.0.1 >> " + kh).contains("--accept-new-host-keys");
            assertThat(find(r, name, "disk").verdict()).isEqualTo(Verdict.SKIP);
            assertThat(r.anyFailed()).isTrue();
            assertThat(Files.readString(kh)).isEmpty();

            ClusterConfig acceptNew = Project.cluster(tmp, "{\"ssh\": {\"known_hosts\": \"%s\", \"host_key_policy\": \"accept-new\"}, \"nodes\": [%s]}"
                    .formatted(kh, node));
            r = ClusterDoctor.diagnose(acceptNew, options(List.of(), Duration.ofSeconds(60)));
            assertThat(find(r, name, "host_key").verdict()).isEqualTo(Verdict.WARN);
            assertThat(find(r, name, "host_key").detail()).contains("first contact");
            assertThat(Files.readString(kh)).contains("[127.0.0.1]:" + nodes.port(0));
            assertThat(find(r, name, "auth").verdict()).isEqualTo(Verdict.OK);
            CheckResult launcher = find(r, name, "launcher");
            assertThat(launcher.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(launcher.detail()).contains("'/nonexistent/pipeline' not found on the node");
            assertThat(launcher.hint()).contains("nodes[0].java");
            assertThat(find(r, name, "backends").verdict()).isEqualTo(Verdict.SKIP);
            assertThat(find(r, name, "backends").detail()).contains("launcher failed");
            CheckResult disk = find(r, name, "disk"); // needs only a shell: still measured
            assertThat(disk.verdict()).isEqualTo(Verdict.OK);
            assertThat(disk.detail()).contains("GiB free in " + tmp.resolve("work")).contains("does not exist yet");
        }
    }

    @Test
    void refusedLoginAndMissingKnownHostsAreTold() throws Exception {
        try (SshNodes nodes = new SshNodes()) {
            nodes.start();
            Path kh = nodes.writeKnownHosts(tmp.resolve("known_hosts"));
            SshNodes other = new SshNodes(); // a user key the server does not accept
            Path wrongId = other.writeIdentity(tmp.resolve("wrong_id"));
            String name = "127.0.0.1:" + nodes.port(0);
            DoctorReport r = ClusterDoctor.diagnose(Project.cluster(tmp, "{\"ssh\": {\"known_hosts\": \"%s\"}, \"nodes\": [%s]}"
                    .formatted(kh, sshNode(nodes, 0, wrongId, "pipeline"))), options(List.of(), Duration.ofSeconds(60)));
            assertThat(find(r, name, "host_key").verdict()).isEqualTo(Verdict.OK);
            CheckResult auth = find(r, name, "auth");
            assertThat(auth.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(auth.detail()).contains("login as tester refused");
            assertThat(auth.hint()).contains(wrongId.toString()).contains("authorized_keys");
            assertThat(find(r, name, "launcher").detail()).contains("authentication failed");

            Path missing = tmp.resolve("nowhere/known_hosts");
            r = ClusterDoctor.diagnose(Project.cluster(tmp, "{\"ssh\": {\"known_hosts\": \"%s\"}, \"nodes\": [%s]}"
                    .formatted(missing, sshNode(nodes, 0, nodes.writeIdentity(tmp.resolve("id")), "pipeline"))),
                    options(List.of(), Duration.ofSeconds(60)));
            assertThat(find(r, name, "host_key").verdict()).isEqualTo(Verdict.FAIL);
            assertThat(find(r, name, "host_key").detail()).contains(missing.toString()).contains("does not exist");
            assertThat(Files.exists(missing)).isFalse();
        }
    }

    /**
     * GPU ids on a local CUDA node, through a stand-in launcher: this machine has no GPU, so a script answers
     * {@code doctor --json} the way the real one does on a node with two GPUs (ids 0 and 1; only 0 works).
     */
    @Test
    void everyConfiguredGpuIdIsCheckedUnderItsVisibilityVariable() throws Exception {
        Path launcher = script("gpu-pipeline", """
                #!/bin/sh
                [ "$1" = doctor ] || exit 2
                case "${CUDA_VISIBLE_DEVICES-all}" in
                  all) cuda='{"name":"cuda","available":true,"reason":"2 CUDA device(s)","details":{"devices":"2"}}';;
                  0) cuda='{"name":"cuda","available":true,"reason":"1 CUDA device(s)","details":{"devices":"1","device.0":"Test GPU A"}}';;
                  *) cuda='{"name":"cuda","available":false,"reason":"no CUDA device","details":{"devices":"0"}}';;
                esac
                echo "a JVM warning on stdout"
                echo '{"pipeline_version":"0.9","java":{"version":"25"},"cpu":{},"backends":['"$cuda"',{"name":"java","available":true,"reason":"ok","details":{}}],"auto_selects":"cuda"}'
                """);
        ClusterConfig c = Project.cluster(tmp, """
                {"nodes": [{"hostname": "localhost", "gpu_count": 3, "backend": "cuda", "script_path": ".", "java": "%s"}]}
                """.formatted(launcher));
        DoctorReport r = ClusterDoctor.diagnose(c, options(List.of(), Duration.ofSeconds(60)));
        assertThat(find(r, "localhost", "launcher").verdict()).isEqualTo(Verdict.WARN);
        assertThat(find(r, "localhost", "launcher").hint()).contains("this machine runs pipeline 1.0");
        assertThat(find(r, "localhost", "backends").verdict()).isEqualTo(Verdict.OK);
        assertThat(find(r, "localhost", "gpu 0").verdict()).isEqualTo(Verdict.OK);
        assertThat(find(r, "localhost", "gpu 0").detail()).isEqualTo("GPU 0 visible with CUDA_VISIBLE_DEVICES=0: Test GPU A");
        assertThat(find(r, "localhost", "gpu 1").verdict()).isEqualTo(Verdict.FAIL);
        assertThat(find(r, "localhost", "gpu 1").detail()).isEqualTo("GPU 1 not visible with CUDA_VISIBLE_DEVICES=1: no CUDA device");
        assertThat(find(r, "localhost", "gpu 2").detail()).contains("reports 2 cuda device(s), the config says gpu_count 3");
        assertThat(find(r, "localhost", "gpu 2").hint()).contains("nvidia-smi").contains("nodes[0].backend/gpu_count");
        assertThat(r.checks()).extracting(CheckResult::check).containsExactly("ssh", "host_key", "auth", "launcher",
                "java", "backends", "gpu 0", "gpu 1", "gpu 2", "disk");
    }

    @Test
    void aHungNodeIsReportedWithinTheLimitAndHubPortsAreProbed() throws Exception {
        Path hung = script("hung-pipeline", "#!/bin/sh\nexec sleep 60\n");
        ClusterConfig c = Project.cluster(tmp, """
                {"nodes": [{"hostname": "localhost", "gpu_count": 1, "backend": "cpu", "script_path": ".", "java": "%s"}]}
                """.formatted(hung));
        try (ServerSocket hub = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            int closed;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                closed = s.getLocalPort();
            }
            long t0 = System.nanoTime();
            DoctorReport r = ClusterDoctor.diagnose(c, options(List.of(new HubTarget("hub", "127.0.0.1", hub.getLocalPort()),
                    new HubTarget("hub_dashboard", "127.0.0.1", closed)), Duration.ofSeconds(3)));
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(30));
            CheckResult l = find(r, "localhost", "launcher");
            assertThat(l.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(l.detail()).contains("no answer within 3 s");
            assertThat(find(r, "localhost", "disk").verdict()).isEqualTo(Verdict.SKIP);
            assertThat(find(r, ClusterDoctor.THIS_MACHINE, "hub").verdict()).isEqualTo(Verdict.OK);
            CheckResult dash = find(r, ClusterDoctor.THIS_MACHINE, "hub_dashboard");
            assertThat(dash.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(dash.detail()).isEqualTo("connection refused by 127.0.0.1:" + closed);
            assertThat(r.toJson().get("nodes").get(0).get("verdict").asText()).isEqualTo("FAIL");
            assertThat(r.summary()).startsWith("1 node(s), 10 checks: ").contains("fix the FAIL lines");
        }
    }

    private Path script(String name, String body) throws Exception {
        Path p = Files.writeString(tmp.resolve(name), body);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }
}
