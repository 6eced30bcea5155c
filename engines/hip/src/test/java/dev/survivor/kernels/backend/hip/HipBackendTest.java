package dev.survivor.kernels.backend.hip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.survivor.kernels.api.BackendProbe;
import dev.survivor.kernels.api.BackendUnavailableException;
import dev.survivor.kernels.api.Backends;
import dev.survivor.kernels.backend.nativecpu.BackendAgreement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hip backend: total detection, a real hiprtc compile of the kernel source (through the backend's
 * own bindings) wherever hiprtc is installed, and execution only on an AMD GPU machine.
 */
class HipBackendTest {

    @Test
    void probeNeverThrowsAndGivesOneLineReason() {
        HipBackendProvider provider = new HipBackendProvider();
        BackendProbe first = provider.probe();
        assertThat(first.reason()).isNotBlank().doesNotContain("\n");
        assertThat(provider.probe()).isEqualTo(first);
        if (!first.available()) {
            assertThatThrownBy(() -> Backends.create("hip", null))
                    .isInstanceOf(BackendUnavailableException.class)
                    .hasMessageContaining(first.reason());
        }
    }

    /** gfx90a (MI200) and gfx1030 (RDNA2): targets Debian's hiprtc 5.2 knows (newer ones abort it). */
    @ParameterizedTest
    @ValueSource(strings = {"gfx90a", "gfx1030"})
    void hiprtcCompilesTheKernelSource(String arch) {
        boolean present;
        try {
            Hip.RTC.fn("hiprtcCreateProgram", Hip.RTC_CREATE);
            present = true;
        } catch (IllegalStateException e) {
            present = false;
        }
        assumeTrue(present, "hiprtc is not installed (Debian: libamdhip64-dev libhiprtc-builtins5 rocm-device-libs)");
        byte[] code = HipRtc.compile(arch);
        assertThat(code.length).isGreaterThan(10_000);
        String text = new String(code, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith("\u007fELF").contains("ss_k_features", "ss_k_generate", "amdgcn-amd-amdhsa");
    }

    @Test
    void matchesTheNativeBackendOnAnAmdDevice() {
        BackendProbe p = new HipBackendProvider().probe();
        assumeTrue(p.available(), () -> "no HIP execution here: " + p.reason());
        assertThat(BackendAgreement.mismatches("hip", "native", 37)).isEmpty();
    }
}
