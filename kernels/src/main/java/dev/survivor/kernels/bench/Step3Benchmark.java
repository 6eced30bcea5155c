package dev.survivor.kernels.bench;

import dev.survivor.kernels.api.BackendOptions;
import dev.survivor.kernels.api.Backends;
import dev.survivor.kernels.api.ScoringBackend;
import dev.survivor.kernels.features.ScorerConfig;
import dev.survivor.kernels.io.Survivor;
import dev.survivor.kernels.prng.PrngRegistry;
import dev.survivor.kernels.step3.Step3Job;
import dev.survivor.kernels.step3.Step3Scorer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Step 3 throughput on generated data, in memory: a uniform draw history of D draws, N random
 * 64-bit seeds (fixed RNG seed, so every run scores the same work), an optional holdout of H draws.
 * It warms the JIT up first, then times {@link Step3Scorer} over all N seeds in batches, as the
 * worker does. Not a test: speed is reported, never asserted.
 */
public final class Step3Benchmark {
    /** Seeds per {@link Step3Scorer#score} call, as the worker streams them. */
    public static final int BATCH = 4096;
    /**
     * The warm-up set is scored again and again until the JIT has settled: at least 5 s, and a whole
     * round without any JIT compilation and within 10 % of the previous round's time, at most 30 s.
     * C2 needs seconds for the large scoring methods, more on a busy machine where its compiler
     * threads compete with the scoring threads; rounds of interpreted-to-C1 code look "stable" too,
     * so the compiler's own clock is the signal.
     */
    private static final long MIN_WARMUP_NANOS = 5_000_000_000L;
    private static final long MAX_WARMUP_NANOS = 30_000_000_000L;
    private static final double SETTLED = 0.10;

    private Step3Benchmark() {
    }

    /**
     * What to run.
     *
     * @param backend      backend name ({@code java}, {@code native}, … or {@code auto})
     * @param prng         registry name of the generator
     * @param seeds        seeds to time (after the warm-up)
     * @param draws        training history length D
     * @param holdoutDraws holdout length H (0 = none)
     * @param threads      backend threads (0 = all processors)
     * @param mod          modulus M of the draws
     * @param rngSeed      seed of the data generator
     * @param warmupSeeds  seeds scored repeatedly before timing until the JIT settles (5–30 s)
     *                     (-1 = automatic: clamp(seeds/5, 200, 2000); 0 = no warm-up)
     */
    public record Spec(String backend, String prng, int seeds, int draws, int holdoutDraws, int threads, int mod,
                       long rngSeed, int warmupSeeds) {
        public Spec {
            if (seeds < 1) {
                throw new IllegalArgumentException("seeds must be >= 1, got " + seeds);
            }
            if (draws < 1) {
                throw new IllegalArgumentException("draws must be >= 1, got " + draws);
            }
            if (holdoutDraws < 0) {
                throw new IllegalArgumentException("holdout draws must be >= 0, got " + holdoutDraws);
            }
            if (threads < 0) {
                throw new IllegalArgumentException("threads must be >= 0, got " + threads);
            }
            if (mod < 1) {
                throw new IllegalArgumentException("mod must be >= 1, got " + mod);
            }
            if (warmupSeeds < -1) {
                throw new IllegalArgumentException("warm-up seeds must be >= 0 (or -1 for automatic), got " + warmupSeeds);
            }
        }

        /** java backend, java_lcg, 20,000 seeds, 5,000 draws, no holdout, all threads, mod 1000. */
        public static Spec defaults() {
            return new Spec("java", "java_lcg", 20_000, 5_000, 0, 0, 1000, 42L, -1);
        }

        public Spec withBackend(String b) {
            return new Spec(b, prng, seeds, draws, holdoutDraws, threads, mod, rngSeed, warmupSeeds);
        }

        public Spec withPrng(String p) {
            return new Spec(backend, p, seeds, draws, holdoutDraws, threads, mod, rngSeed, warmupSeeds);
        }

        public Spec withSeeds(int n) {
            return new Spec(backend, prng, n, draws, holdoutDraws, threads, mod, rngSeed, warmupSeeds);
        }

        public Spec withDraws(int d) {
            return new Spec(backend, prng, seeds, d, holdoutDraws, threads, mod, rngSeed, warmupSeeds);
        }

        public Spec withHoldoutDraws(int h) {
            return new Spec(backend, prng, seeds, draws, h, threads, mod, rngSeed, warmupSeeds);
        }

        public Spec withThreads(int t) {
            return new Spec(backend, prng, seeds, draws, holdoutDraws, t, mod, rngSeed, warmupSeeds);
        }

        public Spec withWarmupSeeds(int w) {
            return new Spec(backend, prng, seeds, draws, holdoutDraws, threads, mod, rngSeed, w);
        }

        int effectiveWarmup() {
            return warmupSeeds >= 0 ? warmupSeeds : Math.max(200, Math.min(2000, seeds / 5));
        }
    }

