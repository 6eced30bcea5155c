package dev.survivor.coordinator.jobs;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.survivor.common.AtomicFiles;
import dev.survivor.coordinator.io.Json;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads and writes a jobs file (docs/coordinator.md §1.1): a JSON array of job objects; other keys are ignored. */
public final class JobsFile {
    private JobsFile() {
    }

    public static List<ScriptJob> read(Path file) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new JobsFileException(file + ": not valid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            if (e instanceof NoSuchFileException || !file.toFile().exists()) {
                throw new JobsFileException(file + ": jobs file not found");
            }
            throw new JobsFileException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new JobsFileException(file + ": expected a JSON array of jobs at the top level");
        }
        if (root.isEmpty()) {
            throw new JobsFileException(file + ": the jobs array is empty");
        }
        List<ScriptJob> jobs = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < root.size(); i++) {
            ScriptJob j = job(file, i, root.get(i));
            if (!ids.add(j.jobId())) {
                throw new JobsFileException(file + ": job [" + i + "] job_id \"" + j.jobId() + "\" is used twice");
            }
            jobs.add(j);
        }
        return jobs;
    }

    private static ScriptJob job(Path file, int i, JsonNode n) {
        String at = file + ": job [" + i + "]";
        if (!n.isObject()) {
            throw new JobsFileException(at + ": expected an object, found " + n.getNodeType().name().toLowerCase());
        }
        String id = text(n, "job_id", at, true);
        at = at + " (" + id + ")";
        if (!id.matches("[A-Za-z0-9._-]+")) {
            throw new JobsFileException(at + ": job_id may only contain letters, digits, '.', '_' and '-'");
        }
        String script = text(n, "script", at, true);
        String out = text(n, "expected_output", at, true);
        List<String> args = new ArrayList<>();
        JsonNode a = n.get("args");
        if (a != null && !a.isNull()) {
            if (!a.isArray()) {
                throw new JobsFileException(at + ": args: expected an array of strings");
            }
            for (int k = 0; k < a.size(); k++) {
                JsonNode v = a.get(k);
                if (!v.isTextual() && !v.isNumber()) {
                    throw new JobsFileException(at + ": args[" + k + "]: expected a string, found " + v);
                }
                args.add(v.asText());
            }
        }
        int timeout = integer(n, "timeout", at, ScriptJob.DEFAULT_TIMEOUT);
        Integer seeds = n.hasNonNull("seed_count") ? integer(n, "seed_count", at, 0) : null;
        String chunk = text(n, "chunk_file", at, false);
        return new ScriptJob(id, script, args, out, timeout, chunk, seeds);
    }

    private static String text(JsonNode n, String key, String at, boolean required) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            if (required) {
                throw new JobsFileException(at + ": required field '" + key + "' is missing");
            }
            return null;
        }
        if (!v.isTextual() || v.textValue().isBlank()) {
            throw new JobsFileException(at + ": field '" + key + "': expected a non-empty string, found " + v);
        }
        return v.textValue();
    }

    private static int integer(JsonNode n, String key, String at, int dflt) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < (key.equals("timeout") ? 1 : 0)) {
            throw new JobsFileException(at + ": field '" + key + "': expected a " + (key.equals("timeout")
                    ? "positive" : "non-negative") + " integer, found " + v);
        }
        return v.intValue();
    }

    /** Writes jobs with indent 2, atomically (reference field order). */
    public static void write(Path file, List<ScriptJob> jobs) {
        AtomicFiles.write(file, out -> {
            try (JsonGenerator g = Json.MAPPER.createGenerator(out)) {
                g.useDefaultPrettyPrinter();
                g.writeStartArray();
                for (ScriptJob j : jobs) {
                    g.writeStartObject();
                    g.writeStringField("job_id", j.jobId());
                    g.writeStringField("script", j.script());
                    g.writeArrayFieldStart("args");
                    for (String s : j.args()) {
                        g.writeString(s);
                    }
                    g.writeEndArray();
                    if (j.chunkFile() != null) {
                        g.writeStringField("chunk_file", j.chunkFile());
                    }
                    if (j.seedCount() != null) {
                        g.writeNumberField("seed_count", j.seedCount());
                    }
                    g.writeStringField("expected_output", j.expectedOutput());
                    g.writeNumberField("timeout", j.timeoutSeconds());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeRaw('\n');
            }
        });
    }
}
