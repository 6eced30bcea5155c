package dev.survivor.hub.supervise;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Stopping a process with everything it started, and describing how a process ended. */
public final class ProcessTree {
    private ProcessTree() { }

    /**
     * SIGTERM to the descendants (deepest first) and the process, then SIGKILL to whatever is still alive after
     * {@code grace}. The tree is captured before anything is signalled, so grandchildren re-parented to init when
     * their parent dies are still reached. Returns true when SIGKILL was needed.
     */
    public static boolean stop(Process p, Duration grace) {
        List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
        java.util.Collections.reverse(tree);
        tree.forEach(ProcessHandle::destroy);
        p.destroy();
        long deadline = System.nanoTime() + grace.toNanos();
        boolean forced = false;
        if (!waitAll(p, tree, deadline)) {
            forced = true;
            tree.forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            waitAll(p, tree, System.nanoTime() + Duration.ofSeconds(5).toNanos());
        }
        return forced;
    }

    private static boolean waitAll(Process p, List<ProcessHandle> tree, long deadlineNanos) {
        try {
            if (!p.waitFor(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                return false;
            }
            for (ProcessHandle h : tree) {
                while (h.isAlive()) {
                    if (System.nanoTime() > deadlineNanos) {
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
