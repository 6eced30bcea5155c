package dev.survivor.pipeline.runrecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.survivor.common.AtomicFiles;
import dev.survivor.hub.client.HubLink;
import dev.survivor.hub.params.ParameterSpec;
import dev.survivor.pipeline.ErrorReporting;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Records one run of a command (score, step3, step5, step6): the argv as given, every option's value in force,
 * the inputs' sha256 taken before the work starts, live parameter changes applied through the hub, versions,
 * outputs and the exit status. The record is written atomically beside the outputs and shared with the hub
 * (kind {@value #SHARE_KIND}) when one is connected. {@code pipeline replay} reads it back.
 */
public final class RunRecorder {
    public static final int SCHEMA_VERSION = 1;
    public static final String SHARE_KIND = "run_record";
    /** Set by {@code pipeline replay} for its child: {@code COMMAND:RUN_ID} of the run being replayed. */
    public static final String REPLAY_ENV = "PIPELINE_REPLAY_OF";
    /** Suffix of a record written beside a single output file. */
    public static final String SUFFIX = ".run.json";

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final CommandSpec spec;
    private final String command;
    private final Path workingDir;
    private final ObjectNode record;
    private final Instant started;
    private final long startNanos;
    private final Map<Path, ObjectNode> inputs = new LinkedHashMap<>();
    private final List<Path> outputs = new ArrayList<>();
    private final List<ObjectNode> liveChanges = new ArrayList<>();
    private final ArrayNode liveParameters;
    private final ObjectNode details;
    private volatile Path recordFile;
    private boolean finished;

    private RunRecorder(CommandSpec spec, Map<String, String> env) {
        this.spec = spec;
        this.started = Instant.now();
        this.startNanos = System.nanoTime();
        this.workingDir = Path.of("").toAbsolutePath();
        String qualified = spec.qualifiedName(" ");
        String root = spec.root().name();
        this.command = qualified.startsWith(root + " ") ? qualified.substring(root.length() + 1) : qualified;
        record = RecordJson.MAPPER.createObjectNode();
        record.put("schema_version", SCHEMA_VERSION);
        record.put("run_id", ID_TIME.format(started) + "-" + HexFormat.of().toHexDigits(
                ThreadLocalRandom.current().nextInt()));
        record.put("command", command);
        ArrayNode argv = record.putArray("argv");
        var parsed = spec.root().commandLine().getParseResult();
        if (parsed != null) {
            parsed.originalArgs().forEach(argv::add);
        }
        record.put("working_directory", workingDir.toString());
        String replayOf = replayOf(env.get(REPLAY_ENV), command);
        if (replayOf == null) {
            record.putNull("replay_of");
        } else {
            record.put("replay_of", replayOf);
        }
        record.put("started_at", started.toString());
        record.set("options", RecordJson.options(spec));
        liveParameters = record.putArray("live_parameters");
        record.putArray("live_changes");
        record.putArray("inputs");
        record.putNull("backend");
        record.set("versions", RecordJson.versions());
        details = record.putObject("details");
    }

    /** Starts recording the command that {@code spec} describes (call at the top of its {@code call()}). */
    public static RunRecorder start(CommandSpec spec) {
        return new RunRecorder(spec, System.getenv());
    }

    static RunRecorder start(CommandSpec spec, Map<String, String> env) {
        return new RunRecorder(spec, env);
    }

    /** The run id of a replay's child, when {@code value} ({@code COMMAND:RUN_ID}) names this command. */
    static String replayOf(String value, String command) {
        if (value == null) {
            return null;
        }
        int colon = value.lastIndexOf(':');
        return colon > 0 && value.substring(0, colon).equals(command) ? value.substring(colon + 1) : null;
    }

    public String runId() {
        return record.get("run_id").asText();
    }

    public Path workingDirectory() {
        return workingDir;
    }

    /** Fingerprints the files named by these Path options (absent options are skipped). Call before the work. */
    public RunRecorder inputOptions(String... optionNames) {
        for (String name : optionNames) {
            Object v = spec.findOption(name) == null ? null : spec.findOption(name).getValue();
            if (v instanceof Path p) {
                input(name, p);
            }
        }
        return this;
    }

    /** Fingerprints one input file; {@code origin} says where it came from (an option, or a file naming it). */
    public RunRecorder input(String origin, Path file) {
        ObjectNode e = RecordJson.fileEntry(file, workingDir);
        Path abs = Path.of(e.get("absolute_path").asText());
        if (!inputs.containsKey(abs)) {
            ObjectNode entry = RecordJson.MAPPER.createObjectNode();
            entry.put("option", origin);
            entry.setAll(e);
            inputs.put(abs, entry);
        }
        return this;
    }

    /** A file the run writes; fingerprinted at the end if it exists then. */
    public RunRecorder output(Path file) {
        if (file != null) {
            outputs.add(file);
        }
        return this;
    }

    /** Where the record goes (may be changed during the run, e.g. once a run directory is known). */
    public RunRecorder recordAt(Path file) {
        this.recordFile = file;
        return this;
    }

    public RunRecorder backend(String name) {
        record.put("backend", name);
        return this;
    }

    /** A command-specific fact worth keeping (run directory, counts, status). */
    public RunRecorder detail(String key, Object value) {
        details.set(key, RecordJson.toJson(value));
        return this;
    }

    /**
     * Registers a live parameter with the hub, mirroring command-line option {@code option}; every change applied
     * at a safe point is recorded with its old and new value and time. Without a hub it is listed, never changed.
     */
    public void liveParameter(HubLink link, ParameterSpec p, String option, Consumer<JsonNode> onApply) {
        AtomicReference<JsonNode> current = new AtomicReference<>(p.defaultValue());
        ObjectNode reg = liveParameters.addObject();
        reg.put("name", p.name());
        reg.put("option", option);
        reg.set("initial", p.defaultValue());
        link.registerParameter(p, v -> {
            onApply.accept(v); // may refuse by throwing: then nothing changed and nothing is recorded
            JsonNode old = current.getAndSet(v);
            ObjectNode c = RecordJson.MAPPER.createObjectNode();
            c.put("name", p.name());
            c.put("option", option);
            c.set("old", old);
            c.set("new", v);
            Instant now = Instant.now();
            c.put("at", now.toString());
            c.put("seconds_into_run", Math.round((System.nanoTime() - startNanos) / 1e6) / 1e3);
            synchronized (liveChanges) {
                liveChanges.add(c);
            }
        });
    }

    /** The body of a recorded command. */
    @FunctionalInterface
    public interface Body {
        int run() throws Exception;
    }

    /**
     * Runs {@code body} and records its outcome: its exit status, or the status its exception maps to (the
     * exception is rethrown unchanged). {@code link} may be null or unconnected.
     */
    public int run(HubLink link, Body body) throws Exception {
        int status;
        try {
            status = body.run();
        } catch (Exception | Error e) {
            finish(ErrorReporting.exitCode(e), e, link);
            throw e;
        }
        finish(status, null, link);
        return status;
    }

    /** Completes the record, writes it and shares it; a record that cannot be written only warns. */
    public synchronized ObjectNode finish(int exitStatus, Throwable error, HubLink link) {
        if (finished) {
            return record;
        }
        finished = true;
        Instant end = Instant.now();
        ArrayNode in = (ArrayNode) record.get("inputs");
        inputs.values().forEach(in::add);
        ArrayNode changes = (ArrayNode) record.get("live_changes");
        synchronized (liveChanges) {
            liveChanges.forEach(changes::add);
        }
        ArrayNode out = record.putArray("outputs");
        for (Path p : outputs) {
            ObjectNode e = RecordJson.fileEntry(p, workingDir);
            if (!e.get("size").isNull()) {
                out.add(e);
            }
        }
        record.put("finished_at", end.toString());
        record.put("duration_seconds", Math.round((System.nanoTime() - startNanos) / 1e6) / 1e3);
        record.put("exit_status", exitStatus);
        if (error == null) {
            record.putNull("error");
        } else {
            record.put("error", ErrorReporting.message(error));
        }
        PrintWriter err = spec.commandLine().getErr();
        Path target = recordFile;
        Path abs = target == null ? null : workingDir.resolve(target).toAbsolutePath().normalize();
        if (exitStatus != 0 && out.isEmpty()) {
            abs = null; // a failed run that wrote nothing leaves nothing behind (bad input); the hub still gets it
        }
        if (abs != null) {
            record.put("record_file", abs.toString());
            try {
                keepReplayedRecord(abs);
                AtomicFiles.writeString(abs, RecordJson.MAPPER.writeValueAsString(record) + "\n");
                err.println("run record: " + abs);
            } catch (IOException | RuntimeException e) {
                err.println("warning: run record not written to " + abs + ": " + ErrorReporting.message(e));
            }
        } else {
            record.putNull("record_file");
        }
        if (link != null && link.connected() && !link.share(runId(), SHARE_KIND, record)) {
            err.println("warning: run record " + runId() + " not stored on the hub");
        }
        err.flush();
        return record;
    }

    /** A replay writes where the replayed run wrote: the original record moves to {@code NAME.RUN_ID.run.json}. */
    private void keepReplayedRecord(Path target) throws IOException {
        JsonNode replayOf = record.get("replay_of");
        if (replayOf.isNull() || !Files.isRegularFile(target)) {
            return;
        }
        JsonNode old;
        try {
            old = RecordJson.MAPPER.readTree(target.toFile());
        } catch (IOException e) {
            return; // not a record we can read: it is overwritten like any stale file
        }
        if (old != null && replayOf.asText().equals(old.path("run_id").asText())) {
            String name = target.getFileName().toString();
            String stem = name.endsWith(SUFFIX) ? name.substring(0, name.length() - SUFFIX.length())
                    : name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
            AtomicFiles.move(target, target.resolveSibling(stem + "." + replayOf.asText() + SUFFIX));
        }
    }

    /** {@code DIR/NAME.run.json} for output file {@code DIR/NAME.json}. */
    public static Path besideFile(Path output) {
        String name = output.getFileName().toString();
        String stem = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return output.resolveSibling(stem + SUFFIX);
    }

    /** The record's name inside a directory of outputs (step3 run directory, step5 / step6 output dirs). */
    public static final String IN_DIRECTORY = "run_record.json";
}
