package dev.survivor.hub.wrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.survivor.common.ProcessTree;
import dev.survivor.hub.client.HubClient;
import dev.survivor.hub.params.ParameterSpec;
import dev.survivor.hub.protocol.Message;
import dev.survivor.hub.protocol.MessageCodec;
import dev.survivor.hub.supervise.BoundedLog;
import dev.survivor.hub.supervise.RestartPolicy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs an unmodified program as a hub client ({@code pipeline hub wrap}) and supervises it.
 *
 * <ul>
 *   <li>Its options (from {@code --help}, else from the given arguments) are hub parameters. An operator's change
 *       is validated and acknowledged at once with the note "{@value #APPLIES_NOTE}"; the running process is not
 *       touched, the next start uses it.</li>
 *   <li>An output line that is a JSON object updates variables of the same names (names the wrapper itself uses
 *       get the prefix {@code out_}); one with a {@code result} field, or {@code "final": true}, is also shared
 *       as kind {@value #RESULT_KIND}. Other lines go to a bounded log, published as variable {@code log}.</li>
 *   <li>Variables {@code state} (running, restarting, stopped, exited), {@code pid}, {@code exit_code},
 *       {@code last_exit}, {@code restarts}, {@code started_at}, {@code command}, {@code pending_restart}.</li>
 *   <li>The hub's {@code stop} stops the process tree (SIGTERM, SIGKILL after the grace period) and ends the
 *       wrapper; the hub's {@code execute} restarts the program with the parameters now in force.</li>
 *   <li>Restart policy: after a failure (non-zero exit or a signal) the program is started again per
 *       {@link RestartPolicy}; each restart is recorded on the hub ({@code record_restart}).</li>
 * </ul>
 */
public final class Wrapper {
    private static final Logger LOG = Logger.getLogger(Wrapper.class.getName());
    public static final String APPLIES_NOTE = "pending: applies at next start";
    public static final String RESULT_KIND = "wrapped_result";
    private static final Set<String> OWN = Set.of("state", "pid", "exit_code", "last_exit", "restarts",
            "started_at", "command", "pending_restart", "log", "restart_policy");

    private final HubClient hub;
    private final WrappedCommand command;
    private final RestartPolicy policy;
    private final Duration grace;
    private final PrintStream echo;
    private final BoundedLog log;
    private final BlockingQueue<String> controls = new LinkedBlockingQueue<>();
    private volatile Process process;
    private volatile Thread reader;
    private volatile boolean finished;
    private int restarts;
    private boolean pendingRestart;

    /** {@code echo} receives the program's output as well (null: no echo). */
    public Wrapper(HubClient hub, WrappedCommand command, RestartPolicy policy, Duration grace, int logLines,
                   PrintStream echo) {
        this.hub = hub;
        this.command = command;
        this.policy = policy;
        this.grace = grace;
        this.echo = echo;
        this.log = new BoundedLog(logLines, 500);
    }

    /** Runs {@code command --help} (stdout and stderr, at most {@code timeout}) and parses the options. */
    public static List<WrappedOption> discover(List<String> command, Duration timeout) {
        List<String> help = new ArrayList<>(command);
        help.add("--help");
        try {
            Process p = new ProcessBuilder(help).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
            p.getOutputStream().close();
            byte[][] out = new byte[1][];
            Thread reader = Thread.ofVirtual().start(() -> {
                try {
                    out[0] = p.getInputStream().readNBytes(1 << 20);
                } catch (IOException e) {
                    out[0] = new byte[0];
                }
            });
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                ProcessTree.stop(p, Duration.ofSeconds(1));
            }
            reader.join(timeout.toMillis());
            return out[0] == null ? List.of() : HelpParser.parse(new String(out[0], StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot run " + help + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /** Registers the parameters and variables; call once before {@link #run()}. */
    public void register() throws IOException {
        for (ParameterSpec helpSpec : command.specs()) {
            // registered with the value in force as its default, so the hub shows what the program runs with
            ParameterSpec spec = new ParameterSpec(helpSpec.name(), helpSpec.type(), command.value(helpSpec.name()),
                    helpSpec.min(), helpSpec.max(), helpSpec.choices(), helpSpec.description()
                    + " (program default: " + helpSpec.defaultValue() + ")");
            hub.registerParameter(spec, v -> {
                try {
                    command.set(spec.name(), v);
                } catch (ParameterSpec.InvalidValueException e) {
                    throw new IllegalArgumentException(e.getMessage(), e);
                }
                synchronized (this) {
                    pendingRestart = true;
                }
            }, APPLIES_NOTE);
        }
        ObjectNode v = MessageCodec.JSON.createObjectNode().put("state", "starting").put("restarts", 0)
                .put("pending_restart", false);
        v.set("restart_policy", policy.toJson());
        hub.updateVariables(v);
        hub.onMessage(m -> {
            if (m instanceof Message.Response r && r.requestId() != null && r.requestId().startsWith("hub-")
                    && ("stop".equals(r.command()) || "restart".equals(r.command()))) {
                controls.add(r.command());
            }
        });
    }

    /** Supervises the program until it ends for good; returns its last exit status (0 after an operator stop). */
    public int run() throws IOException, InterruptedException {
        Thread publisher = Thread.ofVirtual().name("wrap-log").start(this::publishLogLoop);
        try {
            while (true) {
                Process p = start();
                String action = waitForExitOrControl(p);
                if (action != null) {
                    ProcessTree.stop(p, grace);
                    reader.join(2000);
                    int code = p.exitValue();
                    publishExit(p, code, action.equals("stop") ? "stopped" : "restarting", "stopped by operator");
                    if (action.equals("stop")) {
                        return 0;
                    }
                    log.add("--- restart requested by operator ---");
                    continue;
                }
                int code = p.exitValue();
                String reason = ProcessTree.describe(code);
                boolean failed = code != 0;
                if (!policy.restarts(failed, restarts)) {
                    publishExit(p, code, "exited", reason);
                    return code;
                }
                int attempt = restarts + 1;
                Duration delay = policy.delay(attempt);
                log.add("--- " + reason + "; restart " + attempt + "/" + policy.maxRestarts() + " in "
                        + delay.toMillis() + " ms ---");
                publishExit(p, code, "restarting", reason);
                recordRestart(p, attempt, reason, code, delay);
                String during = controls.poll(delay.toMillis(), TimeUnit.MILLISECONDS);
                restarts = attempt;
                if ("stop".equals(during)) {
                    publishExit(p, code, "stopped", "stopped by operator");
                    return 0;
                }
            }
        } finally {
            finished = true;
            publisher.interrupt();
            publisher.join(2000);
            publishLog();
        }
    }

    /** Stops the program's process tree (wrapper shutdown, e.g. SIGTERM to the wrapper). */
    public void shutdown() {
        Process p = process;
        if (p != null && p.isAlive()) {
            controls.add("stop");
            ProcessTree.stop(p, grace);
        }
    }

    public Process process() {
        return process;
    }

    private Process start() throws IOException {
        List<String> cmd = command.commandLine();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        process = p;
        synchronized (this) {
            pendingRestart = false;
        }
        log.add("--- started pid " + p.pid() + ": " + String.join(" ", cmd) + " ---");
        ObjectNode v = MessageCodec.JSON.createObjectNode().put("state", "running").put("pid", p.pid())
                .put("restarts", restarts).put("started_at", Instant.now().toString()).put("pending_restart", false)
                .putNull("exit_code");
        ArrayNode c = v.putArray("command");
        cmd.forEach(c::add);
        send(v);
        reader = Thread.ofVirtual().name("wrap-out-" + p.pid()).start(() -> readOutput(p));
        return p;
    }

    /** Returns "stop"/"restart" when the operator asked for it, null when the process exited by itself. */
    private String waitForExitOrControl(Process p) throws InterruptedException {
        Set<ProcessHandle> seen = new java.util.HashSet<>();
        while (true) {
            p.descendants().forEach(seen::add);
            String action = controls.poll(100, TimeUnit.MILLISECONDS);
            if (action != null) {
                return action;
            }
            applyParameterChanges();
            if (!p.isAlive()) {
                p.waitFor();
                killOrphans(seen);
                reader.join(2000);  // the last lines, unless a leftover process still holds the pipe
                return null;
            }
        }
    }

    /**
     * A program that died (e.g. SIGKILL) leaves its children re-parented to init; those seen while it ran are
     * stopped too, so a restart does not run beside leftovers. ProcessHandle checks the start time, so a reused
     * PID is not hit.
     */
    private void killOrphans(Set<ProcessHandle> seen) throws InterruptedException {
        List<ProcessHandle> left = seen.stream().filter(ProcessHandle::isAlive).toList();
        if (left.isEmpty()) {
            return;
        }
        left.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        while (left.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        left.forEach(ProcessHandle::destroyForcibly);
        log.add("--- stopped " + left.size() + " leftover process(es) of pid " + process.pid() + " ---");
    }

    private void applyParameterChanges() {
        try {
            if (hub.applyPendingParameters() > 0) {
                ObjectNode v = MessageCodec.JSON.createObjectNode().put("pending_restart", true);
                ArrayNode c = v.putArray("next_command");
                command.commandLine().forEach(c::add);
                send(v);
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "could not acknowledge parameter changes", e);
        }
    }

    private void readOutput(Process p) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (echo != null) {
                    echo.println(line);
                }
                ObjectNode obj = jsonObject(line);
                if (obj == null) {
                    log.add(line);
                } else {
                    publishJson(p, obj);
                }
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }

    private static ObjectNode jsonObject(String line) {
        String t = line.strip();
        if (!t.startsWith("{") || !t.endsWith("}")) {
            return null;
        }
        try {
            JsonNode n = MessageCodec.JSON.readTree(t);
            return n instanceof ObjectNode o ? o : null;
        } catch (IOException e) {
            return null;
        }
    }

    private void publishJson(Process p, ObjectNode obj) {
        ObjectNode vars = MessageCodec.JSON.createObjectNode();
        obj.properties().forEach(e -> vars.set(OWN.contains(e.getKey()) ? "out_" + e.getKey() : e.getKey(),
                e.getValue()));
        send(vars);
        if (obj.has("result") || obj.path("final").asBoolean(false)) {
            ObjectNode payload = MessageCodec.JSON.createObjectNode().put("script", hub.clientId())
                    .put("pid", p.pid()).put("restarts", restarts);
            payload.set("output", obj);
            try {
                hub.share(UUID.randomUUID().toString(), RESULT_KIND, payload);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "could not share a result line: " + e.getMessage());
            }
        }
    }

    private void publishExit(Process p, int code, String state, String reason) {
        ObjectNode v = MessageCodec.JSON.createObjectNode().put("state", state).put("pid", p.pid())
                .put("exit_code", code).put("last_exit", reason).put("restarts", restarts);
        send(v);
        publishLog();
    }

    private void recordRestart(Process p, int attempt, String reason, int code, Duration delay) {
        ObjectNode a = MessageCodec.JSON.createObjectNode().put("attempt", attempt)
                .put("max_restarts", policy.maxRestarts()).put("reason", reason).put("exit_code", code)
                .put("old_pid", p.pid()).put("delay_ms", delay.toMillis());
        try {
            hub.command("record_restart", a);
            send(MessageCodec.JSON.createObjectNode().put("restarts", attempt));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not record restart " + attempt + " on the hub: " + e.getMessage());
        }
    }

    private long published = -1;

    private synchronized void publishLog() {
        long v = log.version();
        if (v != published) {
            published = v;
            send(MessageCodec.JSON.createObjectNode().set("log", log.toJson()));
        }
    }

    private void publishLogLoop() {
        while (!finished) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
            publishLog();
        }
    }

    private void send(ObjectNode v) {
        try {
            hub.updateVariables(v);
        } catch (IOException e) {
            LOG.log(Level.FINE, "hub update failed", e);
        }
    }
}
