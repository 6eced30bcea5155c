package dev.survivor.models.step5;

import dev.survivor.common.OutputPaths;
import dev.survivor.models.sidecar.Json;
import dev.survivor.models.sidecar.Sidecar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Publishes a Step 5 model as one atomic step (docs/training.md §7). Everything a run writes goes into a new
 * folder {@code <out>/runs/<run id>/} — candidates, the winner's checkpoint, reports and a complete sidecar whose
 * paths are relative to that folder. Publishing is a single atomic rename of {@code <out>/best_model.meta.json},
 * whose paths point into the run folder: a reader sees the old model or the new one, never a mix, and a killed
 * run leaves the previous model untouched. Each run first cleans what earlier runs left: incomplete run folders,
 * superseded ones (the previous model is kept for readers still loading it) and temp files. A lock on
 * {@code <out>/.step5.lock} keeps two runs from writing one folder.
 */
final class ModelPublisher implements AutoCloseable {
    static final String RUNS = "runs";
    static final String LOCK = ".step5.lock";
    /** Files the pre-run-folder layout wrote at the top level; removed once a run folder is published. */
    private static final List<String> LEGACY = List.of("best_model.json", "best_model.txt", "best_model.cbm",
            "best_model.onnx", "best_model-0000.params", "best_model.nn.json", "training_history.json",
            "model_comparison.png", "compare_models");

    private final Path out;
    private final Path runDir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Consumer<String> log;

    private ModelPublisher(Path out, Path runDir, FileChannel ch, FileLock lock, Consumer<String> log) {
        this.out = out;
        this.runDir = runDir;
        this.lockChannel = ch;
        this.lock = lock;
        this.log = log;
    }

    /** Locks {@code out}, cleans leftovers and creates the run folder. */
    static ModelPublisher open(Path out, String runId, Consumer<String> log) {
        FileChannel ch = null;
        try {
            Files.createDirectories(out);
            ch = FileChannel.open(out.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                l = null; // held by another run in this JVM
            }
            if (l == null) {
                String holder = Files.readString(out.resolve(LOCK)).trim();
                ch.close();
                throw new IllegalStateException(out + " is in use by another Step 5 run (" + (holder.isEmpty()
                        ? "lock " + out.resolve(LOCK) : holder) + "); wait for it or use another --output-dir");
            }
            ch.truncate(0);
            ch.write(java.nio.ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + ", run " + runId + ", "
                    + ManagementFactory.getRuntimeMXBean().getName()).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            ModelPublisher p = new ModelPublisher(out, out.resolve(RUNS).resolve(runId), ch, l, log);
            ch = null;
            p.cleanLeftovers();
            Files.createDirectories(p.runDir);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare output directory " + out + ": " + e.getMessage(), e);
        } finally {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // the failure being reported matters more
                }
            }
        }
    }

    Path runDir() {
        return runDir;
    }

    /** The folder of one candidate's checkpoint inside the run folder. */
    Path candidateDir(String modelType) {
        return runDir.resolve("candidates").resolve(modelType);
    }

    /**
     * Writes the run folder's sidecar, then switches {@code <out>/best_model.meta.json} to it in one rename.
     *
     * @param sidecar the sidecar with paths relative to the run folder ({@code checkpoint_path},
     *                {@code checkpoint_companions}); the published copy gets them relative to {@code out}
     */
    Path publish(Map<String, Object> sidecar) {
        Json.write(runDir.resolve(Sidecar.FILE_NAME), sidecar);
        Map<String, Object> pointer = new LinkedHashMap<>(sidecar);
        String prefix = RUNS + "/" + runDir.getFileName() + "/";
        Object cp = sidecar.get("checkpoint_path");
        if (cp != null) {
            pointer.put("checkpoint_path", prefix + cp);
        }
        Object comps = sidecar.get("checkpoint_companions");
        if (comps instanceof List<?> l) {
            pointer.put("checkpoint_companions", l.stream().map(c -> prefix + c).toList());
        }
        pointer.put("run_folder", prefix.substring(0, prefix.length() - 1));
        Path published = out.resolve(Sidecar.FILE_NAME);
        Json.write(published, pointer); // the commit point: one atomic rename
        fsyncDirectory(out);
        pruneOldRuns();
        removeLegacy();
        return published;
    }

    /** Incomplete run folders (no sidecar: killed or failed runs) and stray temp files go. */
    private void cleanLeftovers() throws IOException {
        Path runs = out.resolve(RUNS);
        if (Files.isDirectory(runs)) {
            for (Path r : list(runs)) {
                if (!Files.isRegularFile(r.resolve(Sidecar.FILE_NAME))) {
                    log.accept("removing incomplete run folder " + r + " (left by an interrupted or failed run)");
                    OutputPaths.deleteRecursively(r);
                }
            }
        }
        for (Path f : list(out)) {
            String n = f.getFileName().toString();
            if (n.startsWith(".") && n.endsWith(".tmp")) {
                Files.deleteIfExists(f);
            }
        }
    }

    /** Keeps the published run and the one before it (a reader may still be loading it); older ones go. */
    private void pruneOldRuns() {
        try {
            List<Path> runs = new ArrayList<>(list(out.resolve(RUNS)));
            runs.removeIf(r -> r.equals(runDir));
            runs.sort(Comparator.comparing((Path r) -> r.getFileName().toString()).reversed());
            for (int i = 1; i < runs.size(); i++) {
                OutputPaths.deleteRecursively(runs.get(i));
            }
        } catch (IOException | UncheckedIOException e) {
            log.accept("warning: could not remove old run folders in " + out.resolve(RUNS) + ": " + e.getMessage());
        }
    }

    private void removeLegacy() {
        for (String n : LEGACY) {
            try {
                OutputPaths.deleteRecursively(out.resolve(n));
            } catch (UncheckedIOException e) {
                log.accept("warning: could not remove " + out.resolve(n) + ": " + e.getMessage());
            }
        }
    }

    private static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var s = Files.list(dir)) {
            return s.toList();
        }
    }

    private static void fsyncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // not every file system can sync a directory; the rename is still atomic
        }
    }

    /** On failure before publishing: the run folder goes, the previous model stays. */
    void abandon() {
        try {
            OutputPaths.deleteRecursively(runDir);
        } catch (UncheckedIOException e) {
            log.accept("warning: could not remove " + runDir + " (the next run will): " + e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            // the lock dies with the channel or the process
        }
    }
}
