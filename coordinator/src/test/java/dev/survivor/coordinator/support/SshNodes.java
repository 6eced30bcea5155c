package dev.survivor.coordinator.support;

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
import org.apache.sshd.common.file.nativefs.NativeFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.shell.ProcessShellCommandFactory;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * Real SSH servers (Apache MINA SSHD) on 127.0.0.1 only, each with its own host key, public-key auth for
 * one user key, exec through a real shell and SFTP on the real file system. Counts sessions, so a test
 * can prove that nothing connected.
 */
public final class SshNodes implements AutoCloseable {
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

    public final KeyPair userKey = RSA.generateKeyPair();
    public final List<SshServer> servers = new ArrayList<>();
    public final List<KeyPair> hostKeys = new ArrayList<>();
    public final AtomicInteger sessionsOpened = new AtomicInteger();

    public static KeyPair newKey() {
        return RSA.generateKeyPair();
    }

    /** Starts a server on an ephemeral loopback port; returns its index. */
    public int start() throws IOException {
        KeyPair host = RSA.generateKeyPair();
        SshServer sshd = SshServer.setUpDefaultServer();
        sshd.setHost("127.0.0.1");
        sshd.setPort(0);
        sshd.setKeyPairProvider(KeyPairProvider.wrap(host));
        sshd.setPublickeyAuthenticator((user, key, session) -> USER.equals(user)
                && KeyUtils.compareKeys(key, userKey.getPublic()));
        sshd.setPasswordAuthenticator(null);
        sshd.setKeyboardInteractiveAuthenticator(null);
        sshd.setCommandFactory(ProcessShellCommandFactory.INSTANCE);
        sshd.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        sshd.setFileSystemFactory(NativeFileSystemFactory.INSTANCE);
        sshd.addSessionListener(new SessionListener() {
            @Override
            public void sessionCreated(Session session) {
                sessionsOpened.incrementAndGet();
            }
        });
        sshd.start();
        servers.add(sshd);
        hostKeys.add(host);
        return servers.size() - 1;
    }

    public int port(int i) {
        return servers.get(i).getPort();
    }

    /** known_hosts lines for the given servers; {@code keys} may substitute a wrong key per server. */
    public String knownHostsLine(int i, KeyPair key) {
        return "[127.0.0.1]:" + port(i) + " " + PublicKeyEntry.toString(key.getPublic()) + "\n";
    }

    public Path writeKnownHosts(Path file) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < servers.size(); i++) {
            sb.append(knownHostsLine(i, hostKeys.get(i)));
        }
        Files.writeString(file, sb.toString());
        return file;
    }

    /** The user's private key as PKCS#8 PEM (JSch reads it directly). */
    public Path writeIdentity(Path file) throws IOException {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(userKey.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Files.writeString(file, pem);
        return file;
    }

    public void stop(int i) throws IOException {
        servers.get(i).stop(true);
    }

    @Override
    public void close() throws IOException {
        for (SshServer s : servers) {
            s.stop(true);
        }
    }
}
