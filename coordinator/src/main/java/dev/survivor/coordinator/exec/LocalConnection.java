package dev.survivor.coordinator.exec;

import dev.survivor.common.AtomicFiles;
import dev.survivor.common.ProcessTree;
import dev.survivor.coordinator.config.NodeConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The local node: workers are child processes (ProcessBuilder), files are plain file operations. */
public final class LocalConnection implements NodeConnection {
    private static final Duration KILL_GRACE = Duration.ofSeconds(1);
    private final NodeConfig node;
    private final Path workdir;

    /** @param base directory that a relative script_path is resolved against (the jobs file's directory) */
    public LocalConnection(NodeConfig node, Path base) {
        this.node = node;
        this.workdir = base.resolve(node.scriptPath()).toAbsolutePath().normalize();
    }

    @Override
    public NodeConfig node() {
        return node;
    }

    @Override
    public String workdir() {
        return workdir.toString();
    }

    @Override
    public ExecResult run(WorkerCommand cmd, Duration timeout, Path stdoutLog, Path stderrLog) throws NodeException {
        ProcessBuilder pb = new ProcessBuilder(cmd.argv()).directory(Path.of(cmd.workdir()).toFile())
                .redirectOutput(stdoutLog.toFile()).redirectError(stderrLog.toFile());
        pb.environment().putAll(cmd.env());
        Process p;
        try {
            Files.createDirectories(stdoutLog.getParent());
            if (cmd.staleOutput() != null) {
                Files.deleteIfExists(Path.of(cmd.staleOutput()));
            }
            p = pb.start();
        } catch (IOException e) {
            throw new NodeException("cannot start " + cmd.argv().getFirst() + ": " + e.getMessage(), false, e);
        }
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                killTree(p);
                return new ExecResult(-1, true, tail(stderrLog));
            }
            return new ExecResult(p.exitValue(), false, tail(stderrLog));
        } catch (InterruptedException e) {
            killTree(p);
            Thread.currentThread().interrupt();
            throw new NodeException("interrupted while waiting for the worker", false, e);
        }
    }

    /** TERM to the worker and all its descendants, KILL after a second's grace. */
    private static void killTree(Process p) {
        ProcessTree.stop(p, KILL_GRACE);
    }

    static String tail(Path log) {
        try {
            byte[] b = Files.readAllBytes(log);
            int from = Math.max(0, b.length - 2000);
            return new String(b, from, b.length - from, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void mkdirs(String dir) throws NodeException {
        try {
            Files.createDirectories(Path.of(dir));
        } catch (IOException e) {
            throw new NodeException("cannot create " + dir + ": " + e.getMessage(), false, e);
        }
    }

    @Override
    public void upload(Path local, String remote) throws NodeException {
        Path target = Path.of(remote);
        if (local.toAbsolutePath().normalize().equals(target.toAbsolutePath().normalize())) {
            return;
        }
        AtomicFiles.write(target, out -> Files.copy(local, out));
    }

    @Override
    public boolean download(String remote, Path local) throws NodeException {
        Path src = Path.of(remote);
        if (!Files.exists(src)) {
            return false;
        }
        if (src.toAbsolutePath().normalize().equals(local.toAbsolutePath().normalize())) {
            return true;
        }
        try {
            Files.copy(src, local, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } catch (IOException e) {
            throw new NodeException("cannot copy " + src + ": " + e.getMessage(), false, e);
        }
    }

    @Override
    public void delete(String path) throws NodeException {
        try {
            Files.deleteIfExists(Path.of(path));
        } catch (IOException e) {
            throw new NodeException("cannot delete " + path + ": " + e.getMessage(), false, e);
        }
    }

    @Override
    public void close() {
    }
}
