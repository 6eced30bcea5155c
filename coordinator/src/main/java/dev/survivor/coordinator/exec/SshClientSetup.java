package dev.survivor.coordinator.exec;

import com.jcraft.jsch.AgentIdentityRepository;
import com.jcraft.jsch.AgentProxyException;
import com.jcraft.jsch.ConfigRepository;
import com.jcraft.jsch.Identity;
import com.jcraft.jsch.IdentityRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.KeyPair;
import com.jcraft.jsch.OpenSSHConfig;
import com.jcraft.jsch.SSHAgentConnector;
import com.jcraft.jsch.UnixDomainSocketFactory;
import dev.survivor.coordinator.config.NodeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Vector;

/**
 * Makes JSch log in as {@code ssh} would (docs/deploy.md §6): {@code ~/.ssh/config} (Host, HostName, User, Port,
 * IdentityFile), the ssh-agent ({@code SSH_AUTH_SOCK}) and passphrase-protected keys (passphrase from
 * {@code PIPELINE_SSH_PASSPHRASE}). The cluster config's explicit values win over {@code ~/.ssh/config}, as
 * {@code ssh}'s command line does; its username counts as explicit unless it is just the local user's name.
 */
public final class SshClientSetup {
    public static final String PASSPHRASE_ENV = "PIPELINE_SSH_PASSPHRASE";
    /** Where ssh's files are (tests point it elsewhere); default {@code ~/.ssh}. */
    public static final String SSH_DIR_PROPERTY = "survivor.ssh.dir";
    /** The agent's socket when not {@code SSH_AUTH_SOCK} (tests). */
    public static final String AGENT_PROPERTY = "survivor.ssh.auth_sock";

    private final ConfigRepository config;
    private final NodeConfig node;

    private SshClientSetup(ConfigRepository config, NodeConfig node) {
        this.config = config;
        this.node = node;
    }

    /** Reads {@code ~/.ssh/config} (if any) for this node and sets up the identities of {@code jsch}. */
    public static SshClientSetup apply(JSch jsch, NodeConfig node) throws NodeException {
        Path dir = sshDir();
        ConfigRepository cfg = null;
        Path file = dir.resolve("config");
        if (Files.isReadable(file)) {
            try {
                cfg = withoutIdentityFiles(OpenSSHConfig.parseFile(file.toString()));
            } catch (IOException e) {
                throw new NodeException(node.name() + ": cannot read " + file + ": " + e.getMessage(), true, e);
            }
            jsch.setConfigRepository(cfg);
        }
        SshClientSetup setup = new SshClientSetup(cfg, node);
        setup.identities(jsch, dir);
        return setup;
    }

    /** The login name for {@code jsch.getSession}: null lets {@code ~/.ssh/config}'s User apply. */
    public String user() {
        boolean onlyDefault = node.username().equals(System.getProperty("user.name"));
        if (onlyDefault && config != null && config.getConfig(node.hostname()).getUser() != null) {
            return null;
        }
        return node.username();
    }

    private void identities(JSch jsch, Path dir) throws NodeException {
        List<Path> keys = new ArrayList<>();
        if (node.identityFile() != null) {
            if (!Files.isReadable(node.identityFile())) {
                throw new NodeException(node.name() + ": identity_file " + node.identityFile() + " is not readable", true, null);
            }
            keys.add(node.identityFile());
        } else {
            String[] fromConfig = config == null ? null : rawIdentityFiles(node.hostname());
            if (fromConfig != null) {
                for (String f : fromConfig) {
                    keys.add(Path.of(f.startsWith("~/") ? System.getProperty("user.home") + f.substring(1) : f));
                }
            } else {
                for (String n : new String[] {"id_ed25519", "id_ecdsa", "id_rsa"}) {
                    if (Files.isReadable(dir.resolve(n))) {
                        keys.add(dir.resolve(n));
                    }
                }
            }
        }
        IdentityRepository agent = agent();
        List<String> problems = new ArrayList<>();
        for (Path key : keys) {
            addKey(jsch, key, agent != null, problems);
        }
        if (agent != null) {
            jsch.setIdentityRepository(new AgentFirst(agent, jsch.getIdentityRepository()));
        } else if (noIdentities(jsch)) {
            throw new NodeException(node.name() + ": no usable SSH key: " + (problems.isEmpty()
                    ? "no identity_file configured, none in ~/.ssh/config, no ~/.ssh/id_ed25519, id_ecdsa or id_rsa, and no ssh-agent"
                    : String.join("; ", problems)), true, null);
        }
    }

