package dev.survivor.kernels.backend.java;

import static org.assertj.core.api.Assertions.assertThat;

import dev.survivor.kernels.api.BackendOptions;
import dev.survivor.kernels.api.Backends;
import dev.survivor.kernels.api.ScoringBackend;
import dev.survivor.kernels.api.ScoringBackendProvider;
import org.junit.jupiter.api.Test;

class JavaBackendProviderTest {

    @Test
    void isDiscoveredByServiceLoaderAndAlwaysAvailable() {
        ScoringBackendProvider p = Backends.providers().stream().filter(x -> x.name().equals("java")).findFirst().orElseThrow();
        assertThat(p).isInstanceOf(JavaBackendProvider.class);
        assertThat(p.rank()).isEqualTo(100);
        assertThat(p.probe().available()).isTrue();
        assertThat(p.probe().details()).containsKeys("java", "fft", "max_mod");
        assertThat(Backends.select("java")).isInstanceOf(JavaBackendProvider.class);
    }

    @Test
    void createsWithTheRequestedThreads() {
        try (ScoringBackend b = Backends.create("java", new BackendOptions(3, 0))) {
            assertThat(b.name()).isEqualTo("java");
            assertThat(b.description()).contains("3 threads");
            assertThat(((JavaBackend) b).threads()).isEqualTo(3);
        }
        try (ScoringBackend b = Backends.create("java", BackendOptions.DEFAULT)) {
            assertThat(((JavaBackend) b).threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        }
    }
}
