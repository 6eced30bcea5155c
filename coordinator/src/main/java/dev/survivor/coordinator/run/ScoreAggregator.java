package dev.survivor.coordinator.run;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.survivor.common.AtomicFiles;
import dev.survivor.coordinator.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Builds {@code survivors_with_scores.json} (docs/step3-features.md §9.2): every record of every job output, stable
 * sorted by top-level {@code score} descending (missing = 0, NaN last), indent 2, written atomically. Each
 * job file is sorted on its own, then the files are merged with ties broken by file order — the same order
 * as a stable sort of the concatenation, without holding all survivors in memory.
 * The worker's {@code global_*} features are kept (the reference recomputes them from the same train
 * history, which gives the same values).
 */
public final class ScoreAggregator {
    private ScoreAggregator() {
    }

    /** @return records written */
    public static long aggregate(List<Path> outputs, Path target) {
        Path tmpDir;
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            tmpDir = Files.createTempDirectory(target.toAbsolutePath().getParent(), ".aggregate");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temp dir beside " + target, e);
        }
        try {
            List<Path> sorted = new ArrayList<>();
            for (int i = 0; i < outputs.size(); i++) {
                sorted.add(sortOne(outputs.get(i), tmpDir.resolve(i + ".json")));
            }
            long[] n = {0};
            AtomicFiles.write(target, out -> n[0] = merge(sorted, out));
            return n[0];
        } finally {
            deleteTree(tmpDir);
        }
    }

    static double score(JsonNode r) {
        JsonNode s = r.get("score");
        if (s == null || !s.isNumber()) {
            return 0.0;
        }
        double d = s.doubleValue();
        return Double.isNaN(d) ? Double.NEGATIVE_INFINITY : d;
    }

    private static Path sortOne(Path in, Path out) {
        try {
            JsonNode root = Json.MAPPER.readTree(in.toFile());
            if (!(root instanceof ArrayNode arr)) {
                throw new IllegalStateException(in + ": not a JSON array");
            }
            List<JsonNode> recs = new ArrayList<>(arr.size());
            arr.forEach(recs::add);
            recs.sort(Comparator.comparingDouble(ScoreAggregator::score).reversed()); // List.sort is stable
            try (JsonGenerator g = Json.MAPPER.createGenerator(out.toFile(), com.fasterxml.jackson.core.JsonEncoding.UTF8)) {
                g.writeStartArray();
                for (JsonNode r : recs) {
                    g.writeTree(r);
                }
                g.writeEndArray();
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read job output " + in + ": " + e.getMessage(), e);
        }
    }

    /** One open sorted file with its next record. */
    private static final class Cursor {
        final int file;
        final JsonParser parser;
        JsonNode head;

        Cursor(int file, JsonParser parser) {
            this.file = file;
            this.parser = parser;
        }

        boolean advance() throws IOException {
            JsonToken t = parser.nextToken();
            head = t == JsonToken.START_OBJECT ? parser.readValueAsTree() : null;
            return head != null;
        }
    }

    private static long merge(List<Path> files, java.io.OutputStream out) throws IOException {
        PriorityQueue<Cursor> q = new PriorityQueue<>(Comparator.<Cursor>comparingDouble(c -> -score(c.head))
                .thenComparingInt(c -> c.file));
        List<Cursor> all = new ArrayList<>();
        long n = 0;
        try (JsonGenerator g = Json.MAPPER.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            for (int i = 0; i < files.size(); i++) {
                JsonParser p = Json.MAPPER.createParser(files.get(i).toFile());
                Cursor c = new Cursor(i, p);
                all.add(c);
                p.nextToken(); // [
                if (c.advance()) {
                    q.add(c);
                }
            }
            g.writeStartArray();
            while (!q.isEmpty()) {
                Cursor c = q.poll();
                g.writeTree(c.head);
                n++;
                if (c.advance()) {
                    q.add(c);
                }
            }
            g.writeEndArray();
            g.writeRaw('\n');
        } finally {
            for (Cursor c : all) {
                c.parser.close();
            }
        }
        return n;
    }

    private static void deleteTree(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temp files only
        }
    }
}