    /**
     * One measurement.
     *
     * @param drawsPerSecond      seeds × (draws + holdout draws) / elapsed seconds
     * @param cpuSeconds          CPU time the whole process used while timing (all threads, JIT and
     *                            GC included); on a shared machine wall time also counts waiting
     * @param seedsPerCpuSecond   seeds / cpuSeconds: the rate per fully available core (0 when the
     *                            run was too short for the process clock to tick)
     * @param loadAverage         1-minute load average at the end (-1 where unknown)
     */
    public record Result(String backend, String backendDescription, String prng, int seeds, int draws,
                         int holdoutDraws, int threads, double elapsedSeconds, double seedsPerSecond,
                         double nsPerSeed, double drawsPerSecond, double cpuSeconds, double seedsPerCpuSecond,
                         double loadAverage, String cpuModel, int cores, String javaVersion) {

        /** Snake-case keys in a stable order, for a JSON status line. */
        public Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("backend", backend);
            m.put("backend_description", backendDescription);
            m.put("prng", prng);
            m.put("seeds", seeds);
            m.put("draws", draws);
            m.put("holdout_draws", holdoutDraws);
            m.put("threads", threads);
            m.put("elapsed_seconds", elapsedSeconds);
            m.put("seeds_per_second", seedsPerSecond);
            m.put("ns_per_seed", nsPerSeed);
            m.put("draws_per_second", drawsPerSecond);
            m.put("cpu_seconds", cpuSeconds);
            m.put("seeds_per_cpu_second", seedsPerCpuSecond);
            m.put("load_average", loadAverage);
            m.put("cpu_model", cpuModel);
            m.put("cores", cores);
            m.put("java_version", javaVersion);
            return m;
        }
    }

    public static Result run(Spec spec) {
        SplittableRandom rng = new SplittableRandom(spec.rngSeed());
        int[] train = rng.ints(spec.draws(), 0, spec.mod()).toArray();
        int[] holdout = spec.holdoutDraws() > 0 ? rng.ints(spec.holdoutDraws(), 0, spec.mod()).toArray() : null;
        List<Survivor> survivors = new ArrayList<>(spec.seeds());
        for (int i = 0; i < spec.seeds(); i++) {
            survivors.add(Survivor.of(rng.nextLong()));
        }
        int warmup = spec.effectiveWarmup();
        List<Survivor> warm = new ArrayList<>(warmup);
        for (int i = 0; i < warmup; i++) {
            warm.add(Survivor.of(rng.nextLong()));
        }
        Step3Job job = new Step3Job(spec.prng(), PrngRegistry.resolveForScoring(spec.prng()), spec.mod(), train,
                holdout, ScorerConfig.DEFAULT);
        BackendOptions options = new BackendOptions(spec.threads(), 0);
        double[] sink = new double[1];
        try (ScoringBackend backend = Backends.create(spec.backend(), options);
             Step3Scorer scorer = new Step3Scorer(backend, job)) {
            warmUp(scorer, warm, sink);
            long cpuStart = processCpuNanos();
            long start = System.nanoTime();
            scoreAll(scorer, survivors, sink);
            long elapsed = System.nanoTime() - start;
            double cpu = (processCpuNanos() - cpuStart) / 1e9;
            double seconds = elapsed / 1e9;
            double rate = spec.seeds() / seconds;
            if (Double.isNaN(sink[0])) {
                throw new IllegalStateException("backend produced NaN scores");
            }
            return new Result(backend.name(), backend.description(), spec.prng(), spec.seeds(), spec.draws(),
                    spec.holdoutDraws(), options.effectiveThreads(), seconds, rate, (double) elapsed / spec.seeds(),
                    rate * ((double) spec.draws() + spec.holdoutDraws()), cpu, cpu > 0 ? spec.seeds() / cpu : 0.0,
                    loadAverage(), cpuModel(),
                    Runtime.getRuntime().availableProcessors(), Runtime.version().toString());
        }
    }

    private static void warmUp(Step3Scorer scorer, List<Survivor> warm, double[] sink) {
        if (warm.isEmpty()) {
            return;
        }
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        boolean jitClock = jit != null && jit.isCompilationTimeMonitoringSupported();
        long start = System.nanoTime();
        long previous = -1;
        while (true) {
            long compiledBefore = jitClock ? jit.getTotalCompilationTime() : 0;
            long t0 = System.nanoTime();
            scoreAll(scorer, warm, sink);
            long round = System.nanoTime() - t0;
            boolean compiled = jitClock && jit.getTotalCompilationTime() != compiledBefore;
            long spent = System.nanoTime() - start;
            boolean settled = !compiled && previous > 0 && Math.abs(round - previous) <= SETTLED * previous;
            if (spent >= MAX_WARMUP_NANOS || (spent >= MIN_WARMUP_NANOS && settled)) {
                return;
            }
            previous = round;
        }
    }

    private static void scoreAll(Step3Scorer scorer, List<Survivor> survivors, double[] sink) {
        for (int from = 0; from < survivors.size(); from += BATCH) {
            List<Survivor> batch = survivors.subList(from, Math.min(survivors.size(), from + BATCH));
            scorer.score(batch, s -> sink[0] += s.score() + s.holdoutQuality());
        }
    }

    /** CPU time of this process in nanoseconds (-1 where the platform does not report it). */
    static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return -1;
    }

    /** The 1-minute load average, or -1 where unknown. */
    public static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** The "model name" of /proc/cpuinfo, or os.arch where that file does not exist. */
    public static String cpuModel() {
        Path info = Path.of("/proc/cpuinfo");
        if (Files.isReadable(info)) {
            try (Stream<String> lines = Files.lines(info)) {
                return lines.filter(l -> l.startsWith("model name")).findFirst()
                        .map(l -> l.substring(l.indexOf(':') + 1).trim())
                        .orElse(System.getProperty("os.arch"));
            } catch (IOException | java.io.UncheckedIOException e) {
                return System.getProperty("os.arch");
            }
        }
        return System.getProperty("os.arch");
    }
}
