package dev.survivor.kernels.step3;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.survivor.common.AtomicFiles;
import dev.survivor.kernels.api.ScoringBackend;
import dev.survivor.kernels.io.ScoredSeed;
import dev.survivor.kernels.prng.PrngFamily;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * The {@code pipeline demo} job: a synthetic draw history made from a known seed's java_lcg
 * outputs mod M with every third draw corrupted, that seed hidden among random seeds, all scored
 * by the same runner as {@code pipeline score}. The planted seed should come out on top.
 */
public final class Step3Demo {

    /**
     * @param outputDir    where inputs and the result file go
     * @param plantedSeed  the seed that generated the history (java_lcg uses its low 48 bits)
     * @param randomSeeds  decoys mixed with it
     * @param trainDraws   training draws
     * @param holdoutDraws holdout draws (the outputs right after the training ones)
     * @param mod          modulus M
     * @param rngSeed      seed of the generator making decoys, corruption and the planted position
     */
    public record Spec(Path outputDir, long plantedSeed, int randomSeeds, int trainDraws, int holdoutDraws, int mod,
                       long rngSeed) {
        public static Spec defaults(Path outputDir) {
            return new Spec(outputDir, 123_456_789_012_345L, 10_000, 2_000, 500, 1000, 20_260_101L);
        }
    }

    /** Where the demo put its files. */
    public record DemoFiles(Path survivors, Path train, Path holdout, Path output) {
    }

    /**
     * @param summary     the runner's summary
     * @param files       input and output paths
     * @param top         best records by score (descending, ties in input order)
     * @param plantedRank 1-based rank of the planted seed among all records
     */
    public record Result(Step3Summary summary, DemoFiles files, List<ScoredSeed> top, long plantedRank) {
    }

    private Step3Demo() {
    }

    /** Writes the three input files and returns their paths (the output path is not created). */
    public static DemoFiles writeInputs(Spec spec) {
        SplittableRandom rng = new SplittableRandom(spec.rngSeed());
        int n = spec.trainDraws() + spec.holdoutDraws();
        long[] raw = PrngFamily.JAVA_LCG.generate(spec.plantedSeed(), n, 0);
        int[] draws = new int[n];
        for (int i = 0; i < n; i++) {
            int truth = (int) Long.remainderUnsigned(raw[i], spec.mod());
            // every third draw is replaced by a different value: the seed matches exactly 2/3
            draws[i] = i % 3 == 0 ? (truth + 1 + rng.nextInt(spec.mod() - 1)) % spec.mod() : truth;
        }
        long[] seeds = new long[spec.randomSeeds() + 1];
        int planted = rng.nextInt(seeds.length);
        for (int i = 0; i < seeds.length; i++) {
            long s;
            do {
                s = rng.nextLong(1L << 48);
            } while (s == spec.plantedSeed());
            seeds[i] = i == planted ? spec.plantedSeed() : s;
        }
        Path dir = spec.outputDir();
        DemoFiles f = new DemoFiles(dir.resolve("survivors.json"), dir.resolve("train_history.json"),
                dir.resolve("holdout_history.json"), dir.resolve("scores.json"));
        try {
            Files.createDirectories(dir);
            writeInts(f.train(), draws, 0, spec.trainDraws());
            writeInts(f.holdout(), draws, spec.trainDraws(), n);
            writeSeeds(f.survivors(), seeds);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write demo inputs in " + dir + ": " + e.getMessage(), e);
        }
        return f;
    }

    /** Writes the inputs, scores them with {@code backend} and keeps the {@code topN} best. */
    public static Result run(Spec spec, ScoringBackend backend, Step3Progress progress, int topN) {
        DemoFiles f = writeInputs(spec);
        Step3Request req = new Step3Request(f.survivors(), f.train(), f.holdout(), f.output(), "java_lcg", spec.mod(),
                null, "localhost", 0, Step3Request.DEFAULT_BATCH);
        Comparator<Ranked> worstFirst = Comparator.comparingDouble((Ranked r) -> r.seed.score())
                .thenComparing(Comparator.comparingLong((Ranked r) -> r.index).reversed());
        PriorityQueue<Ranked> best = new PriorityQueue<>(worstFirst);
        long[] counter = new long[1];
        double[] plantedScore = {Double.NaN};
        List<Double> scores = new ArrayList<>();
        Step3Summary summary = new Step3Runner(req).run(backend, progress, s -> {
            best.add(new Ranked(s, counter[0]++));
            if (best.size() > topN) {
                best.poll();
            }
            if (s.seed() == spec.plantedSeed()) {
                plantedScore[0] = s.score();
            }
            scores.add(s.score());
        });
        long rank = 1 + scores.stream().filter(x -> x > plantedScore[0]).count();
        List<ScoredSeed> top = new ArrayList<>();
        best.stream().sorted(worstFirst.reversed()).forEach(r -> top.add(r.seed));
        return new Result(summary, f, top, rank);
    }

    private record Ranked(ScoredSeed seed, long index) {
    }

    private static void writeInts(Path file, int[] v, int from, int to) throws IOException {
        write(file, g -> {
            for (int i = from; i < to; i++) {
                g.writeNumber(v[i]);
            }
        });
    }

    private static void writeSeeds(Path file, long[] seeds) throws IOException {
        write(file, g -> {
            for (long s : seeds) {
                g.writeNumber(s);
            }
        });
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    /** A JSON array written to a temporary file and renamed, like every output of the pipeline. */
    private static void write(Path file, Body body) {
        AtomicFiles.write(file, out -> {
            try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
                g.writeStartArray();
                body.write(g);
                g.writeEndArray();
            }
        });
    }
}
