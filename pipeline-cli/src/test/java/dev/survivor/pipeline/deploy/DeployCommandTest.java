package dev.survivor.pipeline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.survivor.pipeline.CliRun;
import dev.survivor.pipeline.SelfLauncher;
import dev.survivor.pipeline.doctor.TestSshServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pipeline deploy} end to end against two real SSH servers (MINA SSHD, SFTP on the real file system): the
 * bundle lands in a versioned folder with {@code current} switched, a second deploy skips both nodes, then
 * {@code doctor --cluster} sees the deployed version and {@code step3} over the nodes runs the deployed launcher.
 * The bundle is a small stand-in with the real layout whose {@code bin/pipeline} runs this build (a real one
 * needs the release profile; docs/deploy.md shows it deployed by hand).
 */
@Tag("slow")
class DeployCommandTest {
    @TempDir
    Path dir;

    private TestSshServers ssh;
    private Path cluster;
    private Path knownHosts;
    private Path install;

    @BeforeEach
    void nodes() throws Exception {
        ssh = new TestSshServers();
        int a = ssh.start();
        int b = ssh.start();
        Path id = ssh.writeIdentity(dir.resolve("id"));
        knownHosts = Files.writeString(dir.resolve("known_hosts"),
                ssh.knownHostsLine(a, ssh.hostKey(a)) + ssh.knownHostsLine(b, ssh.hostKey(b)));
        install = dir.resolve("nodes-install");   // both test nodes share this machine: one folder per node
        String node = """
                {"hostname": "127.0.0.1", "port": %d, "username": "tester", "identity_file": "%s", "gpu_count": 1,
                 "backend": "cpu", "script_path": "%s", "java": "%s", "stagger_seconds": 0,
                 "env": {"PIPELINE_BACKEND": "java"}}""";
        cluster = Files.writeString(dir.resolve("cluster.json"), "{\"nodes\": [%s, %s]}".formatted(
                node.formatted(ssh.port(a), id, Files.createDirectories(dir.resolve("work-a")), install.resolve("a/current/bin/pipeline")),
                node.formatted(ssh.port(b), id, Files.createDirectories(dir.resolve("work-b")), install.resolve("b/current/bin/pipeline"))));
    }

    @AfterEach
    void stop() throws Exception {
        ssh.close();
    }

    @Test
    void deploysSkipsWhenCurrentThenDoctorAndStep3UseTheDeployedRelease() throws Exception {
        Path bundle = bundle("survivor-pipeline-9.9.9-linux-x86_64-worker");
        // one install dir per node: the two servers are this machine, so --install-dir is given per run
        for (String n : List.of("a", "b")) {
            Path node = Files.writeString(dir.resolve("cluster-" + n + ".json"), clusterOf(n));
            CliRun first = CliRun.of("deploy", "--cluster", node.toString(), "--bundle", bundle.toString(),
                    "--install-dir", install.resolve(n).toString(), "--known-hosts", knownHosts.toString());
            assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
            assertThat(first.out()).containsPattern("127\\.0\\.0\\.1:\\d+ +deployed +\\d+\\.\\d +pipeline \\S+");
            Path current = install.resolve(n).resolve("current");
            assertThat(Files.readSymbolicLink(current).toString()).matches("versions/survivor-pipeline-9\\.9\\.9-linux-x86_64-worker-[0-9a-f]{12}");
            assertThat(current.resolve("bin/pipeline")).isExecutable();
            assertThat(install.resolve(n).resolve("versions")).isDirectoryNotContaining("glob:**.tar.gz");

            CliRun again = CliRun.of("deploy", "--cluster", node.toString(), "--bundle", bundle.toString(),
                    "--install-dir", install.resolve(n).toString(), "--known-hosts", knownHosts.toString());
            assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
            assertThat(again.out()).containsPattern("127\\.0\\.0\\.1:\\d+ +up-to-date ");
        }

        CliRun doctor = CliRun.of("doctor", "--cluster", cluster.toString(), "--known-hosts", knownHosts.toString(),
                "--min-free-gib", "0.001", "--timeout", "110");
        assertThat(doctor.out()).as(doctor.out() + doctor.err())
                .containsPattern("OK +pipeline \\S+ via \\S+/a/current/bin/pipeline")
                .containsPattern("OK +pipeline \\S+ via \\S+/b/current/bin/pipeline");

        Path jobs = jobs();
        CliRun step3 = CliRun.of("step3", "--jobs-file", jobs.toString(), "--cluster", cluster.toString(),
                "--known-hosts", knownHosts.toString(), "--output-dir", dir.resolve("results").toString(),
                "--scores-file", dir.resolve("scores.json").toString());
        assertThat(step3.exitCode()).as(step3.out() + step3.err()).isZero();
        for (String n : List.of("a", "b")) {
            Path launches = install.resolve(n).resolve("current").resolve("launches.log");
            assertThat(launches).as("the deployed launcher of node " + n + " ran the workers").exists();
            assertThat(Files.readString(launches)).contains(" score ");
        }
    }

    private String clusterOf(String n) throws Exception {
        var root = new ObjectMapper().readTree(cluster.toFile());
        return "{\"nodes\": [" + root.get("nodes").get(n.equals("a") ? 0 : 1) + "]}";
    }

    /** A worker-bundle stand-in: {@code NAME/bin/pipeline} logs each use, then runs this build. */
    private Path bundle(String name) throws Exception {
        Path root = Files.createDirectories(dir.resolve("bundle-src").resolve(name).resolve("bin"));
        Path real = SelfLauncher.writeScript(dir.resolve("bundle-src").resolve("real-pipeline"), "-Xmx256m");
        Path launcher = root.resolve("pipeline");
        Files.writeString(launcher, """
                #!/bin/sh
                APP="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
                echo "$(date +%%s) $*" >> "$APP/launches.log"
                exec %s "$@"
                """.formatted(real));
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path tar = dir.resolve(name + ".tar.gz");
        Process p = new ProcessBuilder("tar", "-C", dir.resolve("bundle-src").toString(), "-czf", tar.toString(), name)
                .inheritIO().start();
        assertThat(p.waitFor()).isZero();
        return tar;
    }

    private Path jobs() throws Exception {
        Random rnd = new Random(3);
        StringJoiner s = new StringJoiner(",", "[", "]");
        for (int i = 0; i < 40; i++) {
            s.add(Integer.toString(rnd.nextInt(1 << 30) + 1));
        }
        StringJoiner t = new StringJoiner(",", "[", "]");
        for (int i = 0; i < 80; i++) {
            t.add(Integer.toString(rnd.nextInt(1000)));
        }
        Path survivors = Files.writeString(dir.resolve("survivors.json"), s.toString());
        Path train = Files.writeString(dir.resolve("train.json"), t.toString());
        Path jobs = dir.resolve("jobs.json");
        CliRun g = CliRun.of("step3", "generate-jobs", "--survivors", survivors.toString(), "--train-history",
                train.toString(), "--chunk-size", "20", "-o", jobs.toString());
        assertThat(g.exitCode()).as(g.err()).isZero();
        return jobs;
    }
}
