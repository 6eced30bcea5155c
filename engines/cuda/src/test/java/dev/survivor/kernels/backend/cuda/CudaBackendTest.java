package dev.survivor.kernels.backend.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.survivor.kernels.api.BackendProbe;
import dev.survivor.kernels.api.BackendUnavailableException;
import dev.survivor.kernels.api.Backends;
import dev.survivor.kernels.backend.nativecpu.BackendAgreement;
import org.junit.jupiter.api.Test;

/** The cuda backend: total detection everywhere; execution against the native backend only on a CUDA machine. */
class CudaBackendTest {

    @Test
    void probeNeverThrowsAndGivesOneLineReason() {
        CudaBackendProvider provider = new CudaBackendProvider();
        BackendProbe first = provider.probe();
        BackendProbe second = provider.probe();
        assertThat(first.reason()).isNotBlank().doesNotContain("\n");
        assertThat(second).isEqualTo(first);
        assertThat(provider.rank()).isLessThan(20);
        if (!first.available()) {
            assertThatThrownBy(() -> Backends.create("cuda", null))
                    .isInstanceOf(BackendUnavailableException.class)
                    .hasMessageContaining(first.reason());
        }
    }

    @Test
    void kernelBinariesAreBundledWhenNvccBuiltThem() {
        // the native module writes PTX/fatbin only where nvcc is on PATH
        boolean nvcc = java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(d -> java.nio.file.Files.isExecutable(java.nio.file.Path.of(d, "nvcc")));
        assumeTrue(nvcc, "nvcc is not on PATH, so no PTX/fatbin was built");
        for (String r : new String[] {"kernels.fatbin", "kernels.sm_80.ptx", "kernels.sm_86.ptx", "kernels.sm_89.ptx",
                "kernels.sm_90.ptx"}) {
            byte[] b = CudaDevice.resource(CudaDevice.PTX_DIR + r);
            assertThat(b).as(r).isNotNull().hasSizeGreaterThan(1000);
        }
        String ptx = new String(CudaDevice.resource(CudaDevice.PTX_DIR + "kernels.sm_90.ptx"));
        assertThat(ptx).contains(".target sm_90", ".entry ss_k_generate", ".entry ss_k_features",
                ".entry ss_k_spectral", ".entry ss_k_matches");
    }

    @Test
    void matchesTheNativeBackendOnACudaDevice() {
        BackendProbe p = new CudaBackendProvider().probe();
        assumeTrue(p.available(), () -> "no CUDA execution here: " + p.reason());
        assertThat(BackendAgreement.mismatches("cuda", "native", 37)).isEmpty();
    }
}
