package dev.survivor.coordinator.run;

import dev.survivor.coordinator.exec.NodeConnection;
import dev.survivor.coordinator.validate.FailureMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;

/**
 * Runs the plan: one thread per GPU slot, all slots of all nodes in parallel, jobs on one slot strictly
 * one after another with the node's stagger between starts (docs/coordinator.md §4.1). A slot first takes the
 * jobs planned for it, then queued work of the busiest other slot. A failed job is queued again after a
 * backoff for another slot (another node when the failure is node-bound, docs/decisions.md C2); a node whose SSH
 * link fails is marked down and its queue moves to the other nodes.
 */
final class Dispatcher {
    private final JobRunner runner;
    private final Map<Integer, NodeConnection> connections;
    private final List<String> nodeNames;
    private final int maxAttempts;
    private final Duration backoff;
    private final ProgressListener listener;
    private final BiConsumer<RunPlan.Assignment, List<Attempt>> done;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<Pending> pending = new ArrayList<>();
    private final Set<Integer> downNodes = new HashSet<>();
    private final Set<Slot> liveSlots = new HashSet<>();
    private final List<Thread> slotThreads = new ArrayList<>();
    private int running;
    private volatile String cancelled;

    /** A job waiting for a slot. */
    private static final class Pending {
        final RunPlan.Assignment assignment;
        final Slot preferred;
        final long notBefore;
        final Set<Slot> avoidSlots;
        final Set<Integer> avoidNodes;
        final List<Attempt> attempts;

        Pending(RunPlan.Assignment a, Slot preferred, long notBefore, Set<Slot> avoidSlots, Set<Integer> avoidNodes,
                List<Attempt> attempts) {
            this.assignment = a;
            this.preferred = preferred;
            this.notBefore = notBefore;
            this.avoidSlots = avoidSlots;
            this.avoidNodes = avoidNodes;
            this.attempts = attempts;
        }
    }

    Dispatcher(JobRunner runner, List<String> nodeNames, Map<Integer, NodeConnection> connections, int maxRetries,
               Duration backoff, ProgressListener listener, BiConsumer<RunPlan.Assignment, List<Attempt>> done) {
        this.runner = runner;
        this.nodeNames = nodeNames;
        this.connections = connections;
        this.maxAttempts = maxRetries + 1;
        this.backoff = backoff;
        this.listener = listener;
        this.done = done;
    }

