package dev.survivor.kernels.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Checks what the benchmark reports (never how fast: speed is not asserted in tests). */
class Step3BenchmarkTest {

    @Test
    void reportsTheRunItDid() {
        Step3Benchmark.Result r = Step3Benchmark.run(Step3Benchmark.Spec.defaults().withSeeds(40).withDraws(300)
                .withHoldoutDraws(75).withThreads(2).withWarmupSeeds(10).withPrng("mt19937_hybrid"));
        assertThat(r.backend()).isEqualTo("java");
        assertThat(r.prng()).isEqualTo("mt19937_hybrid");
        assertThat(r.seeds()).isEqualTo(40);
        assertThat(r.draws()).isEqualTo(300);
        assertThat(r.holdoutDraws()).isEqualTo(75);
        assertThat(r.threads()).isEqualTo(2);
        assertThat(r.elapsedSeconds()).isPositive();
        assertThat(r.seedsPerSecond()).isCloseTo(40 / r.elapsedSeconds(), org.assertj.core.api.Assertions.within(1e-6 * r.seedsPerSecond()));
        assertThat(r.nsPerSeed()).isCloseTo(r.elapsedSeconds() * 1e9 / 40, org.assertj.core.api.Assertions.within(1.0));
        assertThat(r.drawsPerSecond()).isCloseTo(r.seedsPerSecond() * 375, org.assertj.core.api.Assertions.within(1e-6 * r.drawsPerSecond()));
        assertThat(r.cpuSeconds()).isNotNegative(); // the process clock may tick in 10 ms steps
        if (r.cpuSeconds() > 0) {
            assertThat(r.seedsPerCpuSecond()).isCloseTo(40 / r.cpuSeconds(), org.assertj.core.api.Assertions.within(1e-6 * r.seedsPerCpuSecond()));
        }
        assertThat(r.cores()).isPositive();
        assertThat(r.cpuModel()).isNotBlank();
        assertThat(r.asMap()).containsKeys("backend", "prng", "seeds", "draws", "holdout_draws", "threads",
                "seeds_per_second", "elapsed_seconds", "ns_per_seed", "draws_per_second", "cpu_model", "cores", "java_version", "cpu_seconds", "seeds_per_cpu_second", "load_average");
    }

    @Test
    void rejectsBadSpecsAndUnknownNames() {
        assertThatThrownBy(() -> Step3Benchmark.Spec.defaults().withSeeds(0)).hasMessageContaining("seeds");
        assertThatThrownBy(() -> Step3Benchmark.run(Step3Benchmark.Spec.defaults().withSeeds(5).withPrng("java_lcg_reverse")))
                .hasMessageContaining("no scoring generator");
        assertThatThrownBy(() -> Step3Benchmark.run(Step3Benchmark.Spec.defaults().withSeeds(5).withBackend("nope")))
                .hasMessageContaining("unknown backend 'nope'");
    }
}
