package dev.survivor.coordinator.exec;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpException;
import dev.survivor.common.AtomicFiles;
import dev.survivor.coordinator.config.NodeConfig;
import dev.survivor.coordinator.config.SshSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A remote node over SSH (JSch): key authentication, host keys checked against known_hosts, one
 * few sessions reused by every job on the node, at most {@code max_channels_per_connection} channels
 * open on each, connect/command timeouts, and the worker's process tree killed when it exceeds its time.
 */
public final class SshConnection implements NodeConnection {
    private static final String PID_MARK = "__SURVIVOR_WORKER_PID__=";
    private final NodeConfig node;
    private final SshSettings settings;
    private final JSch jsch = new JSch();
    private final int perSession;
    private final int maxSessions;
    private final List<Session> sessions = new ArrayList<>();
    private final List<Integer> open = new ArrayList<>();
    private PooledSftp idleSftp;
    private final java.util.Set<String> madeDirs = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public SshConnection(NodeConfig node, SshSettings settings, HostKeys hostKeys) throws NodeException {
        this.node = node;
        this.settings = settings;
        this.perSession = settings.maxChannelsPerConnection();
        // every slot holds one channel for its job and may need one more (kill, helpers) at the same time
        this.maxSessions = Math.max(1, (2 * node.slots() + perSession - 1) / perSession);
        jsch.setHostKeyRepository(hostKeys);
        for (Path key : identities(node)) {
            try {
                jsch.addIdentity(key.toString());
            } catch (JSchException e) {
                throw new NodeException(node.name() + ": cannot load SSH key " + key + ": " + e.getMessage(), true, e);
            }
        }
    }

    private static List<Path> identities(NodeConfig node) throws NodeException {
        if (node.identityFile() != null) {
            if (!Files.isReadable(node.identityFile())) {
                throw new NodeException(node.name() + ": identity_file " + node.identityFile() + " is not readable", true, null);
            }
            return List.of(node.identityFile());
        }
        List<Path> found = new ArrayList<>();
        Path ssh = Path.of(System.getProperty("user.home"), ".ssh");
        for (String n : new String[] {"id_ed25519", "id_ecdsa", "id_rsa"}) {
            if (Files.isReadable(ssh.resolve(n))) {
                found.add(ssh.resolve(n));
            }
        }
        if (found.isEmpty()) {
            throw new NodeException(node.name() + ": no identity_file configured and no ~/.ssh/id_ed25519, id_ecdsa or id_rsa", true, null);
        }
        return found;
    }

    @Override
    public NodeConfig node() {
        return node;
    }

    @Override
    public String workdir() {
        return node.scriptPath();
    }

    /** A channel's place on one of the node's sessions; {@link #release} gives it back. */
    private record Lease(int index, Session session) {
    }

    /**
     * A session with a free channel: reuse an open one (connection reuse), open another when all are at
     * {@code max_channels_per_connection} (OpenSSH allows 10 per connection by default), else wait.
     */
    private synchronized Lease acquire() throws NodeException {
        while (true) {
            for (int i = 0; i < sessions.size(); i++) {
                Session s = sessions.get(i);
                if (!s.isConnected() && open.get(i) == 0) {
                    s = connect();
                    sessions.set(i, s);
                }
                if (s.isConnected() && open.get(i) < perSession) {
                    open.set(i, open.get(i) + 1);
                    return new Lease(i, s);
                }
            }
            if (sessions.size() < maxSessions) {
                sessions.add(connect());
                open.add(1);
                return new Lease(sessions.size() - 1, sessions.getLast());
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NodeException("interrupted", false, e);
            }
        }
    }

    private synchronized void release(Lease l) {
        open.set(l.index(), open.get(l.index()) - 1);
        notifyAll();
    }

    private Session connect() throws NodeException {
        try {
            Session s = jsch.getSession(node.username(), node.hostname(), node.port());
            s.setConfig("StrictHostKeyChecking", "yes"); // accept-new is handled by HostKeys, never "no"
            s.setConfig("PreferredAuthentications", "publickey");
            s.setServerAliveInterval(15_000);
            s.setServerAliveCountMax(4);
            s.connect(settings.connectTimeoutSeconds() * 1000);
            return s;
        } catch (JSchException e) {
            throw new NodeException(node.name() + ": SSH connection failed: " + e.getMessage(), true, e);
        }
    }

