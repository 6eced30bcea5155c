package dev.survivor.coordinator.diag;

import dev.survivor.common.ProcessTree;
import dev.survivor.coordinator.exec.NodeException;
import dev.survivor.coordinator.exec.SshConnection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short POSIX shell command on a node and returns its exit status with stdout and stderr merged.
 * The local node uses {@code sh -c}, SSH nodes the node's {@link SshConnection} (same host-key policy and
 * authentication as real runs), so both answer the same commands the same way.
 */
interface NodeShell {
    /** Exit status and merged output of one command. */
    record Result(int exit, String output) {
        boolean ok() {
            return exit == 0;
        }

        /** Last non-blank output line, for one-line failure details. */
        String lastLine() {
            String[] lines = output.strip().split("\\R");
            return lines[lines.length - 1].strip();
        }
    }

    /** @throws NodeException when the node cannot be reached or the command does not finish in time */
    Result run(String command) throws NodeException;

    /** Marks the exit status after the output: SshConnection.exec only reports a non-zero status as an error. */
    String RC_MARK = "__SURVIVOR_DOCTOR_RC=";

    static NodeShell over(SshConnection ssh) {
        return command -> {
            String out = ssh.exec("( " + command + " ) 2>&1; printf '\\n" + RC_MARK + "%s\\n' \"$?\"");
            int at = out.lastIndexOf(RC_MARK);
            if (at < 0) {
                throw new NodeException(ssh.node().name() + ": no exit status from: " + command, false, null);
            }
            int exit = Integer.parseInt(out.substring(at + RC_MARK.length()).strip());
            return new Result(exit, out.substring(0, at).strip());
        };
    }

    static NodeShell local(Path workdir, Duration timeout) {
        return command -> {
            ProcessBuilder pb = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true);
            if (workdir != null && workdir.toFile().isDirectory()) {
                pb.directory(workdir.toFile());
            }
            Process p = null;
            try {
                Process started = pb.start();
                p = started;
                started.getOutputStream().close();
                // read on another thread: a chatty command must not block on a full pipe while we wait
                var output = new java.util.concurrent.FutureTask<>(() -> {
                    try {
                        return new String(started.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        return "";
                    }
                });
                Thread.ofVirtual().start(output);
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    kill(p);
                    throw new NodeException("localhost: command timed out after " + timeout.toSeconds() + " s: "
                            + command, false, null);
                }
                return new Result(p.exitValue(), output.get(10, TimeUnit.SECONDS).strip());
            } catch (NodeException e) {
                throw e;
            } catch (IOException e) {
                throw new NodeException("localhost: cannot run sh: " + e.getMessage(), false, e);
            } catch (InterruptedException e) {
                if (p != null) {
                    kill(p); // the node's time limit ran out: leave no JVM behind
                }
                Thread.currentThread().interrupt();
                throw new NodeException("interrupted", false, e);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new NodeException("localhost: cannot read the output of: " + command, false, e);
            }
        };
    }

    /** No grace: a check that overran its time (or was interrupted) is of no further use. */
    private static void kill(Process p) {
        ProcessTree.stop(p, Duration.ZERO);
    }
}
