package dev.survivor.pipeline.runrecord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.survivor.common.ExitCodes;
import dev.survivor.pipeline.ExitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run record read back for {@code pipeline replay}, validated field by field: a bad record fails with a message
 * naming the file and the field and what was expected, before anything runs.
 */
public record RecordedRun(Path file, JsonNode json, String runId, String command, List<String> argv,
                          Path workingDirectory, List<Input> inputs, Map<String, JsonNode> finalLiveValues) {

    /** One recorded input; {@code sha256} is null when the file was missing at record time. */
    public record Input(String option, String path, Path absolutePath, String sha256) {
    }

    public static RecordedRun read(Path file) {
        JsonNode root;
        try {
            root = RecordJson.MAPPER.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw bad(file, "run record not found");
        } catch (JsonProcessingException e) {
            throw bad(file, "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw bad(file, "cannot read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw bad(file, "expected a JSON object (a run record)");
        }
        JsonNode version = root.get("schema_version");
        if (version == null || !version.isInt()) {
            throw field(file, "schema_version", "an integer (" + RunRecorder.SCHEMA_VERSION + ")");
        }
        if (version.asInt() != RunRecorder.SCHEMA_VERSION) {
            throw bad(file, "field 'schema_version' is " + version.asInt() + "; this pipeline replays version "
                    + RunRecorder.SCHEMA_VERSION);
        }
        String runId = text(file, root, "run_id");
        String command = text(file, root, "command");
        JsonNode argvNode = root.get("argv");
        if (argvNode == null || !argvNode.isArray() || argvNode.isEmpty()) {
            throw field(file, "argv", "a non-empty array of strings (the command line as given)");
        }
        List<String> argv = new ArrayList<>();
        for (int i = 0; i < argvNode.size(); i++) {
            if (!argvNode.get(i).isTextual()) {
                throw field(file, "argv[" + i + "]", "a string");
            }
            argv.add(argvNode.get(i).asText());
        }
        String first = command.split(" ")[0];
        if (!argv.contains(first)) {
            throw bad(file, "field 'argv' does not contain the command '" + first + "' named by field 'command'");
        }
        Path cwd = Path.of(text(file, root, "working_directory"));
        if (!cwd.isAbsolute()) {
            throw field(file, "working_directory", "an absolute path");
        }
        List<Input> inputs = new ArrayList<>();
        JsonNode in = root.get("inputs");
        if (in == null || !in.isArray()) {
            throw field(file, "inputs", "an array of {option, path, absolute_path, size, sha256}");
        }
        for (int i = 0; i < in.size(); i++) {
            JsonNode e = in.get(i);
            String where = "inputs[" + i + "]";
            if (!e.isObject()) {
                throw field(file, where, "an object");
            }
            JsonNode sha = e.get("sha256");
            if (sha == null || !(sha.isNull() || sha.isTextual() && sha.asText().matches("[0-9a-f]{64}"))) {
                throw field(file, where + ".sha256", "64 lower-case hex digits, or null for a missing file");
            }
            Path abs = Path.of(text(file, e, "absolute_path", where + ".absolute_path"));
            inputs.add(new Input(text(file, e, "option", where + ".option"), text(file, e, "path", where + ".path"),
                    abs, sha.isNull() ? null : sha.asText()));
        }
        Map<String, JsonNode> live = new LinkedHashMap<>();
        JsonNode changes = root.get("live_changes");
        if (changes != null && !changes.isNull()) {
            if (!changes.isArray()) {
                throw field(file, "live_changes", "an array of {name, option, old, new, at}");
            }
            for (int i = 0; i < changes.size(); i++) {
                JsonNode c = changes.get(i);
                String where = "live_changes[" + i + "]";
                String option = text(file, c, "option", where + ".option");
                if (!option.startsWith("-")) {
                    throw field(file, where + ".option", "an option name such as --batch-size");
                }
                JsonNode v = c.get("new");
                if (v == null || !v.isValueNode() || v.isNull()) {
                    throw field(file, where + ".new", "the value applied (a number, string or boolean)");
                }
                live.put(option, v); // later changes win: the final value is what the run ended with
            }
        }
        return new RecordedRun(file, root, runId, command, List.copyOf(argv), cwd, List.copyOf(inputs), live);
    }

    /** Where the run wrote its record (its replay writes its own there), or null. */
    public Path recordFile() {
        JsonNode f = json.get("record_file");
        return f == null || !f.isTextual() ? null : Path.of(f.asText());
    }

    private static String text(Path file, JsonNode node, String name) {
        return text(file, node, name, name);
    }

    private static String text(Path file, JsonNode node, String name, String label) {
        JsonNode v = node.get(name);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw field(file, label, "a non-empty string");
        }
        return v.asText();
    }

    private static ExitException field(Path file, String field, String expected) {
        return bad(file, "field '" + field + "' must be " + expected);
    }

    private static ExitException bad(Path file, String message) {
        return new ExitException(ExitCodes.INVALID_INPUT, file + ": " + message);
    }
}
