package dev.survivor.benchmarks;

import dev.survivor.kernels.api.BackendOptions;
import dev.survivor.kernels.api.Backends;
import dev.survivor.kernels.api.ScoringBackend;
import dev.survivor.kernels.api.ScoringKernel;
import dev.survivor.kernels.api.ScoringTask;
import dev.survivor.kernels.features.FeatureCatalogue;
import dev.survivor.kernels.features.ScorerConfig;
import dev.survivor.kernels.prng.PrngRegistry;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A quick rate check without JMH (a sanity number, not a benchmark result): scores batches for a few
 * seconds after a warm-up and prints seeds/s per round. Usage:
 * {@code QuickKernelRate <backend> <prng> <draws> <threads> [seconds] [rounds]}
 */
public final class QuickKernelRate {
    private QuickKernelRate() {
    }

    public static void main(String[] args) {
        if (args.length < 4) {
            System.err.println("usage: QuickKernelRate <backend> <prng> <draws> <threads> [seconds] [rounds]");
            System.exit(2);
        }
        String backend = args[0];
        String prng = args[1];
        int draws = Integer.parseInt(args[2]);
        int threads = Integer.parseInt(args[3]);
        double seconds = args.length > 4 ? Double.parseDouble(args[4]) : 3;
        int rounds = args.length > 5 ? Integer.parseInt(args[5]) : 3;
        int batch = 512;
        SplittableRandom rnd = new SplittableRandom(42);
        int[] history = rnd.ints(draws, 0, 1000).toArray();
        long[] seeds = rnd.longs(batch, 0, 1L << 48).toArray();
        double[] out = new double[batch * FeatureCatalogue.COMPUTED_COUNT];
        try (ScoringBackend b = Backends.create(backend, new BackendOptions(threads, 0));
             ScoringKernel k = b.prepare(new ScoringTask(PrngRegistry.resolveForScoring(prng), 1000, history,
                     ScorerConfig.DEFAULT))) {
            System.out.println(b.description());
            k.features(seeds, null, batch, out);
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean();
            for (int r = -1; r < rounds; r++) {      // round -1 is warm-up
                long n = 0;
                long cpu0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                long end = t0 + (long) (seconds * 1e9);
                while (System.nanoTime() < end) {
                    k.features(seeds, null, batch, out);
                    n += batch;
                }
                double dt = (System.nanoTime() - t0) / 1e9;
                double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
                if (r >= 0) {
                    // CPU seconds make the number comparable on a shared, oversubscribed host
                    System.out.printf(Locale.ROOT, "%s %s draws=%d threads=%d: %.0f seeds/s wall, %.0f seeds per CPU-second"
                            + " (%.1f us CPU/seed)%n", backend, prng, draws, threads, n / dt, n / cpu, cpu * 1e6 / n);
                }
            }
        }
    }
}
