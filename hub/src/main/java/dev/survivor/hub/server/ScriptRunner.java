package dev.survivor.hub.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.survivor.hub.protocol.ErrorCode;
import dev.survivor.hub.protocol.MessageCodec;
import dev.survivor.hub.protocol.ProtocolException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Starts and stops the pipeline commands an operator may run on the hub host. Only commands named in the scripts
 * file can run (never an arbitrary command line), one instance per name; the PID, exit status and the last
 * {@value #LOG_LINES} output lines are kept.
 *
 * <p>Scripts file: {@code {"scripts": {"NAME": {"command": ["prog", "arg"], "description": "...",
 * "workdir": "dir", "env": {"K": "V"}}}}}. Arguments given to {@code execute} are appended to the command.
 */
public final class ScriptRunner {
    static final int LOG_LINES = 200;

    public record ScriptDef(String name, List<String> command, String description, Path workdir,
                            Map<String, String> env) { }

    private static final class Run {
        final Process process;
        final Instant startedAt = Instant.now();
        final Deque<String> log = new ArrayDeque<>();
        volatile String stoppedBy;

        Run(Process process) {
            this.process = process;
        }

        synchronized void line(String l) {
            if (log.size() == LOG_LINES) {
                log.removeFirst();
            }
            log.addLast(l);
        }

        synchronized List<String> tail() {
            return new ArrayList<>(log);
        }
    }

    private final Path file;
    private final Duration stopGrace;
    private final Map<String, String> hubEnv;
    private volatile Map<String, ScriptDef> defs = Map.of();
    private final Map<String, Run> runs = new TreeMap<>();

    /** {@code hubEnv} is added to every child's environment (e.g. PIPELINE_HUB so it can connect back). */
    public ScriptRunner(Path file, Duration stopGrace, Map<String, String> hubEnv) throws IOException {
        this.file = file;
        this.stopGrace = stopGrace;
        this.hubEnv = Map.copyOf(hubEnv);
        if (file != null) {
            defs = load(file);
        }
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
            out.put(e.getKey(), new ScriptDef(e.getKey(), command, e.getValue().path("description").asText(""),
                    wd == null ? null : file.toAbsolutePath().getParent().resolve(wd), env));
        }
        return out;
    }

    public ArrayNode names() {
        ArrayNode a = MessageCodec.JSON.createArrayNode();
        defs.keySet().forEach(a::add);
        return a;
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
            Run r = runs.get(d.name());
            if (r != null) {
                ObjectNode run = o.putObject("run").put("pid", r.process.pid())
                        .put("started_at", r.startedAt.toString()).put("alive", r.process.isAlive());
                if (!r.process.isAlive()) {
                    run.put("exit_code", r.process.exitValue());
                }
                run.put("stopped_by", r.stoppedBy);
                ArrayNode log = run.putArray("log");
                r.tail().forEach(log::add);
            }
        }
        return a;
    }

    public synchronized JsonNode execute(String name, JsonNode extraArgs) throws ProtocolException {
        ScriptDef d = defs.get(name);
        if (d == null) {
            throw new ProtocolException(ErrorCode.UNKNOWN_SCRIPT, "no script '" + name + "'; known: " + defs.keySet());
        }
        Run old = runs.get(name);
        if (old != null && old.process.isAlive()) {
            throw new ProtocolException(ErrorCode.COMMAND_FAILED,
                    "script '" + name + "' is already running (pid " + old.process.pid() + ")");
        }
        List<String> cmd = new ArrayList<>(d.command());
        if (extraArgs != null && extraArgs.isArray()) {
            extraArgs.forEach(x -> cmd.add(x.asText()));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (d.workdir() != null) {
            pb.directory(d.workdir().toFile());
        }
        pb.environment().putAll(hubEnv);
        pb.environment().putAll(d.env());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new ProtocolException(ErrorCode.COMMAND_FAILED, "cannot start '" + name + "': " + e.getMessage());
        }
        Run run = new Run(p);
        runs.put(name, run);
        Thread.ofVirtual().name("script-" + name).start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    run.line(line.length() > 4000 ? line.substring(0, 4000) + "…" : line);
                }
            } catch (IOException ignored) {
                // the process ended; its exit code tells the story
            }
        });
        return MessageCodec.JSON.createObjectNode().put("script", name).put("pid", p.pid())
                .put("started_at", run.startedAt.toString());
    }

    /** SIGTERM to the process and its descendants, then SIGKILL after the grace period. */
    public JsonNode stop(String name) throws ProtocolException {
        Run run;
        synchronized (this) {
            run = runs.get(name);
        }
        if (run == null || !run.process.isAlive()) {
            throw new ProtocolException(ErrorCode.COMMAND_FAILED, "script '" + name + "' is not running");
        }
        run.stoppedBy = "operator";
        List<ProcessHandle> tree = new ArrayList<>(run.process.descendants().toList());
        run.process.destroy();
        tree.forEach(ProcessHandle::destroy);
        boolean exited;
        try {
            exited = run.process.waitFor(stopGrace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exited = false;
        }
        if (!exited) {
            run.process.destroyForcibly();
            tree.forEach(ProcessHandle::destroyForcibly);
        }
        try {
            run.process.waitFor(stopGrace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ObjectNode o = MessageCodec.JSON.createObjectNode().put("script", name).put("pid", run.process.pid())
                .put("forced", !exited).put("alive", run.process.isAlive());
        if (!run.process.isAlive()) {
            o.put("exit_code", run.process.exitValue());
        }
        return o;
    }

    /** Stops everything still running (hub shutdown). */
    public void stopAll() {
        List<String> alive;
        synchronized (this) {
            alive = runs.entrySet().stream().filter(e -> e.getValue().process.isAlive()).map(Map.Entry::getKey)
                    .toList();
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
