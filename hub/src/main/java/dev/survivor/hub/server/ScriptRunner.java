package dev.survivor.hub.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.survivor.common.ProcessTree;
import dev.survivor.hub.protocol.ErrorCode;
import dev.survivor.hub.protocol.MessageCodec;
import dev.survivor.hub.protocol.ProtocolException;
import dev.survivor.hub.supervise.BoundedLog;
import dev.survivor.hub.supervise.RestartPolicy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * Starts, stops and supervises the pipeline commands an operator may run on the hub host. Only commands named in
 * the scripts file can run (never an arbitrary command line), one instance per name; the PID, exit status, restart
 * count and the last {@value #LOG_LINES} output lines are kept.
 *
 * <p>Scripts file: {@code {"scripts": {"NAME": {"command": ["prog", "arg"], "description": "...",
 * "workdir": "dir", "env": {"K": "V"}, "restart": {"policy": "on-failure", "max_restarts": 3,
 * "backoff_ms": 1000}}}}}. Arguments given to {@code execute} are appended to the command; a {@code restart}
 * object given to {@code execute} replaces the file's policy for that run.
 *
 * <p>Supervision: a run that ends with a non-zero status or a signal, or whose hub client (tied to it by
 * {@value #ENV_SCRIPT} in its environment) misses heartbeats, is restarted per its {@link RestartPolicy}; an
 * operator's {@code stop} is never followed by a restart. Each restart is reported to the event sink.
 */
public final class ScriptRunner {
    static final int LOG_LINES = 200;
    static final int LINE_CHARS = 4000;
    /** Set in every child's environment; {@code HubClient} announces it as capability {@code script:NAME}. */
    public static final String ENV_SCRIPT = "PIPELINE_HUB_SCRIPT";

    public record ScriptDef(String name, List<String> command, String description, Path workdir,
                            Map<String, String> env, RestartPolicy restart) { }

    /** One supervised execution of a script: the current process and what the earlier ones left behind. */
    private static final class Run {
        final ScriptDef def;
        final List<String> command;
        final RestartPolicy policy;
        final BoundedLog log = new BoundedLog(LOG_LINES, LINE_CHARS);
        volatile Process process;
        volatile Instant startedAt;
        volatile String stoppedBy;
        volatile String killReason;
        volatile boolean restartPending;
        volatile int restarts;
        volatile String lastExit;
        volatile boolean gaveUp;

        Run(ScriptDef def, List<String> command, RestartPolicy policy) {
            this.def = def;
            this.command = command;
            this.policy = policy;
        }

        boolean alive() {
            return process != null && process.isAlive();
        }
    }

    private final Path file;
    private final Duration stopGrace;
    private final Map<String, String> hubEnv;
    private volatile Map<String, ScriptDef> defs = Map.of();
    private final Map<String, Run> runs = new TreeMap<>();
    private volatile BiConsumer<String, ObjectNode> events = (k, d) -> { };

    /** {@code hubEnv} is added to every child's environment (e.g. PIPELINE_HUB so it can connect back). */
    public ScriptRunner(Path file, Duration stopGrace, Map<String, String> hubEnv) throws IOException {
        this.file = file;
        this.stopGrace = stopGrace;
        this.hubEnv = Map.copyOf(hubEnv);
        if (file != null) {
            defs = load(file);
        }
    }

    /** Receives (kind, detail) for restarts and give-ups, so the hub can record them. */
    void events(BiConsumer<String, ObjectNode> sink) {
        this.events = sink;
    }

    static Map<String, ScriptDef> load(Path file) throws IOException {
        JsonNode root;
        try {
            root = MessageCodec.JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not valid JSON: " + e.getMessage(), e);
        }
        JsonNode scripts = root == null ? null : root.get("scripts");
        if (scripts == null || !scripts.isObject()) {
            throw new IOException(file + ": expected {\"scripts\": {NAME: {\"command\": [...]}}}");
        }
        Map<String, ScriptDef> out = new LinkedHashMap<>();
        for (var e : scripts.properties()) {
            JsonNode cmd = e.getValue().get("command");
            if (cmd == null || !cmd.isArray() || cmd.isEmpty()) {
                throw new IOException(file + ": scripts." + e.getKey() + ".command must be a non-empty array");
            }
            List<String> command = new ArrayList<>();
            cmd.forEach(c -> command.add(c.asText()));
            Map<String, String> env = new TreeMap<>();
            e.getValue().path("env").properties().forEach(kv -> env.put(kv.getKey(), kv.getValue().asText()));
            String wd = e.getValue().path("workdir").asText(null);
            RestartPolicy policy;
            try {
                policy = RestartPolicy.fromJson(e.getValue().get("restart"), "scripts." + e.getKey() + ".restart");
            } catch (IllegalArgumentException x) {
                throw new IOException(file + ": " + x.getMessage(), x);
            }
            out.put(e.getKey(), new ScriptDef(e.getKey(), command, e.getValue().path("description").asText(""),
                    wd == null ? null : file.toAbsolutePath().getParent().resolve(wd), env, policy));
        }
        return out;
    }

    public ArrayNode names() {
        ArrayNode a = MessageCodec.JSON.createArrayNode();
        defs.keySet().forEach(a::add);
        return a;
    }

    public boolean knows(String name) {
        return defs.containsKey(name);
    }

    /** Re-reads the scripts file and returns the names now known. */
    public JsonNode scan() throws ProtocolException {
        if (file == null) {
            throw new ProtocolException(ErrorCode.COMMAND_FAILED, "the hub was started without a scripts file");
        }
        try {
            defs = load(file);
        } catch (IOException e) {
            throw new ProtocolException(ErrorCode.COMMAND_FAILED, e.getMessage());
        }
        return names();
    }

    public synchronized ArrayNode info() {
        ArrayNode a = MessageCodec.JSON.createArrayNode();
        for (ScriptDef d : defs.values()) {
            ObjectNode o = a.addObject().put("name", d.name()).put("description", d.description());
            ArrayNode c = o.putArray("command");
            d.command().forEach(c::add);
            o.set("restart_policy", d.restart().toJson());
            Run r = runs.get(d.name());
            if (r != null && r.process != null) {
                Process p = r.process;
                boolean alive = p.isAlive();
                ObjectNode run = o.putObject("run").put("pid", p.pid())
                        .put("started_at", r.startedAt.toString()).put("alive", alive);
                if (!alive) {
                    run.put("exit_code", p.exitValue());
                }
                run.put("state", alive ? "running" : r.restartPending ? "restarting"
                                : r.stoppedBy != null ? "stopped" : "exited")
                        .put("stopped_by", r.stoppedBy).put("restarts", r.restarts).put("last_exit", r.lastExit)
                        .put("gave_up", r.gaveUp);
                run.set("restart_policy", r.policy.toJson());
                run.set("log", r.log.toJson());
            }
        }
        return a;
    }

    public synchronized JsonNode execute(String name, JsonNode extraArgs) throws ProtocolException {
        return execute(name, extraArgs, null);
    }

    /** Starts {@code name}; {@code restart} (may be null) overrides the scripts file's policy for this run. */
    public synchronized JsonNode execute(String name, JsonNode extraArgs, JsonNode restart)
            throws ProtocolException {
        ScriptDef d = defs.get(name);
        if (d == null) {
            throw new ProtocolException(ErrorCode.UNKNOWN_SCRIPT, "no script '" + name + "'; known: " + defs.keySet());
        }
        Run old = runs.get(name);
        if (old != null && (old.alive() || old.restartPending)) {
            throw new ProtocolException(ErrorCode.COMMAND_FAILED, "script '" + name + "' is already running (pid "
                    + old.process.pid() + (old.restartPending ? ", restart pending" : "") + ")");
        }
        RestartPolicy policy;
        try {
            policy = restart == null || restart.isNull() || restart.isMissingNode() ? d.restart()
                    : RestartPolicy.fromJson(restart, "execute.restart");
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, e.getMessage());
        }
        List<String> cmd = new ArrayList<>(d.command());
        if (extraArgs != null && extraArgs.isArray()) {
            extraArgs.forEach(x -> cmd.add(x.asText()));
        }
        Run run = new Run(d, List.copyOf(cmd), policy);
        try {
            start(run);
        } catch (IOException e) {
            throw new ProtocolException(ErrorCode.COMMAND_FAILED, "cannot start '" + name + "': " + e.getMessage());
        }
        runs.put(name, run);
        return MessageCodec.JSON.createObjectNode().put("script", name).put("pid", run.process.pid())
                .put("started_at", run.startedAt.toString()).set("restart_policy", policy.toJson());
    }

    private void start(Run run) throws IOException {
        ScriptDef d = run.def;
        ProcessBuilder pb = new ProcessBuilder(run.command).redirectErrorStream(true);
        if (d.workdir() != null) {
            pb.directory(d.workdir().toFile());
        }
        pb.environment().putAll(hubEnv);
        pb.environment().putAll(d.env());
        pb.environment().put(ENV_SCRIPT, d.name());
        Process p = pb.start();
        run.killReason = null;
        run.startedAt = Instant.now();
        run.process = p;
        Thread.ofVirtual().name("script-" + d.name()).start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    run.log.add(line);
                }
            } catch (IOException ignored) {
                // the process ended; its exit code tells the story
            }
        });
        p.onExit().thenRun(() -> Thread.ofVirtual().name("script-exit-" + d.name()).start(() -> ended(run, p)));
    }

    /** A process of {@code run} ended: restart it per policy unless an operator stopped it. */
    private void ended(Run run, Process p) {
        int code = p.exitValue();
        String reason = run.killReason != null ? run.killReason : ProcessTree.describe(code);
        boolean failed = run.killReason != null || code != 0;
        int attempt;
        Duration delay;
        synchronized (this) {
            run.lastExit = reason;
            if (runs.get(run.def.name()) != run || run.process != p || run.stoppedBy != null) {
                return;
            }
            if (!run.policy.restarts(failed, run.restarts)) {
                if (failed && run.policy.mode() != RestartPolicy.Mode.NEVER) {
                    run.gaveUp = true;
                    events.accept("restart_gave_up", detail(run, reason, code, run.restarts));
                }
                return;
            }
            attempt = run.restarts + 1;
            delay = run.policy.delay(attempt);
            run.restartPending = true;
        }
        run.log.add("--- " + reason + "; restart " + attempt + "/" + run.policy.maxRestarts() + " in "
                + delay.toMillis() + " ms ---");
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            return;
        }
        synchronized (this) {
            run.restartPending = false;
            if (runs.get(run.def.name()) != run || run.stoppedBy != null) {
                return;
            }
            run.restarts = attempt;
            ObjectNode detail = detail(run, reason, code, attempt).put("old_pid", p.pid())
                    .put("delay_ms", delay.toMillis());
            try {
                start(run);
                detail.put("pid", run.process.pid());
            } catch (IOException e) {
                run.gaveUp = true;
                detail.put("error", "cannot start: " + e.getMessage());
            }
            events.accept("restart", detail);
        }
    }

    private static ObjectNode detail(Run run, String reason, int code, int attempt) {
        return MessageCodec.JSON.createObjectNode().put("script", run.def.name()).put("source", "execute")
                .put("attempt", attempt).put("max_restarts", run.policy.maxRestarts()).put("reason", reason)
                .put("exit_code", code);
    }

    /**
     * The hub client tied to {@code name} missed its heartbeats: kill the process tree (SIGTERM, SIGKILL after
     * the grace period) and let the exit handler restart it per policy, with reason {@code heartbeat}.
     */
    public void heartbeatLost(String name) {
        Run run;
        synchronized (this) {
            run = runs.get(name);
        }
        if (run == null || !run.alive() || run.stoppedBy != null) {
            return;
        }
        Process p = run.process;
        run.killReason = "heartbeat";
        run.log.add("--- missed heartbeats; killing pid " + p.pid() + " ---");
        Thread.ofVirtual().name("script-hb-kill-" + name).start(() -> ProcessTree.stop(p, stopGrace));
    }

    /** SIGTERM to the process and its descendants, then SIGKILL after the grace period; no restart follows. */
    public JsonNode stop(String name) throws ProtocolException {
        Run run;
        synchronized (this) {
            run = runs.get(name);
            if (run == null || (!run.alive() && !run.restartPending)) {
                throw new ProtocolException(ErrorCode.COMMAND_FAILED, "script '" + name + "' is not running");
            }
            run.stoppedBy = "operator";
        }
        Process p = run.process;
        boolean forced = ProcessTree.stop(p, stopGrace);
        ObjectNode o = MessageCodec.JSON.createObjectNode().put("script", name).put("pid", p.pid())
                .put("forced", forced).put("alive", p.isAlive()).put("restarts", run.restarts);
        if (!p.isAlive()) {
            o.put("exit_code", p.exitValue());
        }
        return o;
    }

    /** Stops everything still running (hub shutdown). */
    public void stopAll() {
        List<String> alive;
        synchronized (this) {
            alive = runs.entrySet().stream().filter(e -> e.getValue().alive() || e.getValue().restartPending)
                    .map(Map.Entry::getKey).toList();
        }
        for (String n : alive) {
            try {
                stop(n);
            } catch (ProtocolException ignored) {
                // exited meanwhile
            }
        }
    }
}
