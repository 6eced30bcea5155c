package dev.survivor.pipeline.doctor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.shell.ProcessShellCommandFactory;

/**
 * Real SSH servers (Apache MINA SSHD) on 127.0.0.1, each with its own host key, public-key login for one user
 * key, commands run by a real shell. Counts the commands each server ran, so a test can prove that nothing ran
 * on a node whose host key did not match. (The coordinator's SshNodes does the same for its tests; test
 * classes are not shared between modules.) SFTP on the real file system, for `pipeline deploy`.
 */
public final class TestSshServers implements AutoCloseable {
    public static final String USER = "tester";
    private static final KeyPairGenerator RSA;

    static {
        try {
            RSA = KeyPairGenerator.getInstance("RSA");
            RSA.initialize(2048);
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final KeyPair userKey = RSA.generateKeyPair();
    private final List<SshServer> servers = new ArrayList<>();
    private final List<KeyPair> hostKeys = new ArrayList<>();
    private final List<AtomicInteger> commands = new ArrayList<>();

    public static KeyPair newKey() {
        return RSA.generateKeyPair();
    }

    /** Starts a server on an ephemeral loopback port; returns its index. */
    public int start() throws IOException {
        KeyPair host = RSA.generateKeyPair();
        AtomicInteger count = new AtomicInteger();
        SshServer sshd = SshServer.setUpDefaultServer();
        sshd.setHost("127.0.0.1");
        sshd.setPort(0);
        sshd.setKeyPairProvider(KeyPairProvider.wrap(host));
        sshd.setPublickeyAuthenticator((user, key, session) -> USER.equals(user)
                && KeyUtils.compareKeys(key, userKey.getPublic()));
        sshd.setPasswordAuthenticator(null);
        sshd.setKeyboardInteractiveAuthenticator(null);
        sshd.setCommandFactory((channel, command) -> {
            count.incrementAndGet();
            return ProcessShellCommandFactory.INSTANCE.createCommand(channel, command);
        });
        sshd.setSubsystemFactories(List.of(new org.apache.sshd.sftp.server.SftpSubsystemFactory())); // deploy
        sshd.setFileSystemFactory(org.apache.sshd.common.file.nativefs.NativeFileSystemFactory.INSTANCE);
        sshd.start();
        servers.add(sshd);
        hostKeys.add(host);
        commands.add(count);
        return servers.size() - 1;
    }

    public int port(int i) {
        return servers.get(i).getPort();
    }

    int commandsRun(int i) {
        return commands.get(i).get();
    }

    /** A known_hosts line for server {@code i} with {@code key} (its own host key, or a wrong one). */
    public String knownHostsLine(int i, KeyPair key) {
        return "[127.0.0.1]:" + port(i) + " " + PublicKeyEntry.toString(key.getPublic()) + "\n";
    }

    public KeyPair hostKey(int i) {
        return hostKeys.get(i);
    }

    /** The user's private key as PKCS#8 PEM (JSch reads it directly). */
    public Path writeIdentity(Path file) throws IOException {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(userKey.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        return Files.writeString(file, pem);
    }

    @Override
    public void close() throws IOException {
        for (SshServer s : servers) {
            s.stop(true);
        }
    }
}