    @Override
    public ExecResult run(WorkerCommand cmd, Duration timeout, Path stdoutLog, Path stderrLog) throws NodeException {
        String command = "echo " + PID_MARK + "$$ && " + cmd.toShell();
        AtomicLong pid = new AtomicLong(-1);
        Lease lease = acquire();
        Session s = lease.session();
        ChannelExec ch = null;
        try (OutputStream out = Files.newOutputStream(stdoutLog); OutputStream err = Files.newOutputStream(stderrLog)) {
            ch = (ChannelExec) s.openChannel("exec");
            ch.setCommand(command);
            ch.setErrStream(err, true);
            InputStream in = ch.getInputStream();
            ch.connect(settings.connectTimeoutSeconds() * 1000);
            Thread reader = Thread.ofVirtual().start(() -> copyStdout(in, out, pid));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!ch.isClosed()) {
                if (System.nanoTime() > deadline) {
                    kill(pid.get());
                    ch.disconnect();
                    reader.join(2000);
                    return new ExecResult(-1, true, LocalConnection.tail(stderrLog));
                }
                Thread.sleep(20);
            }
            reader.join(5000);
            if (!s.isConnected()) {
                throw new NodeException(node.name() + ": SSH session lost while the job ran", true, null);
            }
            return new ExecResult(ch.getExitStatus(), false, LocalConnection.tail(stderrLog));
        } catch (NodeException e) {
            throw e;
        } catch (JSchException e) {
            throw new NodeException(node.name() + ": SSH exec failed: " + e.getMessage(), true, e);
        } catch (IOException e) {
            throw new NodeException(node.name() + ": " + e.getMessage(), false, e);
        } catch (InterruptedException e) {
            kill(pid.get());
            Thread.currentThread().interrupt();
            throw new NodeException("interrupted", false, e);
        } finally {
            if (ch != null) {
                ch.disconnect();
            }
            release(lease);
        }
    }

    /** Copies the worker's stdout to the log, taking the PID line our wrapper prints first. */
    private static void copyStdout(InputStream in, OutputStream out, AtomicLong pid) {
        try {
            ByteArrayOutputStream first = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                first.write(b);
            }
            String line = first.toString(StandardCharsets.UTF_8);
            if (line.startsWith(PID_MARK)) {
                pid.set(Long.parseLong(line.substring(PID_MARK.length()).trim()));
            } else {
                out.write(first.toByteArray());
                out.write('\n');
            }
            in.transferTo(out);
        } catch (IOException | NumberFormatException e) {
            // the channel closed under us; the exit status and the output file decide
        }
    }

    /** TERM the worker and all its descendants, KILL after a second (a closed channel alone does not stop it). */
    private void kill(long pid) {
        if (pid <= 0) {
            return;
        }
        String p = Long.toString(pid);
        String script = "d(){ for c in $(pgrep -P \"$1\" 2>/dev/null); do echo \"$c\"; d \"$c\"; done; }; "
                + "t=\"" + p + " $(d " + p + ")\"; kill -TERM $t 2>/dev/null; sleep 1; kill -KILL $t 2>/dev/null; true";
        try {
            exec(script);
        } catch (NodeException e) {
            // reported through the TIMEOUT failure; nothing more we can do over a broken link
        }
    }

    /** Runs a short helper command; non-zero exit is an error carrying its stderr. */
    public String exec(String command) throws NodeException {
        Lease lease = acquire();
        ChannelExec ch = null;
        try {
            ch = (ChannelExec) lease.session().openChannel("exec");
            ch.setCommand(command);
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            ch.setErrStream(err);
            InputStream in = ch.getInputStream();
            ch.connect(settings.connectTimeoutSeconds() * 1000);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.commandTimeoutSeconds());
            byte[] buf = new byte[8192];
            while (true) {
                while (in.available() > 0) {
                    out.write(buf, 0, in.read(buf));
                }
                if (ch.isClosed() && in.available() == 0) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new NodeException(node.name() + ": command timed out after " + settings.commandTimeoutSeconds() + " s: " + command, false, null);
                }
                Thread.sleep(10);
            }
            if (ch.getExitStatus() != 0) {
                throw new NodeException(node.name() + ": command failed (exit " + ch.getExitStatus() + "): " + command
                        + ": " + err.toString(StandardCharsets.UTF_8).strip(), false, null);
            }
            return out.toString(StandardCharsets.UTF_8);
        } catch (NodeException e) {
            throw e;
        } catch (JSchException e) {
            throw new NodeException(node.name() + ": SSH exec failed: " + e.getMessage(), true, e);
        } catch (IOException e) {
            throw new NodeException(node.name() + ": " + e.getMessage(), true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NodeException("interrupted", false, e);
        } finally {
            if (ch != null) {
                ch.disconnect();
            }
            release(lease);
        }
    }

    @Override
    public void mkdirs(String dir) throws NodeException {
        if (!madeDirs.contains(dir)) { // one round trip per directory and run, not per job
            exec("mkdir -p " + WorkerCommand.quote(dir));
            madeDirs.add(dir);
        }
    }

    @Override
    public void delete(String path) throws NodeException {
        exec("rm -f " + WorkerCommand.quote(path));
    }

    @FunctionalInterface
    private interface SftpAction<T> {
        T apply(ChannelSftp sftp) throws SftpException, IOException, NodeException;
    }

    /** An open SFTP channel with the lease it occupies. */
    private record PooledSftp(ChannelSftp channel, Lease lease) {
    }

    /**
     * Runs one SFTP action. One idle SFTP channel per node is kept open between actions, which saves the
     * channel and subsystem set-up (two round trips) on every upload and pull-back.
     */
    private <T> T sftp(String what, SftpAction<T> action) throws NodeException {
        PooledSftp p = takeIdleSftp();
        boolean healthy = false;
        try {
            if (p == null) {
                Lease lease = acquire();
                try {
                    ChannelSftp ch = (ChannelSftp) lease.session().openChannel("sftp");
                    ch.connect(settings.connectTimeoutSeconds() * 1000);
                    p = new PooledSftp(ch, lease);
                } catch (JSchException e) {
                    release(lease);
                    throw new NodeException(node.name() + ": SFTP failed (" + what + "): " + e.getMessage(), true, e);
                }
            }
            T result = action.apply(p.channel());
            healthy = true;
            return result;
        } catch (SftpException e) {
            healthy = p.channel().isConnected(); // a "no such file" leaves the channel usable
            throw new NodeException(node.name() + ": SFTP " + what + ": " + e.getMessage(), false, e);
        } catch (IOException e) {
            if (e instanceof NodeException ne) {
                throw ne;
            }
            throw new NodeException(node.name() + ": SFTP " + what + ": " + e.getMessage(), false, e);
        } finally {
            if (p != null) {
                giveBackSftp(p, healthy);
            }
        }
    }

    private synchronized PooledSftp takeIdleSftp() {
        PooledSftp p = idleSftp;
        idleSftp = null;
        if (p != null && !p.channel().isConnected()) {
            release(p.lease());
            return null;
        }
        return p;
    }

    private void giveBackSftp(PooledSftp p, boolean healthy) {
        synchronized (this) {
            if (healthy && idleSftp == null && p.channel().isConnected()) {
                idleSftp = p;
                return;
            }
        }
        p.channel().disconnect();
        release(p.lease());
    }

    @Override
    public void upload(Path local, String remote) throws NodeException {
        int slash = remote.lastIndexOf('/');
        if (slash > 0) {
            mkdirs(remote.substring(0, slash));
        }
        String tmp = remote + ".part-" + ProcessHandle.current().pid() + "-" + Thread.currentThread().threadId();
        sftp("upload " + local + " → " + remote, s -> {
            s.put(local.toString(), tmp);
            try {
                s.rm(remote);
            } catch (SftpException e) {
                if (e.id != ChannelSftp.SSH_FX_NO_SUCH_FILE) {
                    throw e;
                }
            }
            s.rename(tmp, remote); // SFTP v3 rename refuses to overwrite, hence the rm
            return null;
        });
    }

    @Override
    public boolean download(String remote, Path local) throws NodeException {
        return sftp("download " + remote, s -> {
            Path tmp = AtomicFiles.tempFor(local);
            try {
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    s.get(remote, out);
                } catch (SftpException e) {
                    if (e.id == ChannelSftp.SSH_FX_NO_SUCH_FILE) {
                        return false;
                    }
                    throw e;
                }
                AtomicFiles.commit(tmp, local);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return true;
        });
    }

    @Override
    public synchronized void close() {
        if (idleSftp != null) {
            idleSftp.channel().disconnect();
            idleSftp = null;
        }
        sessions.forEach(Session::disconnect);
        sessions.clear();
        open.clear();
    }
}