    /** Runs every assignment to success or to its last attempt; returns when all are reported. */
    void run(List<Slot> slots, List<RunPlan.Assignment> work, Set<Integer> nodesDownAtStart) {
        long now = System.nanoTime();
        for (RunPlan.Assignment a : work) {
            pending.add(new Pending(a, a.slot(), now, Set.of(), Set.of(), new ArrayList<>()));
        }
        downNodes.addAll(nodesDownAtStart);
        for (Slot s : slots) {
            if (!downNodes.contains(s.nodeIndex())) {
                liveSlots.add(s);
            }
        }
        List<Thread> threads;
        lock.lock();
        try {
            for (Slot s : List.copyOf(liveSlots)) {
                if (cancelled == null) {
                    slotThreads.add(Thread.ofPlatform().name("slot-" + s).start(() -> slotLoop(s)));
                }
            }
            threads = List.copyOf(slotThreads);
        } finally {
            lock.unlock();
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                threads.forEach(Thread::interrupt);
            }
        }
        // Nothing left that could run them (every node down, or the run was cancelled): report each as failed,
        // nothing silently dropped.
        for (Pending p : pending) {
            List<Attempt> at = new ArrayList<>(p.attempts);
            at.add(new Attempt(at.size() + 1, "-", -1, Instant.now(), 0,
                    cancelled != null ? FailureMode.EXECUTION_ERROR : FailureMode.SSH_ERROR,
                    cancelled != null ? "not run: " + cancelled : "no node left to run it (down: " + downNames() + ")",
                    -1));
            done.accept(p.assignment, at);
        }
        pending.clear();
    }

    /**
     * Stops the run (e.g. on Ctrl-C): no job starts any more, the running workers are interrupted, which kills
     * their process trees (locally, or over SSH on the node), and nothing is retried. {@link #run} then returns
     * with every job reported.
     */
    void cancel(String reason) {
        lock.lock();
        try {
            cancelled = reason;
            slotThreads.forEach(Thread::interrupt);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    boolean cancelled() {
        return cancelled != null;
    }

    private String downNames() {
        List<String> names = new ArrayList<>();
        for (int n : downNodes) {
            names.add(nodeNames.get(n));
        }
        return String.join(", ", names);
    }

    private void slotLoop(Slot slot) {
        long stagger = Math.round(slot.node().staggerSeconds() * 1000);
        sleep(stagger * slot.gpu()); // GPU workers of a node start one after another
        boolean first = true;
        while (cancelled == null) {
            Pending p = take(slot);
            if (p == null) {
                return;
            }
            if (!first) {
                sleep(stagger);
            }
            first = false;
            int number = p.attempts.size() + 1;
            listener.jobStarted(p.assignment.job(), slot, number);
            Attempt a = runner.run(p.assignment, slot, connections.get(slot.nodeIndex()), number);
            finish(p, slot, a);
        }
    }

    private Pending take(Slot slot) {
        lock.lock();
        try {
            while (true) {
                if (cancelled != null || downNodes.contains(slot.nodeIndex())) {
                    liveSlots.remove(slot);
                    changed.signalAll();
                    return null;
                }
                long now = System.nanoTime();
                Pending p = pick(slot, now);
                if (p != null) {
                    pending.remove(p);
                    running++;
                    return p;
                }
                boolean couldGetWork = running > 0 || pending.stream().anyMatch(q -> eligible(q, slot));
                if (!couldGetWork) {
                    liveSlots.remove(slot);
                    changed.signalAll();
                    return null;
                }
                long wait = pending.stream().filter(q -> eligible(q, slot)).mapToLong(q -> q.notBefore - now)
                        .filter(w -> w > 0).min().orElse(TimeUnit.SECONDS.toNanos(1));
                changed.await(Math.min(wait, TimeUnit.SECONDS.toNanos(1)), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** Own planned job first, then a free retry, then the last queued job of the busiest other slot. */
    private Pending pick(Slot slot, long now) {
        for (Pending p : pending) {
            if (slot.equals(p.preferred) && p.notBefore <= now) {
                return p;
            }
        }
        for (Pending p : pending) {
            if (p.preferred == null && p.notBefore <= now && eligible(p, slot)) {
                return p;
            }
        }
        Map<Slot, List<Pending>> queues = new LinkedHashMap<>();
        for (Pending p : pending) {
            if (p.preferred != null && p.notBefore <= now) {
                queues.computeIfAbsent(p.preferred, k -> new ArrayList<>()).add(p);
            }
        }
        List<Pending> best = null;
        for (Map.Entry<Slot, List<Pending>> e : queues.entrySet()) {
            boolean orphan = !liveSlots.contains(e.getKey());
            int stealable = orphan ? e.getValue().size() : e.getValue().size() - 1; // leave the owner its next job
            if (stealable > 0 && (best == null || e.getValue().size() > best.size())) {
                best = e.getValue();
            }
        }
        return best == null ? null : best.getLast();
    }

    /** May {@code slot} run {@code p}? Avoided slots/nodes only when no live slot outside them remains. */
    private boolean eligible(Pending p, Slot slot) {
        if (p.preferred != null) {
            return true;
        }
        boolean avoided = p.avoidSlots.contains(slot) || p.avoidNodes.contains(slot.nodeIndex());
        if (!avoided) {
            return true;
        }
        for (Slot s : liveSlots) {
            if (!p.avoidSlots.contains(s) && !p.avoidNodes.contains(s.nodeIndex())) {
                return false;
            }
        }
        return true;
    }

    private void finish(Pending p, Slot slot, Attempt a) {
        List<Attempt> attempts = new ArrayList<>(p.attempts);
        attempts.add(a);
        boolean retry = !a.ok() && attempts.size() < maxAttempts && cancelled == null;
        String downReason = null;
        lock.lock();
        try {
            running--;
            if (!a.ok() && a.failure().nodeBound() && downNodes.add(slot.nodeIndex())) {
                downReason = a.error();
                // the node's planned jobs become orphans that other slots take
                for (Iterator<Slot> it = liveSlots.iterator(); it.hasNext(); ) {
                    if (it.next().nodeIndex() == slot.nodeIndex()) {
                        it.remove();
                    }
                }
            }
            if (retry) {
                Set<Slot> avoidSlots = new HashSet<>(p.avoidSlots);
                avoidSlots.add(slot);
                Set<Integer> avoidNodes = new HashSet<>(p.avoidNodes);
                if (a.failure().nodeBound()) {
                    avoidNodes.add(slot.nodeIndex());
                }
                long delay = backoff.toNanos() << Math.min(20, attempts.size() - 1);
                pending.add(new Pending(p.assignment, null, System.nanoTime() + delay, avoidSlots, avoidNodes, attempts));
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (downReason != null) {
            listener.nodeDown(slot.node().name(), downReason);
        }
        listener.jobFinished(p.assignment.job(), slot, a, retry);
        if (!retry) {
            done.accept(p.assignment, attempts);
        }
    }

    private static void sleep(long ms) {
        if (ms <= 0) {
            return;
        }
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