    private static boolean noIdentities(JSch jsch) {
        try {
            return jsch.getIdentityNames().isEmpty();
        } catch (JSchException e) {
            return true;
        }
    }

    private void addKey(JSch jsch, Path key, boolean agentPresent, List<String> problems) throws NodeException {
        try {
            boolean encrypted = KeyPair.load(jsch, key.toString()).isEncrypted();
            String pass = System.getenv(PASSPHRASE_ENV);
            if (encrypted && (pass == null || pass.isEmpty())) {
                problems.add(key + " is passphrase-protected: load it into ssh-agent (ssh-add " + key + ") or set "
                        + PASSPHRASE_ENV);
                return; // the agent may hold it; without one the caller reports the problem
            }
            if (encrypted) {
                jsch.addIdentity(key.toString(), pass);
            } else {
                jsch.addIdentity(key.toString());
            }
        } catch (JSchException e) {
            if (!agentPresent && node.identityFile() != null) {
                throw new NodeException(node.name() + ": cannot load SSH key " + key + ": " + e.getMessage(), true, e);
            }
            problems.add("cannot load " + key + ": " + e.getMessage());
        }
    }

    private String[] rawIdentityFiles(String host) {
        return ((Filtered) config).raw.getConfig(host).getValues("IdentityFile");
    }

    private static IdentityRepository agent() {
        String sock = System.getProperty(AGENT_PROPERTY, System.getenv("SSH_AUTH_SOCK"));
        if (sock == null || sock.isBlank() || !Files.exists(Path.of(sock))) {
            return null;
        }
        try {
            SSHAgentConnector c = new SSHAgentConnector(new UnixDomainSocketFactory(), Path.of(sock));
            return c.isAvailable() ? new AgentIdentityRepository(c) : null;
        } catch (AgentProxyException e) {
            return null;
        }
    }

    static Path sshDir() {
        String d = System.getProperty(SSH_DIR_PROPERTY);
        return d != null ? Path.of(d) : Path.of(System.getProperty("user.home"), ".ssh");
    }

    /** ~/.ssh/config with IdentityFile hidden from JSch: identities are added here, with passphrases and the agent. */
    private static ConfigRepository withoutIdentityFiles(ConfigRepository raw) {
        return new Filtered(raw);
    }

    private record Filtered(ConfigRepository raw) implements ConfigRepository {
        @Override
        public Config getConfig(String host) {
            Config c = raw.getConfig(host);
            return new Config() {
                public String getHostname() {
                    return c.getHostname();
                }

                public String getUser() {
                    return c.getUser();
                }

                public int getPort() {
                    return c.getPort();
                }

                public String getValue(String key) {
                    return "IdentityFile".equalsIgnoreCase(key) ? null : c.getValue(key);
                }

                public String[] getValues(String key) {
                    return "IdentityFile".equalsIgnoreCase(key) ? null : c.getValues(key);
                }
            };
        }
    }

    /** The agent's keys first, then the key files, as ssh tries them. */
    private record AgentFirst(IdentityRepository agent, IdentityRepository files) implements IdentityRepository {
        public String getName() {
            return "ssh-agent + key files";
        }

        public int getStatus() {
            return RUNNING;
        }

        public Vector<Identity> getIdentities() {
            Vector<Identity> all = new Vector<>(agent.getIdentities());
            all.addAll(files.getIdentities());
            return all;
        }

        public boolean add(byte[] identity) {
            return files.add(identity);
        }

        public boolean remove(byte[] blob) {
            return files.remove(blob);
        }

        public void removeAll() {
            files.removeAll();
        }
    }
}
