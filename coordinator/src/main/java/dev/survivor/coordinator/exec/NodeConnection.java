package dev.survivor.coordinator.exec;

import dev.survivor.coordinator.config.NodeConfig;
import java.nio.file.Path;
import java.time.Duration;

/** Runs workers on one node and moves files to and from it. Implementations are thread-safe. */
public interface NodeConnection extends AutoCloseable {

    NodeConfig node();

    /** The node's working directory (absolute for SSH nodes; a local absolute path for the local node). */
    String workdir();

    /**
     * Runs {@code cmd}; stdout and stderr go to the two log files. On timeout the whole process tree is
     * killed and the result says {@code timedOut}.
     */
    ExecResult run(WorkerCommand cmd, Duration timeout, Path stdoutLog, Path stderrLog) throws NodeException;

    void mkdirs(String dir) throws NodeException;

    /** Copies a local file to {@code remote} (temp name, then rename); parents are created. */
    void upload(Path local, String remote) throws NodeException;

    /** Copies {@code remote} to {@code local} atomically; false when the remote file does not exist. */
    boolean download(String remote, Path local) throws NodeException;

    /** Deletes a file if present (a stale output must never pass for a new one). */
    void delete(String path) throws NodeException;

    @Override
    void close();
}
