package dev.survivor.coordinator.exec;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.UserInfo;
import dev.survivor.coordinator.config.HostKeyPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One known_hosts repository shared by every node connection of a run. Strict: unknown and changed
 * keys are refused. Accept-new: an unknown host's key is recorded in the file on first contact; a
 * changed key is still refused (JSch then throws {@code JSchChangedHostKeyException}).
 */
public final class HostKeys implements HostKeyRepository {
    private final HostKeyRepository delegate;
    private final HostKeyPolicy policy;
    private final Path file;
    /** The last key each host presented, so a refusal can show the fingerprint to verify. */
    private final java.util.Map<String, byte[]> presented = new java.util.concurrent.ConcurrentHashMap<>();

    private HostKeys(HostKeyRepository delegate, HostKeyPolicy policy, Path file) {
        this.delegate = delegate;
        this.policy = policy;
        this.file = file;
    }

    public static HostKeys open(Path knownHosts, HostKeyPolicy policy) {
        try {
            if (!Files.exists(knownHosts)) {
                if (policy == HostKeyPolicy.STRICT) {
                    throw new UncheckedIOException(new IOException("known_hosts file " + knownHosts
                            + " does not exist; add the nodes' host keys (ssh-keyscan) or use host_key_policy accept-new"));
                }
                Files.createDirectories(knownHosts.toAbsolutePath().getParent());
                Files.createFile(knownHosts);
            }
            JSch jsch = new JSch();
            jsch.setKnownHosts(knownHosts.toString());
            return new HostKeys(jsch.getHostKeyRepository(), policy, knownHosts);
        } catch (JSchException e) {
            throw new IllegalArgumentException("cannot read known_hosts " + knownHosts + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create known_hosts " + knownHosts + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized int check(String host, byte[] key) {
        presented.put(host, key.clone());
        int r = delegate.check(host, key);
        if (r == NOT_INCLUDED && policy == HostKeyPolicy.ACCEPT_NEW) {
            try {
                delegate.add(new HostKey(host, key), null); // KnownHosts writes the file when it exists
                return OK;
            } catch (JSchException e) {
                return NOT_INCLUDED;
            }
        }
        return r;
    }

    /**
     * {@code TYPE SHA256:…} (as ssh-keygen -lf prints it) of the key {@code host} presented last, or null if it
     * never connected. {@code host} as known_hosts names it: {@code [host]:port} unless the port is 22.
     */
    public String presentedFingerprint(String host) {
        byte[] key = presented.get(host);
        if (key == null) {
            return null;
        }
        String type;
        try {
            type = new HostKey(host, key).getType();
        } catch (JSchException e) {
            type = "unknown-type";
        }
        try {
            byte[] sha = java.security.MessageDigest.getInstance("SHA-256").digest(key);
            return type + " SHA256:" + java.util.Base64.getEncoder().withoutPadding().encodeToString(sha);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void add(HostKey hostkey, UserInfo ui) {
        delegate.add(hostkey, ui);
    }

    @Override
    public synchronized void remove(String host, String type) {
        delegate.remove(host, type);
    }

    @Override
    public synchronized void remove(String host, String type, byte[] key) {
        delegate.remove(host, type, key);
    }

    @Override
    public String getKnownHostsRepositoryID() {
        return delegate.getKnownHostsRepositoryID();
    }

    @Override
    public synchronized HostKey[] getHostKey() {
        return delegate.getHostKey();
    }

    @Override
    public synchronized HostKey[] getHostKey(String host, String type) {
        return delegate.getHostKey(host, type);
    }
}
