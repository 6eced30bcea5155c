package dev.survivor.coordinator.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.survivor.coordinator.config.ClusterConfig;
import dev.survivor.coordinator.config.ClusterConfigReader;
import dev.survivor.coordinator.config.HostKeyPolicy;
import dev.survivor.coordinator.support.SshNodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logging in as {@code ssh} would, against a real SSH server (MINA SSHD): a Host alias from ~/.ssh/config supplies
 * HostName, Port, User and IdentityFile; a passphrase-protected key without agent or passphrase is refused with
 * what to do; the same key held by a real ssh-agent logs in.
 */
@Tag("slow")
class SshClientSetupTest {
    @TempDir
    Path dir;

    private SshNodes nodes;
    private int port;
    private Path knownHosts;
    private Path plainKey;
    private Path sshDir;
    private Process agent;

    @BeforeEach
    void server() throws Exception {
        nodes = new SshNodes();
        port = nodes.port(nodes.start());
        knownHosts = nodes.writeKnownHosts(dir.resolve("known_hosts"));
        plainKey = nodes.writeIdentity(dir.resolve("plain_key"));
        Files.setPosixFilePermissions(plainKey, PosixFilePermissions.fromString("rw-------"));
        sshDir = Files.createDirectories(dir.resolve("dot-ssh"));
        System.setProperty(SshClientSetup.SSH_DIR_PROPERTY, sshDir.toString());
    }

    @AfterEach
    void stop() throws Exception {
        System.clearProperty(SshClientSetup.SSH_DIR_PROPERTY);
        System.clearProperty(SshClientSetup.AGENT_PROPERTY);
        if (agent != null) {
            agent.destroy();
            agent.waitFor(10, TimeUnit.SECONDS);
        }
        nodes.close();
    }

    @Test
    void aHostAliasFromSshConfigGivesHostNamePortUserAndIdentityFile() throws Exception {
        config(plainKey);
        try (SshConnection c = connection()) {
            assertThat(c.exec("echo hi $((40 + 2))").strip()).isEqualTo("hi 42");
        }
    }

    @Test
    void aPassphraseProtectedKeyWithoutAgentOrPassphraseIsRefusedWithWhatToDo() throws Exception {
        config(encryptedKey());
        assertThatThrownBy(this::connection).isInstanceOf(NodeException.class)
                .hasMessageContaining("passphrase-protected").hasMessageContaining("ssh-add")
                .hasMessageContaining(SshClientSetup.PASSPHRASE_ENV);
    }

    @Test
    void theSshAgentHoldingThePassphraseProtectedKeyLogsIn() throws Exception {
        Path key = encryptedKey();
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ssh-agent")) && Files.isExecutable(Path.of("/usr/bin/ssh-add")),
                "needs OpenSSH's ssh-agent and ssh-add");
        Path sock = dir.resolve("agent.sock");
        agent = new ProcessBuilder("ssh-agent", "-D", "-a", sock.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("agent.log").toFile()).start();
        for (int i = 0; i < 100 && !Files.exists(sock); i++) {
            Thread.sleep(50);
        }
        Path askpass = Files.writeString(dir.resolve("askpass"), "#!/bin/sh\necho secret-phrase\n");
        Files.setPosixFilePermissions(askpass, PosixFilePermissions.fromString("rwx------"));
        ProcessBuilder add = new ProcessBuilder("ssh-add", key.toString()).redirectErrorStream(true);
        add.environment().put("SSH_AUTH_SOCK", sock.toString());
        add.environment().put("SSH_ASKPASS", askpass.toString());
        add.environment().put("SSH_ASKPASS_REQUIRE", "force");
        add.environment().put("DISPLAY", ":0");
        Process p = add.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();

        System.setProperty(SshClientSetup.AGENT_PROPERTY, sock.toString());
        config(key);
        try (SshConnection c = connection()) {
            assertThat(c.exec("echo via-agent").strip()).isEqualTo("via-agent");
        }
    }

    private void config(Path identity) throws Exception {
        Files.writeString(sshDir.resolve("config"), """
                Host other
                  HostName 192.0.2.1
                Host node-a
                  HostName 127.0.0.1
                  Port %d
                  User %s
                  IdentityFile %s
                """.formatted(port, SshNodes.USER, identity));
    }

    /** The test user's key, re-encrypted by ssh-keygen with a passphrase (OpenSSH format). */
    private Path encryptedKey() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ssh-keygen")), "needs OpenSSH's ssh-keygen");
        Path key = Files.copy(plainKey, dir.resolve("encrypted_key"));
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-p", "-P", "", "-N", "secret-phrase", "-f", key.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(Files.readString(key)).contains("OPENSSH PRIVATE KEY");
        return key;
    }

    /** A node that names only the alias: no port, no user, no identity_file in the cluster config. */
    private SshConnection connection() throws Exception {
        Path cluster = Files.writeString(dir.resolve("cluster.json"), """
                {"nodes": [{"hostname": "node-a", "transport": "ssh", "gpu_count": 1, "backend": "cpu",
                  "script_path": "%s"}]}""".formatted(dir));
        ClusterConfig c = ClusterConfigReader.read(cluster);
        return new SshConnection(c.nodes().getFirst(), c.ssh().withKnownHosts(knownHosts, HostKeyPolicy.STRICT),
                HostKeys.open(knownHosts, HostKeyPolicy.STRICT));
    }
}
