package dev.survivor.kernels.backend.nativecpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.survivor.kernels.api.BackendOptions;
import dev.survivor.kernels.api.Backends;
import dev.survivor.kernels.api.ScoringBackend;
import dev.survivor.kernels.api.ScoringKernel;
import dev.survivor.kernels.api.ScoringTask;
import dev.survivor.kernels.backend.device.DeviceScoringKernel;
import dev.survivor.kernels.conformance.OracleTolerances;
import dev.survivor.kernels.features.FeatureCatalogue;
import dev.survivor.kernels.features.ScorerConfig;
import dev.survivor.kernels.prng.PrngFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The GPU pipeline (DeviceScoringKernel over the __global__ kernels, batched D2Z spectra, KernelTask
 * tables passed as the by-value ss_task struct) run on the host through the kernels' launch emulation,
 * against the Java oracle. What it cannot cover: the CUDA/HIP bindings and device code generation.
 */
class DeviceKernelOnHostTest {
    private static final OracleTolerances TOL = new OracleTolerances();

    @ParameterizedTest(name = "{0} n={1} mod={2}")
    @CsvSource({"JAVA_LCG,1,1000", "JAVA_LCG,7,1000", "MT19937,8,1000", "XOSHIRO256PP,50,1000", "SFC64,54,1000",
            "PCG32,100,1000", "PHILOX4X32,1000,1000", "XORSHIFT128,4999,1000", "MINSTD,300,100000",
            "LCG32,211,37"})
    void emulatedDevicePipelineMatchesTheOracle(PrngFamily family, int n, int mod) {
        SplittableRandom rnd = new SplittableRandom(n * 7L + mod);
        int[] history = rnd.ints(n, 0, mod).toArray();
        ScorerConfig cfg = mod == 37 ? new ScorerConfig(new int[] {5, 12, 31}, 20, 4, 0.05) : ScorerConfig.DEFAULT;
        ScoringTask task = new ScoringTask(family, mod, history, cfg);
        int count = 11;
        long[] seeds = rnd.longs(count).toArray();
        long[] skips = rnd.longs(count, 0, 40).toArray();
        int c = FeatureCatalogue.COMPUTED_COUNT;
        double[] expected = new double[count * c];
        double[] actual = new double[count * c];
        int[] expectedHits = new int[count];
        int[] actualHits = new int[count];
        // the oracle handles mod <= 32768; above that (the per-element residue path) the CPU library is the reference
        String reference = mod <= 32768 ? "java" : "native";
        try (ScoringBackend oracle = Backends.create(reference, new BackendOptions(1, 0));
             ScoringKernel j = oracle.prepare(task);
             HostEmulatedDevice device = new HostEmulatedDevice();
             DeviceScoringKernel d = new DeviceScoringKernel(device, task, 8)) {   // 11 seeds: two batches
            j.features(seeds, skips, count, expected);
            d.features(seeds, skips, count, actual);
            j.matches(seeds, 25, count, expectedHits);
            d.matches(seeds, 25, count, actualHits);
        }
        List<String> names = FeatureCatalogue.of(cfg).computedNames();
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < count * c; i++) {
            String name = names.get(i % c);
            if (!TOL.within(name, expected[i], actual[i])) {
                bad.add("seed #" + i / c + " " + name + ": device " + actual[i] + " java " + expected[i]);
            }
        }
        assertThat(bad).isEmpty();
        assertThat(actualHits).containsExactly(expectedHits);
    }
}
