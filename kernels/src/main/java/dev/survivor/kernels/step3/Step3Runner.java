package dev.survivor.kernels.step3;

import dev.survivor.kernels.api.ScoringBackend;
import dev.survivor.kernels.features.ScorerConfig;
import dev.survivor.kernels.io.HistoryReader;
import dev.survivor.kernels.io.ResultWriter;
import dev.survivor.kernels.io.ScoredSeed;
import dev.survivor.kernels.io.ScorerConfigReader;
import dev.survivor.kernels.io.Survivor;
import dev.survivor.kernels.io.SurvivorSource;
import dev.survivor.kernels.io.SurvivorSources;
import dev.survivor.kernels.prng.PrngFamily;
import dev.survivor.kernels.prng.PrngRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * Runs one Step 3 job file → file: survivors are read in batches, scored and streamed to the
 * result file, which appears (atomically) only when every survivor has been written. Creating
 * the runner loads and validates all inputs, so bad input fails before a backend is started.
 */
public final class Step3Runner {
    private final Step3Request request;
    private final Step3Job job;
    private final long total;
    private final long startNanos;

    /** Loads and checks the inputs; throws {@link dev.survivor.kernels.io.InputFileException} or
     *  {@link IllegalArgumentException} (unknown PRNG) with a one-line message. */
    public Step3Runner(Step3Request request) {
        this.startNanos = System.nanoTime();
        this.request = request;
        PrngFamily family = PrngRegistry.resolveForScoring(request.prngType());
        ScorerConfig config = request.scorerConfig() == null ? ScorerConfig.DEFAULT
                : ScorerConfigReader.read(request.scorerConfig());
        int[] train = HistoryReader.read(request.trainHistory(), request.mod());
        int[] holdout = request.holdoutHistory() == null ? null : HistoryReader.read(request.holdoutHistory(), request.mod());
        this.job = new Step3Job(request.prngType(), family, request.mod(), train, holdout, config);
        this.total = SurvivorSources.count(request.seedsFile());
        if (total == 0) {
            throw new dev.survivor.kernels.io.InputFileException(request.seedsFile(), "contains no survivors");
        }
        if (Files.isDirectory(request.outputFile())) {
            throw new IllegalArgumentException("--output-file " + request.outputFile() + " is a directory");
        }
    }

    public Step3Job job() {
        return job;
    }

    /** Survivors in the seeds file. */
    public long total() {
        return total;
    }

    /** Scores every survivor with {@code backend} and commits the output file. */
    public Step3Summary run(ScoringBackend backend, Step3Progress progress) {
        return run(backend, progress, s -> { });
    }

    /**
     * As {@link #run(ScoringBackend, Step3Progress)}, also handing each written record to {@code observer}
     * (on the writer thread, in input order).
     */
    public Step3Summary run(ScoringBackend backend, Step3Progress progress, Consumer<ScoredSeed> observer) {
        return run(backend, progress, observer, request::batchSize);
    }

    /**
     * As {@link #run(ScoringBackend, Step3Progress, Consumer)}, reading the batch size before each batch, so a
     * live change (applied at the progress listener's safe point) takes effect from the next batch. Records do not
     * depend on the batch size, only throughput and memory do.
     */
    public Step3Summary run(ScoringBackend backend, Step3Progress progress, Consumer<ScoredSeed> observer,
                            IntSupplier batchSize) {
        ResultWriter.Metadata meta = new ResultWriter.Metadata(request.prngType(), request.mod(), request.hostname(),
                request.workerGpu(), backend.name());
        progress.started(total);
        long done = 0;
        try (Step3Scorer scorer = new Step3Scorer(backend, job);
             SurvivorSource source = SurvivorSources.open(request.seedsFile());
             ResultWriter writer = new ResultWriter(request.outputFile(), scorer.catalogue(), meta)) {
            // Batch k is formatted and written while batch k+1 is read and scored (a GPU backend leaves
            // the CPU idle meanwhile); at most one write is in flight, so memory stays at two batches.
            ExecutorService io = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "step3-writer");
                t.setDaemon(true);
                return t;
            });
            Future<?> pending = null;
            try {
                for (List<Survivor> batch = source.nextBatch(positive(batchSize)); !batch.isEmpty();
                     batch = source.nextBatch(positive(batchSize))) {
                    List<ScoredSeed> scored = new ArrayList<>(batch.size());
                    scorer.score(batch, scored::add);
                    await(pending);
                    pending = io.submit(() -> {
                        for (ScoredSeed s : scored) {
                            writer.write(s);
                            observer.accept(s);
                        }
                        return null;
                    });
                    done += batch.size();
                    progress.advanced(done, total);
                }
                await(pending);
                pending = null;
            } finally {
                drain(pending); // never close the writer under a running write
                io.shutdownNow();
            }
            if (done != total) {
                throw new IllegalStateException(request.seedsFile() + ": read " + done + " survivors, counted " + total
                        + " (file changed while running?)");
            }
            writer.commit();
            double elapsed = (System.nanoTime() - startNanos) / 1e9;
            Step3Summary summary = new Step3Summary(done, scorer.catalogue().allNames().size(), elapsed,
                    elapsed > 0 ? done / elapsed : 0.0, backend.name(), writer.target());
            progress.finished(summary);
            return summary;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + request.outputFile() + ": " + e.getMessage(), e);
        }
    }

    private static int positive(IntSupplier batchSize) {
        int n = batchSize.getAsInt();
        if (n < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + n);
        }
        return n;
    }

    /** Waits for a write and rethrows its failure as it was thrown. */
    private static void await(Future<?> f) throws IOException {
        if (f == null) {
            return;
        }
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing results", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        }
    }

    /** Waits for a write that is being abandoned; its outcome no longer matters. */
    private static void drain(Future<?> f) {
        if (f == null) {
            return;
        }
        boolean interrupted = false;
        while (true) {
            try {
                f.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException | java.util.concurrent.CancellationException e) {
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Convenience: the output path as given. */
    public Path outputFile() {
        return request.outputFile();
    }
}
