package dev.survivor.common;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Stopping a process with everything it started, and describing how a process ended. */
public final class ProcessTree {
    /** How long to wait for the tree to be gone after SIGKILL. */
    private static final Duration AFTER_KILL = Duration.ofSeconds(5);

    private ProcessTree() {
    }

    /**
     * {@link #stop(ProcessHandle, Duration)} for a child process; signalled through {@link Process#destroy}, which
     * also closes its pipes, so a thread reading its output ends even while a leftover grandchild holds them.
     */
    public static boolean stop(Process p, Duration grace) {
        return stop(p.toHandle(), p::destroy, p::destroyForcibly, grace);
    }

    /**
     * SIGTERM to the descendants (deepest first) and the process, then SIGKILL to whatever is still alive after
     * {@code grace} ({@link Duration#ZERO}: at once). The tree is captured before anything is signalled, so
     * grandchildren re-parented to init when their parent dies are still reached. Returns true when SIGKILL was
     * needed.
     */
    public static boolean stop(ProcessHandle root, Duration grace) {
        return stop(root, root::destroy, root::destroyForcibly, grace);
    }

    private static boolean stop(ProcessHandle root, Runnable term, Runnable kill, Duration grace) {
        List<ProcessHandle> descendants = new ArrayList<>(root.descendants().toList());
        Collections.reverse(descendants);
        descendants.forEach(ProcessHandle::destroy);
        term.run();
        List<ProcessHandle> tree = new ArrayList<>(descendants);
        tree.add(root);
        if (waitAll(tree, System.nanoTime() + grace.toNanos())) {
            return false;
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
        kill.run();
        waitAll(tree, System.nanoTime() + AFTER_KILL.toNanos());
        return true;
    }

    private static boolean waitAll(List<ProcessHandle> tree, long deadlineNanos) {
        try {
            for (ProcessHandle h : tree) {
                while (h.isAlive()) {
                    if (System.nanoTime() >= deadlineNanos) {
                        return false;
                    }
                    Thread.sleep(10);
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** "exit N", or "signal N" for the 128+N status the JVM reports for a process killed by signal N. */
    public static String describe(int exitCode) {
        return exitCode > 128 && exitCode < 160 ? "signal " + (exitCode - 128) : "exit " + exitCode;
    }
}
