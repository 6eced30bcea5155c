package dev.survivor.benchmarks;

import dev.survivor.kernels.api.BackendOptions;
import dev.survivor.kernels.api.Backends;
import dev.survivor.kernels.api.ScoringBackend;
import dev.survivor.kernels.api.ScoringKernel;
import dev.survivor.kernels.api.ScoringTask;
import dev.survivor.kernels.features.FeatureCatalogue;
import dev.survivor.kernels.features.ScorerConfig;
import dev.survivor.kernels.prng.PrngRegistry;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-seed Step 3 kernel throughput per backend: all 59 computed features for a batch of seeds, no
 * holdout. The score is seeds per second (one operation = one seed). Backends that cannot run here
 * (no GPU) fail their trial with the probe's reason. Run:
 * {@code java --enable-native-access=ALL-UNNAMED -jar benchmarks/target/benchmarks.jar Step3KernelBenchmark
 * -p backend=native -p threads=2}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class Step3KernelBenchmark {
    /** Seeds per call: large enough that every thread gets many slices. */
    public static final int BATCH = 512;

    @Param({"native", "java"})
    public String backend;

    @Param({"java_lcg"})
    public String prng;

    @Param({"500", "5000", "20000"})
    public int draws;

    @Param({"1", "2"})
    public int threads;

    private ScoringBackend instance;
    private ScoringKernel kernel;
    private long[] seeds;
    private double[] out;

    @Setup(Level.Trial)
    public void setUp() {
        instance = Backends.create(backend, new BackendOptions(threads, 0));
        SplittableRandom rnd = new SplittableRandom(42);
        int[] history = rnd.ints(draws, 0, 1000).toArray();
        ScoringTask task = new ScoringTask(PrngRegistry.resolveForScoring(prng), 1000, history, ScorerConfig.DEFAULT);
        kernel = instance.prepare(task);
        seeds = rnd.longs(BATCH, 0, 1L << 48).toArray();
        out = new double[BATCH * FeatureCatalogue.COMPUTED_COUNT];
        kernel.features(seeds, null, BATCH, out);   // plans and workspaces before the clock starts
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public double[] features() {
        kernel.features(seeds, null, BATCH, out);
        return out;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        kernel.close();
        instance.close();
    }
}
