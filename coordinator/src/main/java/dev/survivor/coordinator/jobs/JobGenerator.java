package dev.survivor.coordinator.jobs;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.survivor.common.AtomicFiles;
import dev.survivor.coordinator.io.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Splits survivors in input order into chunk files {@code scoring_chunks/chunk_NNNN.json} and writes the
 * jobs file (docs/coordinator.md §1.2), one {@code pipeline score} job per chunk. Streams: one chunk's
 * records are in memory at a time at most as JSON being written.
 */
public final class JobGenerator {
    public static final String WORKER = "pipeline score";

    private JobGenerator() {
    }

    /** Reference auto size: target = floor(1.5 · GPUs) jobs, at least 1000 seeds each, rounded up to 1000. */
    public static int autoChunkSize(long total, int numGpus) {
        long target = Math.max(1, (long) Math.floor(numGpus * 1.5));
        long size = Math.max(1000, total / target);
        return (int) Math.min(Integer.MAX_VALUE - 1000, (size + 999) / 1000 * 1000);
    }

    public static GenerateResult generate(GenerateRequest r) {
        requireFile(r.survivors(), "survivors");
        requireFile(r.trainHistory(), "train history");
        if (r.holdoutHistory() != null) {
            requireFile(r.holdoutHistory(), "holdout history");
        }
        if (r.scorerConfig() != null) {
            requireFile(r.scorerConfig(), "scorer config");
        }
        long total = SurvivorRecords.count(r.survivors());
        if (total == 0) {
            throw new JobsFileException(r.survivors() + ": contains no survivors");
        }
        int size = r.chunkSize() > 0 ? r.chunkSize() : autoChunkSize(total, r.numGpus());
        Path base = r.jobsFile().toAbsolutePath().getParent();
        Path chunkDir = base.resolve(GenerateRequest.CHUNK_DIR);
        List<ScriptJob> jobs = new ArrayList<>();
        try (SurvivorRecords in = SurvivorRecords.open(r.survivors())) {
            int index = 0;
            ObjectNode first = in.next();
            while (first != null) {
                String name = String.format(Locale.ROOT, "chunk_%04d.json", index);
                Path chunk = chunkDir.resolve(name);
                ObjectNode[] carry = {first};
                int[] count = {0};
                AtomicFiles.write(chunk, out -> carry[0] = writeChunk(out, in, carry[0], size, count));
                jobs.add(job(r, base, index, chunk, count[0]));
                first = carry[0];
                index++;
            }
            removeStaleChunks(chunkDir, index);
        }
        long written = jobs.stream().mapToLong(ScriptJob::seedCount).sum();
        if (written != total) {
            throw new JobsFileException(r.survivors() + ": counted " + total + " survivors but chunked " + written
                    + " (file changed while reading?)");
        }
        JobsFile.write(r.jobsFile(), jobs);
        return new GenerateResult(r.jobsFile(), chunkDir, total, size, jobs);
    }

    /** Writes up to {@code size} records starting with {@code first}; returns the first record of the next chunk. */
    private static ObjectNode writeChunk(OutputStream out, SurvivorRecords in, ObjectNode first, int size, int[] count)
            throws IOException {
        ObjectNode next = first;
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            g.setCodec(Json.COMPACT);
            g.writeStartArray();
            while (next != null && count[0] < size) {
                g.writeTree(next);
                count[0]++;
                next = in.next();
            }
            g.writeEndArray();
        }
        return next;
    }

    private static ScriptJob job(GenerateRequest r, Path base, int index, Path chunk, int count) {
        String id = String.format(Locale.ROOT, "full_scoring_%04d", index);
        String out = GenerateRequest.RESULTS_DIR + "/" + chunk.getFileName();
        List<String> args = new ArrayList<>(List.of(
                "--seeds-file", rel(base, chunk),
                "--train-history", rel(base, r.trainHistory())));
        if (r.holdoutHistory() != null) {
            args.addAll(List.of("--holdout-history", rel(base, r.holdoutHistory())));
        }
        args.addAll(List.of("--output-file", out, "--prng-type", r.prngType(), "--mod", Integer.toString(r.mod())));
        if (r.scorerConfig() != null) {
            args.addAll(List.of("--scorer-config", rel(base, r.scorerConfig())));
        }
        return new ScriptJob(id, WORKER, args, out, r.timeoutSeconds(), rel(base, chunk), count);
    }

    /** Path relative to the jobs file's directory when inside it (portable to nodes), else absolute. */
    static String rel(Path base, Path p) {
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(base) ? base.relativize(abs).toString() : abs.toString();
    }

    private static void requireFile(Path p, String what) {
        if (!Files.isRegularFile(p)) {
            throw new JobsFileException(p + ": " + what + " file not found");
        }
    }

    /** Chunks with higher numbers from an earlier, larger generation would be mistaken for current ones. */
    private static void removeStaleChunks(Path dir, int count) {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (n.matches("chunk_\\d{4,}\\.json") && Integer.parseInt(n.substring(6, n.length() - 5)) >= count) {
                    Files.delete(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
